import type { Messages } from '../types'

export default {
  heading: 'Callbacks',
  private:
    'Callback records are for staff only; the public timeline says only that a callback took place, never whether the resident was reached, their view or the note.',
  empty: 'No callback yet.',
  saved: 'Callback recorded.',
  add: 'Record a callback',
  report: 'Report called back about',
  choose: 'Choose a report',
  reached: 'Was the resident reached?',
  reachedYes: 'Reached',
  reachedNo: 'Not reached',
  view: 'Resident’s view',
  viewHint: 'Only when the resident was reached.',
  views: { satisfied: 'Satisfied', neutral: 'Fairly satisfied', unsatisfied: 'Unsatisfied' },
  note: 'Note (optional)',
  noteHint: 'Up to 500 characters, seen by staff only.',
  submit: 'Save callback',
  errors: { view: 'Choose the resident’s view when they were reached' },
} satisfies Messages['callbacks']
