/**
 * What the public may read of a text someone typed: mainland mobile numbers, landlines,
 * resident ID numbers, email addresses, bank card numbers and the report's own private address
 * are masked, wherever they stand in the text. Staff keep the original; everything public
 * (pages, search, feeds, exports, Open311) reads only the masked version.
 */

export const MASK = '＊＊＊'

export type PersonalDataKind = 'mobile' | 'landline' | 'idNumber' | 'email' | 'bankCard' | 'address'

export interface PersonalDataMatch {
  kind: PersonalDataKind
  start: number
  end: number
}

/**
 * Full-width digits, letters and signs become their ASCII forms one character for one, so a
 * pattern finds `１３８…` and the positions still point into the original text.
 */
function halfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** GB 11643-1999: the 18th character is a check over the first 17. */
export function isResidentIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/i.test(value)) return false
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(value[i]), 0)
  return ID_CHECK[sum % 11] === value[17]!.toUpperCase()
}

/** The Luhn check that bank card numbers carry. */
export function passesLuhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

const digitsOf = (s: string) => s.replace(/\D/g, '')

// A separator that people put inside a number: a space, a hyphen or a dot.
const SEP = '[ \\t.\\-]?'

const patterns: Array<{
  kind: PersonalDataKind
  pattern: RegExp
  accept?: (match: string) => boolean
}> = [
  {
    kind: 'email',
    pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
  },
  {
    kind: 'idNumber',
    pattern: new RegExp(
      `(?<![0-9A-Za-z])\\d{6}${SEP}\\d{8}${SEP}\\d{3}[0-9Xx](?![0-9A-Za-z])`,
      'g',
    ),
    accept: (m) => isResidentIdNumber(m.replace(/[ \t.-]/g, '')),
  },
  {
    kind: 'bankCard',
    pattern: new RegExp(`(?<![0-9])\\d{4}(?:${SEP}\\d{2,4}){3,4}(?:${SEP}\\d{1,3})?(?![0-9])`, 'g'),
    accept: (m) => {
      const d = digitsOf(m)
      return d.length >= 16 && d.length <= 19 && passesLuhn(d)
    },
  },
  {
    kind: 'mobile',
    pattern: new RegExp(
      `(?<![0-9])(?:(?:\\+|00)?86${SEP})?1[3-9]\\d(?:${SEP}\\d){8}(?![0-9])`,
      'g',
    ),
  },
  {
    // Area code (3 or 4 digits starting with 0, perhaps in brackets) and a 7- or 8-digit number.
    kind: 'landline',
    pattern: new RegExp(
      `(?<![0-9])(?:\\(0\\d{2,3}\\)|（0\\d{2,3}）|0\\d{2,3})${SEP}[2-9]\\d{2,3}${SEP}\\d{4}(?![0-9])`,
      'g',
    ),
    accept: (m) => {
      const d = digitsOf(m)
      return d.length >= 10 && d.length <= 12
    },
  },
]

/** Every piece of personal data in the text, in order, without overlaps. */
export function findPersonalData(
  text: string,
  privateAddresses: ReadonlyArray<string | null | undefined> = [],
): PersonalDataMatch[] {
  const probe = halfWidth(text)
  const found: PersonalDataMatch[] = []
  const taken = (start: number, end: number) => found.some((f) => start < f.end && end > f.start)
  for (const address of privateAddresses) {
    const needle = address?.trim()
    if (!needle || needle.length < 2) continue
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
      if (!taken(at, at + needle.length))
        found.push({ kind: 'address', start: at, end: at + needle.length })
    }
  }
  for (const { kind, pattern, accept } of patterns) {
    for (const match of probe.matchAll(pattern)) {
      const start = match.index
      const end = start + match[0].length
      if (accept && !accept(match[0])) continue
      if (!taken(start, end)) found.push({ kind, start, end })
    }
  }
  return found.sort((a, b) => a.start - b.start)
}

/** The text as the public sees it: each piece of personal data replaced by ＊＊＊. */
export function publicText(
  text: string,
  privateAddresses: ReadonlyArray<string | null | undefined> = [],
): string {
  const found = findPersonalData(text, privateAddresses)
  if (!found.length) return text
  let out = ''
  let at = 0
  for (const f of found) {
    out += text.slice(at, f.start) + MASK
    at = f.end
  }
  return out + text.slice(at)
}
