import type { DisplayPreference, ReportKind } from '../../db/schema'

/** 张伟 → 张*, 欧阳娜娜 → 欧***, Li Wei → L***: only the first character survives. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length === 0) return ''
  return chars[0] + '*'.repeat(Math.max(1, Math.min(chars.length - 1, 3)))
}

/**
 * What the public may see of who reported: nothing (the page says 市民, or 企业 for a demand)
 * unless the reporter ticked the separate consent, then the masked name — of the person for a
 * concern, of the company for a demand.
 */
export function publicReporterName(r: {
  kind: ReportKind
  contact_name: string | null
  company_name: string | null
  display: DisplayPreference
}): string | null {
  const name = r.kind === 'demand' ? r.company_name : r.contact_name
  if (r.display !== 'masked' || !name) return null
  return maskName(name)
}
