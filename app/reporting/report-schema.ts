import { z } from 'zod'
import type { AreaLevel, DemandType, ReportKind } from '../../db/schema'
import { id, optionalText, text } from '../platform/validation'
import { message } from '../platform/text'
import {
  creditCodeProblem,
  MOBILE_PATTERN,
  normalizeCreditCode,
  normalizeEmail,
  normalizeMobile,
} from './report-validation'

/**
 * The report form's rules, shared by the browser (conform validates as the reporter types) and
 * the server (the action parses the same schema). Pure: no database, no Node-only module.
 */

export const MAX_PHOTOS = 3
/** Same cap as the server's image processing (MAX_IMAGE_BYTES); a unit test keeps them equal. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const

export const DEMAND_TYPES = [
  'policy',
  'approval',
  'financing',
  'hiring',
  'premises',
  'inspection',
  'other',
] as const satisfies readonly DemandType[]

/** A photo kept on the server between two submits of a form (see holdPhotos). */
export const HELD_PHOTO_KEY = /^pending\/\d{4}-\d{2}-\d{2}\/[A-Za-z0-9_-]{16}\.(?:jpeg|png|webp)$/

export interface AreaOption {
  id: number
  name: string
  level: AreaLevel
  parentId: number | null
}

export interface ReportFormOptions {
  categories: Array<{ id: number; name: string }>
  areas: AreaOption[]
}

function optionalContact(normalize: (v: string) => string, schema: z.ZodType<string>) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? normalize(v) || undefined : v),
    schema.optional(),
  )
}

/** Fields of a demand that a concern does not have: dropped if someone posts them anyway. */
const absent = z.unknown().transform(() => undefined)

export function reportSchema(kind: ReportKind, options: ReportFormOptions) {
  const categoryIds = new Set(options.categories.map((c) => c.id))
  const areas = new Map(options.areas.map((a) => [a.id, a]))
  const areaOf = (level: AreaLevel) =>
    id.refine((v) => areas.get(v)?.level === level, message('validation.choose'))
  const demand = kind === 'demand'

  return z
    .object({
      idempotencyKey: z
        .string()
        .regex(/^[\w-]{16,64}$/)
        .optional(),
      category: id.refine((v) => categoryIds.has(v), message('validation.choose')),
      district: areaOf('district'),
      street: areaOf('street'),
      community: areaOf('community').optional(),
      title: text(4, 80),
      body: text(10, 2000),
      address: optionalText(200),
      addressPublic: z.boolean().optional(),
      photos: z
        .array(z.instanceof(File))
        .optional()
        .superRefine((files, ctx) => {
          for (const file of files ?? []) {
            if (file.size > MAX_PHOTO_BYTES)
              ctx.addIssue({
                code: z.ZodIssueCode.custom,
                message: message('report.errors.photoTooLarge', {
                  name: file.name,
                  max: MAX_PHOTO_BYTES / 1024 / 1024,
                }),
              })
            else if (file.type && !(PHOTO_TYPES as readonly string[]).includes(file.type))
              ctx.addIssue({
                code: z.ZodIssueCode.custom,
                message: message('report.errors.photoType', { name: file.name }),
              })
          }
        }),
      heldPhoto: z.array(z.string().regex(HELD_PHOTO_KEY)).optional(),
      contactName: text(1, 30),
      mobile: optionalContact(
        normalizeMobile,
        // A refinement, not .regex(): a regex becomes the input's pattern attribute, and the
        // browser would refuse full-width digits before the normaliser ever sees them.
        z.string().refine((v) => MOBILE_PATTERN.test(v), message('report.errors.mobile')),
      ),
      email: optionalContact(normalizeEmail, z.string().email().max(254)),
      /** A separate, unticked consent: without it the public sees 市民 (or 企业). */
      showName: z.boolean().optional(),
      consent: z
        .boolean({ required_error: message('report.errors.consent') })
        .refine((v) => v, message('report.errors.consent')),
      companyName: demand ? text(2, 100) : absent,
      creditCode: demand
        ? z.preprocess(
            (v) => (typeof v === 'string' ? normalizeCreditCode(v) || undefined : v),
            z.string().superRefine((v, ctx) => {
              const problem = creditCodeProblem(v)
              if (problem)
                ctx.addIssue({
                  code: z.ZodIssueCode.custom,
                  message: message(
                    problem === 'format'
                      ? 'report.errors.creditCodeFormat'
                      : 'report.errors.creditCodeCheck',
                  ),
                })
            }),
          )
        : absent,
      demandType: demand ? z.enum(DEMAND_TYPES) : absent,
      /** Present when the reporter has seen similar reports and still files anew. */
      confirmNew: z.literal('yes').optional(),
      /** Present when the reporter has seen what the public will read of a masked text. */
      confirmPublic: z.literal('yes').optional(),
    })
    .superRefine((v, ctx) => {
      const street = areas.get(v.street)
      if (street && street.parentId !== v.district)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['street'],
          message: message('validation.choose'),
        })
      if (v.community !== undefined && areas.get(v.community)?.parentId !== v.street)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['community'],
          message: message('validation.choose'),
        })
      if (!v.mobile && !v.email)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['mobile'],
          message: message('report.errors.contactNeeded'),
        })
      if ((v.photos?.length ?? 0) + (v.heldPhoto?.length ?? 0) > MAX_PHOTOS)
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['photos'],
          message: message('validation.tooMany', { max: MAX_PHOTOS }),
        })
    })
}

export type ReportFormValue = z.output<ReturnType<typeof reportSchema>>
