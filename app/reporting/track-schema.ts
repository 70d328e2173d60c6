import { z } from 'zod'
import { text } from '../platform/validation'

const folded = (schema: z.ZodType<string, z.ZodTypeDef, unknown>) =>
  z.preprocess((v) => (typeof v === 'string' ? v.normalize('NFKC') : v), schema)

/**
 * The track form: a tracking code and the mobile or email the reporter gave with it, full-width
 * characters folded (the lookup compares them as normalizeTrackingCode and normalizeMobile do).
 */
export const TrackSchema = z.object({ code: folded(text(4, 40)), contact: folded(text(5, 254)) })
