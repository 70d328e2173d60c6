import * as echarts from 'echarts'
import { sql, type Kysely } from 'kysely'
import type { AreaBoundary, Database } from '../../../db/schema'
import { chinaToday } from '../../duties/working-days'
import { cached } from '../../platform/cache.server'
import { getEnv } from '../../platform/env.server'
import { translator, type Locale } from '../../platform/i18n'
import { fontSize, renderChart } from '../scoreboard/charts.server'

/**
 * Where problems are (issue 17): each street's open reports (pending, or linked to a duty still
 * assigned or in progress) and of them the overdue ones, counted the way the problem list
 * filters (/reports?area=<street> takes in its communities; &overdue=1 the duty past its
 * deadline), and drawn as a map of the streets that have a boundary.
 */
export interface AreaMapRow {
  id: number
  name: string
  open: number
  overdue: number
  mapped: boolean
}

export interface AreaMapView {
  caption: string
  svg: string | null
  rows: AreaMapRow[]
}

/** The view a page carries: the drawing is the image at `src` (null when no street has one). */
export type PageAreaMapView = Omit<AreaMapView, 'svg'> & { src: string | null }

const n = (v: unknown) => Number(v ?? 0)

/**
 * Two grouped reads that stay small at a million reports: pending reports by area (a partial
 * index, reports_pending_area) and the reports of open duties (duties_status_deadline, then the
 * link's key); the finished view is kept as long as the scoreboard's figures.
 */
async function loadView(db: Kysely<Database>, today: string, locale: Locale): Promise<AreaMapView> {
  const [areas, pending, duties] = await Promise.all([
    db
      .selectFrom('areas')
      .select(['id', 'name', 'name_en', 'level', 'parent_id', 'boundary'])
      .where('level', 'in', ['street', 'community'])
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('reports')
      .select((eb) => ['area_id', eb.fn.countAll<string | number>().as('n')])
      .where('status', '=', 'pending')
      .groupBy('area_id')
      .execute(),
    sql<{ area_id: number; open: string | number; overdue: string | number }>`
      select r.area_id, count(*) as open,
        count(*) filter (where d.deadline < ${today}::date) as overdue
      from duties d
      join duty_reports dr on dr.duty_id = d.id
      join reports r on r.id = dr.report_id
      where d.status in ('assigned', 'in_progress')
      group by r.area_id`.execute(db),
  ])
  const streetOf = new Map<number, number>()
  for (const a of areas)
    if (a.level === 'street') streetOf.set(a.id, a.id)
    else if (a.parent_id !== null) streetOf.set(a.id, a.parent_id)
  const rows = new Map<number, AreaMapRow>()
  const boundaries = new Map<number, AreaBoundary>()
  for (const a of areas.filter((a) => a.level === 'street')) {
    rows.set(a.id, {
      id: a.id,
      name: locale === 'en' ? a.name_en : a.name,
      open: 0,
      overdue: 0,
      mapped: a.boundary !== null,
    })
    if (a.boundary) boundaries.set(a.id, a.boundary)
  }
  const add = (areaId: number, open: number, overdue: number) => {
    const street = streetOf.get(areaId)
    const row = street === undefined ? undefined : rows.get(street)
    if (!row) return
    row.open += open
    row.overdue += overdue
  }
  for (const p of pending) add(p.area_id, n(p.n), 0)
  for (const d of duties.rows) add(d.area_id, n(d.open), n(d.overdue))
  const caption = translator(locale)('accountability.areaMap.caption')
  const list = Array.from(rows.values())
  return { caption, rows: list, svg: boundaries.size ? drawMap(caption, list, boundaries) : null }
}

// ECharts keeps maps in one process-wide registry; a render is synchronous, so one name will do.
const MAP_NAME = 'kaimen-streets'

function drawMap(caption: string, rows: AreaMapRow[], boundaries: Map<number, AreaBoundary>) {
  echarts.registerMap(MAP_NAME, {
    type: 'FeatureCollection',
    features: Array.from(boundaries, ([id, geometry]) => ({
      type: 'Feature',
      properties: { name: String(id) },
      geometry,
    })),
  } as Parameters<typeof echarts.registerMap>[1])
  const mapped = rows.filter((r) => boundaries.has(r.id))
  const byId = new Map(mapped.map((r) => [String(r.id), r]))
  const most = Math.max(1, ...mapped.map((r) => r.open))
  return renderChart(
    {
      visualMap: {
        type: 'continuous',
        min: 0,
        max: most,
        text: [String(most), '0'],
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        calculable: false,
        inRange: { color: ['#fdecea', '#e57373', '#8e0000'] },
        textStyle: { fontSize },
      },
      series: [
        {
          type: 'map',
          map: MAP_NAME,
          roam: false,
          selectedMode: false,
          emphasis: { disabled: true },
          left: 8,
          right: 8,
          top: 8,
          bottom: 48,
          labelLayout: { hideOverlap: true },
          label: {
            show: true,
            fontSize,
            color: '#222',
            backgroundColor: 'rgba(255,255,255,0.85)',
            padding: [1, 3],
            formatter: (p: { name: string }) => {
              const row = byId.get(p.name)
              return row ? `${row.name} ${row.open}` : ''
            },
          },
          itemStyle: { borderColor: '#555', borderWidth: 1 },
          data: mapped.map((r) => ({
            name: String(r.id),
            value: r.open,
            ...(r.overdue > 0 ? { itemStyle: { borderColor: '#b71c1c', borderWidth: 3 } } : {}),
          })),
        },
      ],
    },
    caption,
    320,
  )
}

/** The map and its table for today, kept like the scoreboard's figures. */
export function areaMapView(db: Kysely<Database>, locale: Locale): Promise<AreaMapView> {
  const today = chinaToday()
  return cached(
    `public:area-map:${today}:${locale}`,
    () => loadView(db, today, locale),
    getEnv().SCOREBOARD_SECONDS,
  )
}

/** For a page's loader: the table as text, the drawing as the address of its image. */
export async function areaMapForPage(
  db: Kysely<Database>,
  locale: Locale,
): Promise<PageAreaMapView> {
  const { svg, ...view } = await areaMapView(db, locale)
  return { ...view, src: svg ? `/charts/area-map.svg?lang=${locale}` : null }
}

/** Forget the kept map after a boundary changes. */
export const AREA_MAP_CACHE_PREFIX = 'public:area-map:'
