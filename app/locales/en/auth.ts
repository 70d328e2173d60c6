import type { Messages } from '../types'

export default {
  signIn: {
    title: 'Staff sign-in',
    lead: 'For the campaign office, responsible units and administrators. Reporting a problem needs no account.',
    email: 'Work email',
    password: 'Password',
    submit: 'Sign in',
    invalid: 'The email or password is not correct.',
    locked: 'Too many wrong passwords: the account is locked for 15 minutes.',
    tooMany: 'Too many sign-in attempts. Please try again in {minutes} minutes.',
  },
  signOut: 'Sign out',
  signOutEverywhere: 'Sign out on every device',
  staffArea: 'Workspace',
  roles: {
    coordinator: 'Campaign office',
    unit_staff: 'Responsible unit',
    admin: 'Administrator',
  },
  dashboard: {
    title: 'Workspace',
    welcome: 'Hello, {name}',
    role: 'Role: {role}',
    unit: 'Unit: {unit}',
    changePassword: 'Change password',
  },
  password: {
    title: 'Change password',
    current: 'Current password',
    next: 'New password',
    nextHint: 'At least 10 characters.',
    confirm: 'New password again',
    mismatch: 'The two new passwords differ',
    wrongCurrent: 'The current password is not correct',
    submit: 'Save the new password',
    done: 'Your password has been changed.',
    tooMany: 'Too many attempts to change the password; try again in {minutes} minutes.',
  },
} satisfies Messages['auth']
