import { getDb } from '../platform/db.server'
import { domainLoader } from '../platform/http.server'
import { dutySheetFile } from '../duties/sheet/sheet-write.server'
import { requireStaff } from '../staff/auth.server'
import { machineHeaders } from '../platform/response/security-headers.server'

/**
 * /staff/duties.xlsx: unit staff get their own unit's duty list; the coordinator the full list,
 * or one unit's with ?unit=<slug>.
 */
export const loader = /* @__PURE__ */ domainLoader(async ({ request }) => {
  const staff = await requireStaff(request, 'unit_staff', 'coordinator')
  const unit = new URL(request.url).searchParams.get('unit')
  const file = await dutySheetFile(await getDb(), staff, unit)
  const filename = `duties-${file.slug}-${file.day}.xlsx`
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      ...machineHeaders,
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(`履职清单-${file.slug}-${file.day}.xlsx`)}`,
      'Cache-Control': 'private, no-store',
    },
  })
})
