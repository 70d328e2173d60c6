import { z } from 'zod'
import { text } from '../platform/validation'

/** The track form: a tracking code and the mobile or email the reporter gave with it. */
export const TrackSchema = z.object({ code: text(4, 40), contact: text(5, 254) })
