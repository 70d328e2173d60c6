import { z } from 'zod'
import { text } from '../platform/validation'

export const SignInSchema = z.object({
  email: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.string().email(),
  ),
  password: text(1, 200),
  redirectTo: z.string().optional(),
})
