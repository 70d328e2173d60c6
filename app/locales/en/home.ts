import type { Messages } from '../types'

export default {
  title: 'Kaimen · The public reports, units act in the open',
  description:
    'Report pressing problems and enterprise difficulties; follow each unit’s duty list and its progress.',
  heading: 'Have a problem? Say it.',
  lead: 'Every problem you report joins the problem list; a responsible unit commits in public, acts by a deadline and is judged by you.',
  stats: {
    heading: 'Right now',
    reports: 'Reports received',
    open: 'Duties open',
    resolved: 'Duties resolved',
    overdue: 'Duties overdue',
  },
  latest: {
    heading: 'Latest progress',
    empty: 'No progress yet.',
    percent: '{percent}% done',
  },
} satisfies Messages['home']
