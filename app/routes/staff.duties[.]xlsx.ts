import type { LoaderFunctionArgs } from '@remix-run/node'
import { getDb } from '../platform/db.server'
import { dutySheetRows, writeDutySheet } from '../duties/duty-sheet.server'
import { requireStaff } from '../staff/auth.server'
import { chinaToday } from '../duties/working-days'

/**
 * /staff/duties.xlsx: unit staff get their own unit's duty list; the coordinator the full list,
 * or one unit's with ?unit=<slug>.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'unit_staff', 'coordinator')
  const db = await getDb()
  let unitId: number | undefined
  let slug = 'all'
  if (staff.role === 'unit_staff') {
    if (staff.unitId === null) throw new Response('Forbidden', { status: 403 })
    unitId = staff.unitId
    slug = staff.unitSlug ?? String(staff.unitId)
  } else {
    const wanted = new URL(request.url).searchParams.get('unit')
    if (wanted) {
      const unit = await db
        .selectFrom('units')
        .select(['id', 'slug'])
        .where('slug', '=', wanted)
        .executeTakeFirst()
      if (!unit) throw new Response('No such unit', { status: 404 })
      unitId = unit.id
      slug = unit.slug
    }
  }
  const body = await writeDutySheet(await dutySheetRows(db, { unitId }))
  const filename = `duties-${slug}-${chinaToday()}.xlsx`
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(`履职清单-${slug}-${chinaToday()}.xlsx`)}`,
      'Cache-Control': 'private, no-store',
    },
  })
}
