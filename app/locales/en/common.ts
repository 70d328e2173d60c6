import type { Messages } from '../types'

export default {
  siteName: 'Kaimen',
  siteTagline: 'Open-door education · public oversight',
  skipToContent: 'Skip to content',
  nav: {
    label: 'Main navigation',
    home: 'Home',
    report: 'Report a problem',
    track: 'Track',
    reports: 'Problem list',
    duties: 'Duty lists',
    units: 'Units',
    scoreboard: 'Scoreboard',
    topics: 'Focus topics',
    notices: 'Notices',
    staff: 'Staff sign-in',
  },
  textSize: {
    large: 'Large text',
    standard: 'Standard text',
  },
  language: {
    label: 'Language',
    switchTo: '中文',
    switchToLang: 'zh-CN',
  },
  footer: {
    about:
      'Open-door education: the problem list becomes each unit’s duty list; the public oversees every rectification and judges its result.',
    privacy:
      'We never publish a reporter’s contact details; names are masked or hidden as the reporter chose.',
  },
  error: {
    title: 'Something went wrong',
    notFound: 'We could not find this page.',
    forbidden: 'You do not have permission to see this page.',
    unauthorized: 'Please sign in first.',
    tooMany: 'Too many requests. Please try again later.',
    server: 'The server ran into a problem and we have logged it. Please try again later.',
    backHome: 'Back to home',
  },
  date: {
    today: 'Today',
  },
} satisfies Messages['common']
