import { z } from 'zod'
import { MAX_SHEET_BYTES } from '../../admin/admin-options'
import { id } from '../../platform/validation'
import { message } from '../../platform/text'

export const SHEET_MB = MAX_SHEET_BYTES / 1024 / 1024
/** Room for the form around the file; a larger body gets the plain 413. */
export const SHEET_FORM_MAX_BYTES = MAX_SHEET_BYTES * 2

/** The duty list upload: a category for the new duties and the .xlsx file. */
export const SheetImportSchema = z.object({
  categoryId: id,
  file: z
    .instanceof(File, { message: message('validation.required') })
    .refine((f) => f.size > 0, message('validation.required'))
    .refine(
      (f) => f.size <= MAX_SHEET_BYTES,
      message('admin.sheet.issues.tooLarge', { mb: SHEET_MB }),
    ),
})
