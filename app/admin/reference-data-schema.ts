import { z } from 'zod'
import { parseBoundary } from '../accountability/area-map/boundary'
import { id, optionalText, text } from '../platform/validation'
import { message } from '../platform/text'
import {
  AREA_CODE_PATTERN,
  AREA_LEVELS,
  patterned,
  REPORT_KINDS,
  SLUG_PATTERN,
  UNIT_KINDS,
} from './admin-options'

/** The forms of the operator's reference data, each checked in the browser and on the server. */

export const UnitSchema = z.object({
  id: id.optional(),
  slug: patterned(SLUG_PATTERN, 'admin.errors.slugFormat', 60),
  name: text(2, 60),
  nameEn: text(2, 120),
  kind: z.enum(UNIT_KINDS),
  parentId: id.optional(),
  phone: optionalText(40),
})

// The same bounds as the table's checks, so the database never has to refuse a typed value.
export const CategorySchema = z
  .object({
    id: id.optional(),
    slug: patterned(SLUG_PATTERN, 'admin.errors.slugFormat', 60),
    kind: z.enum(REPORT_KINDS),
    name: text(2, 60),
    nameEn: text(2, 120),
    responseDays: z.number().int().min(1).max(60),
    resolutionDays: z.number().int().min(1).max(365),
    defaultUnitId: id,
  })
  .refine((v) => v.responseDays <= v.resolutionDays, {
    path: ['resolutionDays'],
    message: message('admin.errors.limitsOrder'),
  })

export const AreaSchema = z
  .object({
    id: id.optional(),
    code: patterned(AREA_CODE_PATTERN, 'admin.errors.codeFormat', 40),
    name: text(2, 60),
    nameEn: text(2, 120),
    level: z.enum(AREA_LEVELS),
    parentId: id.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.level === 'district' && v.parentId)
      ctx.addIssue({
        code: 'custom',
        path: ['parentId'],
        message: message('admin.errors.districtNoParent'),
      })
    if (v.level !== 'district' && !v.parentId)
      ctx.addIssue({
        code: 'custom',
        path: ['parentId'],
        message: message(
          v.level === 'street' ? 'admin.errors.parentDistrict' : 'admin.errors.parentStreet',
        ),
      })
  })

export const RoutingRuleSchema = z.object({ categoryId: id, areaId: id, unitId: id })

/**
 * A street's map boundary, as GeoJSON text (the action puts an uploaded file's text here);
 * checked on the server only, since the browser cannot read the chosen file into the form.
 */
export const BoundarySchema = z.object({
  id,
  boundary: z
    .string({ required_error: message('admin.boundary.required') })
    .transform((text, ctx) => {
      const parsed = parseBoundary(text)
      if (parsed.ok) return parsed.boundary
      ctx.addIssue({ code: 'custom', message: message(parsed.error) })
      return z.NEVER
    }),
})
