import { z } from 'zod'
import type { NoticeTable } from '../../db/schema'
import { text } from '../platform/validation'

export type NoticeKind = NoticeTable['kind']
export const NOTICE_KINDS = [
  'document',
  'decision',
  'consultation',
] as const satisfies readonly NoticeKind[]

/** The coordinator's form that publishes a campaign notice. */
export const NoticeSchema = z.object({
  kind: z.enum(NOTICE_KINDS),
  title: text(4, 120),
  body: text(10, 10000),
})
