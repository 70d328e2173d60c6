import { z } from 'zod'
import type { AreaBoundary } from '../../../db/schema'
import type { MessageKey } from '../../locales/types'

/**
 * A street's boundary as the admin uploads it: a GeoJSON Feature or FeatureCollection (or a
 * bare geometry) of Polygons and MultiPolygons, in longitude/latitude (RFC 7946). It is kept
 * as one MultiPolygon, whatever shape it came in.
 */
export const MAX_BOUNDARY_BYTES = 200 * 1024

const position = z
  .array(z.number().finite())
  .min(2)
  .max(3)
  .refine(([lon, lat]) => Math.abs(lon!) <= 180 && Math.abs(lat!) <= 90, { message: 'range' })
// A linear ring: four positions at least, the last the same as the first (RFC 7946 §3.1.6).
const ring = z
  .array(position)
  .min(4)
  .refine((r) => r[0]![0] === r.at(-1)![0] && r[0]![1] === r.at(-1)![1], { message: 'ring' })
const polygon = z.array(ring).min(1)
const geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: polygon }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon).min(1) }),
])
const feature = z.object({ type: z.literal('Feature'), geometry })
const upload = z.union([
  geometry,
  feature,
  z.object({ type: z.literal('FeatureCollection'), features: z.array(feature).min(1) }),
])

export type BoundaryResult = { ok: true; boundary: AreaBoundary } | { ok: false; error: MessageKey }

/** Reads an uploaded text as a boundary, or says in one message what is wrong with it. */
export function parseBoundary(text: string): BoundaryResult {
  if (new TextEncoder().encode(text).length > MAX_BOUNDARY_BYTES)
    return { ok: false, error: 'admin.boundary.tooLarge' }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, error: 'admin.boundary.notJson' }
  }
  const parsed = upload.safeParse(json)
  if (!parsed.success) {
    const messages = parsed.error.issues.flatMap((i) =>
      i.code === 'invalid_union' ? i.unionErrors.flatMap((e) => e.issues) : [i],
    )
    const said = (m: string) => messages.some((i) => i.message === m)
    if (said('range')) return { ok: false, error: 'admin.boundary.range' }
    if (said('ring')) return { ok: false, error: 'admin.boundary.ring' }
    return { ok: false, error: 'admin.boundary.type' }
  }
  const value = parsed.data
  const geometries =
    value.type === 'FeatureCollection'
      ? value.features.map((f) => f.geometry)
      : value.type === 'Feature'
        ? [value.geometry]
        : [value]
  const coordinates = geometries.flatMap((g) =>
    g.type === 'Polygon' ? [g.coordinates] : g.coordinates,
  )
  return { ok: true, boundary: { type: 'MultiPolygon', coordinates } }
}
