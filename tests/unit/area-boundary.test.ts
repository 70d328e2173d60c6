import { describe, expect, it } from 'vitest'
import { MAX_BOUNDARY_BYTES, parseBoundary } from '../../app/accountability/area-map/boundary'

const ring = [
  [113.4, 23.1],
  [113.5, 23.1],
  [113.5, 23.2],
  [113.4, 23.1],
]
const polygon = { type: 'Polygon', coordinates: [ring] }

describe('a street boundary as uploaded', () => {
  it('accepts a geometry, a Feature or a FeatureCollection, kept as one MultiPolygon', () => {
    const multi = { type: 'MultiPolygon', coordinates: [[ring], [ring]] }
    expect(parseBoundary(JSON.stringify(polygon))).toEqual({
      ok: true,
      boundary: { type: 'MultiPolygon', coordinates: [[ring]] },
    })
    expect(parseBoundary(JSON.stringify({ type: 'Feature', geometry: multi }))).toEqual({
      ok: true,
      boundary: multi,
    })
    const collection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { name: 'a' }, geometry: polygon },
        { type: 'Feature', properties: null, geometry: multi },
      ],
    }
    expect(parseBoundary(JSON.stringify(collection))).toEqual({
      ok: true,
      boundary: { type: 'MultiPolygon', coordinates: [[ring], [ring], [ring]] },
    })
  })

  it('names what is wrong', () => {
    const error = (value: unknown) => {
      const parsed = parseBoundary(typeof value === 'string' ? value : JSON.stringify(value))
      return parsed.ok ? null : parsed.error
    }
    expect(error('{"type":')).toBe('admin.boundary.notJson')
    expect(error({ type: 'Point', coordinates: [113, 23] })).toBe('admin.boundary.type')
    expect(error({ type: 'LineString', coordinates: ring })).toBe('admin.boundary.type')
    expect(error({ type: 'FeatureCollection', features: [] })).toBe('admin.boundary.type')
    expect(error({ type: 'Polygon', coordinates: [[['a', 1]]] })).toBe('admin.boundary.type')
    expect(error({ type: 'Polygon', coordinates: [[...ring.slice(0, 3), [181, 23.1]]] })).toBe(
      'admin.boundary.range',
    )
    const south = ring.map(([lon, lat]) => [lon!, -lat! - 70])
    expect(error({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [south] } })).toBe(
      'admin.boundary.range',
    )
    expect(error({ type: 'Polygon', coordinates: [ring.slice(0, 3)] })).toBe('admin.boundary.ring')
    expect(error({ type: 'Polygon', coordinates: [[...ring.slice(0, 3), [113.45, 23.1]]] })).toBe(
      'admin.boundary.ring',
    )
    expect(error(JSON.stringify(polygon) + ' '.repeat(MAX_BOUNDARY_BYTES))).toBe(
      'admin.boundary.tooLarge',
    )
  })
})
