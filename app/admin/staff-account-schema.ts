import { z } from 'zod'
import { id, text } from '../platform/validation'
import { message } from '../platform/text'
import { STAFF_ROLES } from './admin-options'

/** An officer's account as the admin creates or edits it; only unit staff belong to a unit. */
export const StaffAccountSchema = z
  .object({
    id: id.optional(),
    email: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
      z.string().email().max(200),
    ),
    name: text(2, 40),
    role: z.enum(STAFF_ROLES),
    unitId: id.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'unit_staff' && !v.unitId)
      ctx.addIssue({
        code: 'custom',
        path: ['unitId'],
        message: message('admin.errors.unitForRole'),
      })
    if (v.role !== 'unit_staff' && v.unitId)
      ctx.addIssue({
        code: 'custom',
        path: ['unitId'],
        message: message('admin.errors.unitOnlyForUnitStaff'),
      })
  })

/** The one-button actions on an account's row; each is the form's `intent`. */
export const STAFF_ROW_ACTIONS = ['disable', 'enable', 'reset', 'signOut'] as const
export type StaffRowAction = (typeof STAFF_ROW_ACTIONS)[number]
