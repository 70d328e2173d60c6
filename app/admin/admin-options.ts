import { z } from 'zod'
import type { AreaLevel, ReportKind, StaffRole, UnitKind } from '../../db/schema'
import type { MessageKey } from '../locales/types'
import { message } from '../platform/text'

/** The choices of the admin forms, shared by the browser and the server (no Node-only code). */
export const UNIT_KINDS = [
  'office',
  'street',
  'department',
  'enterprise_service',
] as const satisfies readonly UnitKind[]
export const REPORT_KINDS = ['concern', 'demand'] as const satisfies readonly ReportKind[]
export const AREA_LEVELS = [
  'district',
  'street',
  'community',
] as const satisfies readonly AreaLevel[]
export const STAFF_ROLES = [
  'coordinator',
  'unit_staff',
  'admin',
] as const satisfies readonly StaffRole[]

/** Lower-case words joined by hyphens: the part of a public address naming a unit or category. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
export const AREA_CODE_PATTERN = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/

/** A slug or code typed by the operator: trimmed, checked against its pattern. */
export function patterned(pattern: RegExp, key: MessageKey, max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || undefined : v),
    z.string().min(2).max(max).regex(pattern, message(key)),
  )
}

/** Caps of an uploaded duty list (the import page checks them before the server reads it). */
export const MAX_SHEET_BYTES = 2 * 1024 * 1024
export const MAX_SHEET_ROWS = 500
