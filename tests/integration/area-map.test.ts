import type { ActionFunctionArgs } from '@remix-run/node'
import { beforeAll, describe, expect, it } from 'vitest'
import { seed } from '../../db/seed'
import { loader as chartLoader } from '../../app/routes/charts.$name'
import { action as areasAction, loader as areasLoader } from '../../app/routes/admin.areas'
import { loader as reportsLoader } from '../../app/routes/reports._index'
import { loader as scoreboardLoader } from '../../app/routes/scoreboard'
import { createStaffSession } from '../../app/staff/staff.server'
import { STAFF_COOKIE } from '../../app/staff/auth.server'
import { chinaToday } from '../../app/duties/working-days'
import { setupTestDatabase } from '../support/database'
import { BASE, getRequest, settle } from '../support/requests'

/**
 * The area map (issue 17): the admin uploads each street's boundary; /reports and /scoreboard
 * show the streets' open and overdue counts as a map image and a table linking to the list.
 */
const database = setupTestDatabase()
const db = () => database.current.db

const cookies: Record<'admin' | 'coordinator' | 'unit', string> = {
  admin: '',
  coordinator: '',
  unit: '',
}

async function cookieFor(email: string) {
  const user = await db()
    .selectFrom('staff_users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow()
  return `${STAFF_COOKIE}=${encodeURIComponent(await createStaffSession(db(), user.id))}`
}

beforeAll(async () => {
  await seed(db(), { demo: true })
  cookies.admin = await cookieFor('admin@kaimen.local')
  cookies.coordinator = await cookieFor('coordinator@kaimen.local')
  cookies.unit = await cookieFor('huangpu@kaimen.local')
})

async function areaId(code: string) {
  return (
    await db().selectFrom('areas').select('id').where('code', '=', code).executeTakeFirstOrThrow()
  ).id
}

const square = (lon: number, lat: number) => [
  [
    [lon, lat],
    [lon + 0.01, lat],
    [lon + 0.01, lat + 0.01],
    [lon, lat + 0.01],
    [lon, lat],
  ],
]

/** Posts the boundary form as a browser does (multipart, a file and/or the text). */
async function postBoundary(
  who: keyof typeof cookies | 'anonymous',
  fields: Record<string, string>,
  file?: { text: string; name?: string },
) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  body.append(
    'boundaryFile',
    new File(file ? [file.text] : [], file ? (file.name ?? 'boundary.geojson') : '', {
      type: 'application/geo+json',
    }),
  )
  const request = new Request(`${BASE}/admin/areas`, {
    method: 'POST',
    body,
    headers: { origin: BASE, ...(who === 'anonymous' ? {} : { cookie: cookies[who] }) },
  })
  const outcome = await settle(() =>
    (areasAction as (a: ActionFunctionArgs) => Promise<unknown>)({
      request,
      params: {},
      context: {},
    }),
  )
  if (outcome instanceof Response)
    return { status: outcome.status, location: outcome.headers.get('location'), errors: null }
  const wrapped = outcome as {
    data: { result?: { error?: Record<string, string[] | null> }; rowErrors?: string[] }
    init: ResponseInit | null
  }
  return {
    status: wrapped.init?.status ?? 200,
    location: null,
    errors: wrapped.data.result?.error ?? null,
  }
}

async function boundaryOf(id: number) {
  return (
    await db().selectFrom('areas').select('boundary').where('id', '=', id).executeTakeFirstOrThrow()
  ).boundary
}

async function mapSvg(lang = 'zh-CN', headers: Record<string, string> = {}) {
  return (await settle(() =>
    chartLoader({
      request: new Request(`${BASE}/charts/area-map.svg?lang=${lang}`, { headers }),
      params: { name: 'area-map.svg' },
      context: {},
    }),
  )) as Response
}

/** The map's regions: one filled path per data item of the map series. */
function regions(svg: string): string[] {
  return Array.from(svg.matchAll(/<path [^>]*ecmeta_data_index="(\d+)"/g), (m) => m[1]!)
}

describe('uploading a street boundary', () => {
  it('stores a FeatureCollection file as one MultiPolygon and logs the change', async () => {
    const id = await areaId('hp-yuzhu')
    const collection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {},
          geometry: { type: 'Polygon', coordinates: square(113.5, 23.1) },
        },
        {
          type: 'Feature',
          properties: { name: 'island' },
          geometry: { type: 'MultiPolygon', coordinates: [square(113.52, 23.1)] },
        },
      ],
    }
    const answer = await postBoundary(
      'admin',
      { intent: 'boundary', id: String(id) },
      { text: JSON.stringify(collection), name: 'yuzhu.geojson' },
    )
    expect(answer.status).toBe(302)
    expect(answer.location).toBe(`/admin/areas?edit=${id}&saved=${id}#boundary-form`)
    expect(await boundaryOf(id)).toEqual({
      type: 'MultiPolygon',
      coordinates: [square(113.5, 23.1), square(113.52, 23.1)],
    })
    const event = await db()
      .selectFrom('events')
      .select(['actor', 'public', 'data'])
      .where('type', '=', 'admin.area.boundary_set')
      .executeTakeFirstOrThrow()
    expect(event.public).toBe(false)
    expect(event.actor).toMatch(/^staff:\d+$/)
    expect(event.data).toMatchObject({ areaId: id, polygons: 2 })
  })

  it('takes pasted text as well, and the admin list says which streets have one', async () => {
    const id = await areaId('hp-dasha')
    const feature = {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: square(113.4, 23.06) },
    }
    const answer = await postBoundary('admin', {
      intent: 'boundary',
      id: String(id),
      boundary: JSON.stringify(feature),
    })
    expect(answer.status).toBe(302)
    expect(await boundaryOf(id)).toEqual({
      type: 'MultiPolygon',
      coordinates: [square(113.4, 23.06)],
    })
    const page = await areasLoader({
      request: getRequest('/admin/areas', cookies.admin),
      params: {},
      context: {},
    })
    expect(page.areas.find((a) => a.id === id)?.bounded).toBe(true)
  })

  it('refuses what is not a street boundary, with the reason beside the text', async () => {
    const id = await areaId('hp-nangang')
    const before = await boundaryOf(id)
    const point = { type: 'Feature', geometry: { type: 'Point', coordinates: [113.5, 23.1] } }
    const far = {
      type: 'Polygon',
      coordinates: [
        [
          [113, 23],
          [190, 23],
          [113, 24],
          [113, 23],
        ],
      ],
    }
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [113, 23],
          [114, 23],
          [113, 24],
          [113.5, 24],
        ],
      ],
    }
    const huge =
      JSON.stringify({ type: 'Polygon', coordinates: square(113.4, 23.06) }) +
      ' '.repeat(205 * 1024)
    const cases: Array<[Record<string, string>, { text: string } | undefined, string]> = [
      [{ boundary: '{"type": "Polygon",' }, undefined, 'admin.boundary.notJson'],
      [{}, { text: 'not json at all' }, 'admin.boundary.notJson'],
      [{ boundary: JSON.stringify(point) }, undefined, 'admin.boundary.type'],
      [{ boundary: JSON.stringify(far) }, undefined, 'admin.boundary.range'],
      [{ boundary: JSON.stringify(open) }, undefined, 'admin.boundary.ring'],
      [{}, { text: huge }, 'admin.boundary.tooLarge'],
      [{ boundary: '' }, undefined, 'admin.boundary.required'],
    ]
    for (const [fields, file, key] of cases) {
      const answer = await postBoundary(
        'admin',
        { intent: 'boundary', id: String(id), ...fields },
        file,
      )
      expect(answer.status, key).toBe(400)
      expect(answer.errors?.boundary, key).toEqual([key])
    }
    expect(await boundaryOf(id)).toEqual(before)
  })

  it('gives only streets a boundary', async () => {
    const community = await areaId('hp-nangang-1')
    const answer = await postBoundary('admin', {
      intent: 'boundary',
      id: String(community),
      boundary: JSON.stringify({ type: 'Polygon', coordinates: square(113.4, 23.06) }),
    })
    expect(answer.status).toBe(400)
    expect(answer.errors?.boundary).toEqual(['admin.boundary.streetOnly'])
    expect(await boundaryOf(community)).toBeNull()
  })

  it('lets no one but the admin upload or remove one', async () => {
    const id = await areaId('hp-luogang')
    const before = await boundaryOf(id)
    const fields = {
      intent: 'boundary',
      id: String(id),
      boundary: JSON.stringify({ type: 'Polygon', coordinates: square(113.4, 23.06) }),
    }
    for (const who of ['coordinator', 'unit'] as const) {
      expect((await postBoundary(who, fields)).status, who).toBe(403)
      expect((await postBoundary(who, { intent: 'boundary-clear', id: String(id) })).status).toBe(
        403,
      )
    }
    const anonymous = await postBoundary('anonymous', fields)
    expect(anonymous.status).toBe(302)
    expect(anonymous.location).toMatch(/^\/sign-in/)
    expect(await boundaryOf(id)).toEqual(before)
  })
})

describe('the area map on the public pages', () => {
  it('counts each street’s open and overdue reports as the problem list filters them', async () => {
    const { areaMap } = await reportsLoader({
      request: getRequest('/reports'),
      params: {},
      context: {},
    })
    const streets = await db()
      .selectFrom('areas')
      .select(['id', 'name'])
      .where('level', '=', 'street')
      .orderBy('sort_order')
      .execute()
    expect(areaMap.rows.map((r) => r.name)).toEqual(streets.map((s) => s.name))
    // Counted here report by report, the slow way, against the kept figures.
    const today = chinaToday()
    const reports = await db()
      .selectFrom('reports as r')
      .innerJoin('areas as a', 'a.id', 'r.area_id')
      .leftJoin('duty_reports as dr', 'dr.report_id', 'r.id')
      .leftJoin('duties as d', 'd.id', 'dr.duty_id')
      .select(['a.id', 'a.level', 'a.parent_id', 'r.status', 'd.status as duty', 'd.deadline'])
      .execute()
    let overdueSeen = 0
    for (const row of areaMap.rows) {
      const mine = reports.filter((r) => r.id === row.id || r.parent_id === row.id)
      const open = mine.filter(
        (r) => r.status === 'pending' || r.duty === 'assigned' || r.duty === 'in_progress',
      )
      const overdue = open.filter((r) => r.deadline !== null && r.deadline < today && r.duty)
      expect([row.open, row.overdue], row.name).toEqual([open.length, overdue.length])
      overdueSeen += row.overdue
      // The table's links: the street's list, and its overdue part.
      const list = await reportsLoader({
        request: getRequest(`/reports?area=${row.id}&overdue=1`),
        params: {},
        context: {},
      })
      expect(list.filters.area).toBe(row.id)
      expect(list.page.total, row.name).toBe(row.overdue)
      const all = await reportsLoader({
        request: getRequest(`/reports?area=${row.id}`),
        params: {},
        context: {},
      })
      expect(all.page.total, row.name).toBe(mine.length)
    }
    expect(overdueSeen).toBeGreaterThan(0)
    expect(areaMap.rows.reduce((sum, r) => sum + r.open, 0)).toBeGreaterThan(0)
  })

  it('draws one region per street with a boundary, labelled with the table’s numbers', async () => {
    // The seed's boundaries again (it fills in those that are missing): each large enough for
    // its label, which the map leaves out where labels would overlap.
    await db().updateTable('areas').set({ boundary: null }).execute()
    await seed(db(), { demo: false })
    const { areaMap } = await scoreboardLoader({
      request: getRequest('/scoreboard'),
      params: {},
      context: {},
    })
    expect(areaMap.src).toBe('/charts/area-map.svg?lang=zh-CN')
    const response = await mapSvg()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^image\/svg\+xml/)
    const svg = await response.text()
    const mapped = areaMap.rows.filter((r) => r.mapped)
    expect(mapped.length).toBe(areaMap.rows.length)
    expect(regions(svg)).toHaveLength(mapped.length)
    for (const row of mapped) expect(svg).toContain(`>${row.name} ${row.open}</text>`)
    // Drawn for a phone: scaled by its viewBox, no text under 12 units.
    expect(svg).toMatch(/viewBox="0 0 340 320"/)
    const sizes = Array.from(svg.matchAll(/font-size:(\d+)px/g), (m) => Number(m[1]))
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12)
    // Kept and validated like the scoreboard's charts.
    // Drawn again (nothing kept in tests), the same bytes: the gradient ids are renumbered too.
    expect(await (await mapSvg()).text()).toBe(svg)
    const etag = response.headers.get('etag')
    expect(etag).toBeTruthy()
    expect((await mapSvg('zh-CN', { 'if-none-match': etag! })).status).toBe(304)
    const english = await (await mapSvg('en')).text()
    expect(english).toContain('Huangpu Street')
  })

  it('keeps a street without a boundary in the table, and off the map', async () => {
    const id = await areaId('hp-hongshan')
    const removed = await postBoundary('admin', { intent: 'boundary-clear', id: String(id) })
    expect(removed.status).toBe(302)
    expect(await boundaryOf(id)).toBeNull()
    const { areaMap } = await reportsLoader({
      request: getRequest('/reports'),
      params: {},
      context: {},
    })
    const row = areaMap.rows.find((r) => r.id === id)
    expect(row).toMatchObject({ mapped: false })
    const svg = await (await mapSvg()).text()
    expect(regions(svg)).toHaveLength(areaMap.rows.length - 1)
    expect(svg).not.toContain(`>${row!.name} `)
  })

  it('has no image when no street has a boundary, and the table still lists them', async () => {
    await db().updateTable('areas').set({ boundary: null }).execute()
    const { areaMap } = await reportsLoader({
      request: getRequest('/reports'),
      params: {},
      context: {},
    })
    expect(areaMap.src).toBeNull()
    expect(areaMap.rows.length).toBeGreaterThan(0)
    expect((await mapSvg()).status).toBe(404)
  })
})
