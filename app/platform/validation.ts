import { z } from 'zod'
import { cleanText, message } from './text'

/** Zod's own messages, in keys: used for every schema parsed with conform. */
export const errorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === 'undefined' || issue.received === 'null')
        return { message: message('validation.required') }
      return { message: message('validation.invalid') }
    case z.ZodIssueCode.too_small:
      if (issue.type === 'string')
        return { message: message('validation.tooShort', { min: Number(issue.minimum) }) }
      if (issue.type === 'array') return { message: message('validation.required') }
      return { message: message('validation.tooSmall', { min: Number(issue.minimum) }) }
    case z.ZodIssueCode.too_big:
      if (issue.type === 'string')
        return { message: message('validation.tooLong', { max: Number(issue.maximum) }) }
      if (issue.type === 'array')
        return { message: message('validation.tooMany', { max: Number(issue.maximum) }) }
      return { message: message('validation.tooBig', { max: Number(issue.maximum) }) }
    case z.ZodIssueCode.invalid_string:
      if (issue.validation === 'email') return { message: message('validation.email') }
      return { message: message('validation.invalid') }
    case z.ZodIssueCode.invalid_enum_value:
      return { message: message('validation.choose') }
    default:
      return {
        message:
          ctx.defaultError === 'Required'
            ? message('validation.required')
            : message('validation.invalid'),
      }
  }
}

z.setErrorMap(errorMap)


/** Every stored text is cleaned before it is measured; an all-blank value counts as missing. */
function cleaned(value: unknown): unknown {
  return typeof value === 'string' ? cleanText(value) || undefined : value
}

export function text(min: number, max: number) {
  return z.preprocess(cleaned, z.string().min(min).max(max))
}

export function optionalText(max: number) {
  return z.preprocess(cleaned, z.string().max(max).optional())
}
/** A positive integer id from a select or hidden field. */
export const id = z.coerce
  .number({ invalid_type_error: message('validation.choose') })
  .int()
  .positive()
