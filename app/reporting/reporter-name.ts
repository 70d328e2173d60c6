import type { DisplayPreference } from '../../db/schema'

/** 张伟 → 张*, 欧阳娜娜 → 欧***, Li Wei → L***: only the first character survives. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length === 0) return ''
  return chars[0] + '*'.repeat(Math.max(1, Math.min(chars.length - 1, 3)))
}

/** What the public may see of a reporter's name: masked, or nothing at all. */
export function publicReporterName(name: string | null, display: DisplayPreference): string | null {
  if (display === 'anonymous' || !name) return null
  return maskName(name)
}
