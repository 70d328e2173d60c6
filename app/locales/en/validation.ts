import type { Messages } from '../types'

export default {
  required: 'Please fill this in',
  choose: 'Please choose one',
  invalid: 'This does not look right',
  tooShort: 'At least {min} characters',
  tooLong: 'At most {max} characters',
  tooSmall: 'Must be at least {min}',
  tooBig: 'Must be at most {max}',
  tooMany: 'At most {max}',
  email: 'Please enter a valid email address, such as name@example.com',
  formInvalid: 'Some fields need changes: see the notes below each one.',
  conflict:
    'Someone else changed this record a moment ago. Reload the page, check the latest version and submit again.',
} satisfies Messages['validation']
