import { z } from 'zod'
import { text } from '../platform/validation'
import { message } from '../platform/text'

/** An officer's own password change: the current one, and the new one typed twice. */
export const PasswordSchema = z
  .object({ current: text(1, 200), next: text(10, 200), confirm: text(1, 200) })
  .refine((v) => v.next === v.confirm, {
    path: ['confirm'],
    message: message('auth.password.mismatch'),
  })
