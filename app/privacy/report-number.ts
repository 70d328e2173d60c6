/**
 * A report has two identifiers. Its public number (编号) names it everywhere the public looks:
 * lists, pages, exports, feeds and Open311's service_request_id. Its tracking code (查询码) is
 * the reporter's secret and appears only on the receipt, in their own messages and on their
 * private pages (docs/decisions/022-safe-to-report.md). The number is the report's id, which
 * the public page's address shows anyway, written with six digits at least.
 */
export function reportNumber(id: number): string {
  return String(id).padStart(6, '0')
}

/** The id a public number names, or null if the text is no public number. */
export function parseReportNumber(text: string): number | null {
  if (!/^\d{1,10}$/.test(text.trim())) return null
  const id = Number(text.trim())
  return id >= 1 && id <= 2_147_483_647 ? id : null
}
