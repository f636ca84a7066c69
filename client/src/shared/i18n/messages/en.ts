/**
 * The text every area shows (the frame, the sign-in, errors, criteria, mood, the connection)
 * in English: the reference catalogue. Every other interface language has exactly its keys
 * (the type-check and test/client/catalogues.test.ts say which are missing). `{name}` marks a
 * value put in at run time; a message with plural forms is chosen by `count`
 * (shared/i18n/message.ts).
 */
import type { Catalogue } from '../message.ts';
// The list of every area's keys, which this file adds to below.
import type {} from '../messageKeys.ts';

export const sharedEn = {
  'app.name': 'Sparring',
  'app.skip': 'Skip to content',
  'app.loading': 'Loading…',
  'app.loadFailed': 'This page could not be loaded. Check the connection and reload.',
  'app.reload': 'Reload',
  'nav.language': 'Interface language',
  'nav.signOut': 'Sign out',
  'nav.signedInAs': 'Signed in as {name}',
  'nav.changePassword': 'Change password',
  'password.title': 'Change your password',
  'password.intro': 'Your other sign-ins (other browsers and devices) end when the password changes; this one stays.',
  'password.required': 'Set your own password before you continue: the one you signed in with was given to you.',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.repeat': 'New password again',
  'password.rules': 'At least 12 characters; not your username and not a common password. A few words in a row make a good one.',
  'password.mismatch': 'The two new passwords differ.',
  'password.refused': 'Not changed: {reason}',
  'password.submit': 'Change password',
  'password.submitting': 'Changing…',
  'password.done': 'Your password has been changed.',

  'error.network': 'Cannot reach the server. Check the connection and try again.',
  'error.generic': 'Something went wrong: {message}',
  'error.limit_reached': 'You have too many unfinished conversations. Continue or end one of them first.',
  'error.not_found': 'This was not found. It may have been removed.',
  'error.forbidden': 'This account may not do that.',
  'error.timeout': 'The server did not answer in time. Try again.',

  'login.title': 'Sign in',
  'login.intro': 'Practise difficult conversations with simulated customers, and see what each reply did.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.unauthorized': 'Wrong username or password.',
  'login.tooManyAttempts': 'Too many failed attempts. Try again in a little while.',
  'login.signedOut': 'You have been signed out. Sign in again to continue.',

  'criterion.empathy': 'Empathy',
  'criterion.active_listening': 'Active listening',
  'criterion.plain_language': 'Plain language',
  'criterion.complaint_process': 'Process steps',
  'criterion.conduct': 'Conduct',

  'mood.title': "Customer's mood",
  'mood.anger': 'Anger',
  'mood.trust': 'Trust',
  'mood.confusion': 'Confusion',
  'mood.chartTurn': 'turn',
  'mood.chartSummary': 'Anger went from {angerStart} to {angerEnd}, trust from {trustStart} to {trustEnd}, confusion from {confusionStart} to {confusionEnd}.',

  'connection.offline': 'Offline: reconnecting… Nothing you wrote is lost; it is sent when the connection is back.',
  'connection.connecting': 'Connecting…',
  'connection.resuming': 'Back online: catching up…',
} satisfies Catalogue;

export type SharedKey = keyof typeof sharedEn;

declare module '../messageKeys.ts' {
  interface AreaMessages {
    shared: typeof sharedEn;
  }
}
