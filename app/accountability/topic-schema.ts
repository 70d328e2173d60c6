import { z } from 'zod'
import { id, text } from '../platform/validation'

/** The coordinator's form that opens a focus topic (集中整治) over chosen duties. */
export const TopicSchema = z.object({
  title: text(4, 80),
  description: text(10, 2000),
  leadUnitId: id,
  dutyIds: z.array(id).min(1).max(100),
})
