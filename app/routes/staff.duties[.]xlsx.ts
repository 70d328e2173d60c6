import { parseWithZod } from '@conform-to/zod'
import { redirect } from '@remix-run/node'
import { getDb } from '../platform/db.server'
import { domainLoader, formAction } from '../platform/http.server'
import { dutySheetFile, type DutySheetFile } from '../duties/sheet/sheet-write.server'
import { ContactExportSchema } from '../privacy/contact-view-schema'
import { requireStaff } from '../staff/auth.server'
import { machineHeaders } from '../platform/response/security-headers.server'

/**
 * /staff/duties.xlsx: unit staff get their own unit's duty list; the coordinator the full list,
 * or one unit's with ?unit=<slug>. A POST with a reason (the "导出含联系方式" form on
 * /staff/import) adds the reporters' contact details and logs one view per report.
 */
export const loader = /* @__PURE__ */ domainLoader(async ({ request }) => {
  const staff = await requireStaff(request, 'unit_staff', 'coordinator')
  const unit = new URL(request.url).searchParams.get('unit')
  return sheetResponse(await dutySheetFile(await getDb(), staff, unit))
})

export const action = /* @__PURE__ */ formAction(async ({ request, form }) => {
  const staff = await requireStaff(request, 'unit_staff', 'coordinator')
  const submission = parseWithZod(form, { schema: ContactExportSchema })
  // The form checks the reason in the browser, with or without script; a reason that only
  // the server refuses (blank once cleaned) goes back to the form with what was typed.
  if (submission.status !== 'success') {
    const back = new URLSearchParams({ contactReason: String(form.get('reason') ?? '') })
    return redirect(`/staff/import?${back}#contact-export`)
  }
  const { reason, unit } = submission.value
  return sheetResponse(await dutySheetFile(await getDb(), staff, unit || null, reason))
})

function sheetResponse(file: DutySheetFile): Response {
  const filename = `duties-${file.slug}-${file.day}.xlsx`
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      ...machineHeaders,
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(`履职清单-${file.slug}-${file.day}.xlsx`)}`,
      'Cache-Control': 'private, no-store',
    },
  })
}
