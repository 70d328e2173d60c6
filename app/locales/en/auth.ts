import type { Messages } from '../types'

export default {
  signIn: {
    title: 'Staff sign-in',
    lead: 'For the campaign office, responsible units and administrators. Reporting a problem needs no account.',
    email: 'Work email',
    password: 'Password',
    submit: 'Sign in',
    invalid: 'The email or password is not correct.',
    tooMany: 'Too many sign-in attempts. Please try again in {minutes} minutes.',
  },
  email: {
    signInAlert: {
      subject: 'Wrong passwords were tried on your staff account',
      greeting: 'Dear {name},',
      body: 'In the last {minutes} minutes someone tried to sign in to Kaimen with your work email and gave a wrong password {attempts} times. Your account is not locked; you can sign in as usual.',
      advice: 'If this was not you, change your password soon and tell the administrator.',
    },
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
