import { z } from 'zod'
import { isRealDay, message } from '../platform/text'
import { MAX_NAME_LENGTH, parseCalendarLines, type CalendarEntry } from './calendar-lines'

/** The admin's calendar forms, checked in the browser and on the server. */

/** Lines as in the State Council's notice; every line that cannot be read is named. */
export const CalendarLinesSchema = z.object({
  lines: z
    .string({ required_error: message('admin.calendar.errors.empty') })
    .max(20_000)
    .transform((text, ctx): CalendarEntry[] => {
      const parsed = parseCalendarLines(text)
      if (parsed.ok) return parsed.entries
      for (const error of parsed.errors)
        ctx.addIssue({ code: 'custom', message: message(error.key, { line: error.line }) })
      return z.NEVER
    }),
})

/** One day, added or changed (the form of the "change" link). */
export const CalendarDaySchema = z.object({
  day: z
    .string({ required_error: message('admin.calendar.errors.dayRequired') })
    .refine(isRealDay, message('admin.calendar.errors.dayRequired')),
  kind: z.enum(['holiday', 'workday']),
  name: z
    .string({ required_error: message('admin.calendar.errors.nameRequired') })
    .trim()
    .min(1, message('admin.calendar.errors.nameRequired'))
    .max(MAX_NAME_LENGTH, message('admin.calendar.errors.nameTooLong')),
})
