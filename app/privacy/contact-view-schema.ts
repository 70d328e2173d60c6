import { z } from 'zod'
import { text } from '../platform/validation'

/** The intent a "查看联系方式" form posts, beside the page's own intents. */
export const CONTACT_INTENT = 'contact'

/** Why the officer opens a reporter's contact details: logged with every view. */
export const ContactViewSchema = z.object({
  intent: z.literal(CONTACT_INTENT),
  reason: text(2, 200),
})

/** The same reason, asked before an Excel export that carries the contact details. */
export const ContactExportSchema = z.object({
  reason: text(2, 200),
  unit: z.string().max(80).optional(),
})

/** One reporter's contact details as a view shows them (never kept in the log). */
export interface ReporterContact {
  reportId: number
  number: string
  title: string
  /** The details were erased by the retention job: nothing is left to show. */
  erased: boolean
  name: string | null
  mobile: string | null
  email: string | null
  companyName: string | null
  creditCode: string | null
  photos: Array<{ key: string; width: number | null; height: number | null }>
}
