/**
 * The QA pages' text (the persona library, the editor, tests, try-outs) in English: the
 * reference catalogue. Every other interface language has exactly its keys (the type-check and
 * test/client/catalogues.test.ts say which are missing). `{name}` marks a value put in at run
 * time; a message with plural forms is chosen by `count` (shared/i18n/message.ts).
 */
import type { Catalogue } from '../../shared/i18n/message.ts';
// The list of every area's keys, which this file adds to below.
import type {} from '../../shared/i18n/messageKeys.ts';

export const qaEn = {
  'qa.nav.personas': 'Personas',
  'qa.loading': 'Loading…',
  'qa.back': 'Back to the persona library',
  'qa.version': 'version {version}',

  'qa.library.title': 'Persona library',
  'qa.library.intro': 'Every persona file and saved persona, checked against the persona schema. Open one to edit it, run its tests or try it out.',
  'qa.library.new': 'New persona',
  'qa.library.filters': 'Filters',
  'qa.library.locale': 'Language',
  'qa.library.status': 'Status',
  'qa.library.all': 'All',
  'qa.library.count': { one: '{shown} of {count} persona · {invalid} invalid', other: '{shown} of {count} personas · {invalid} invalid' },
  'qa.library.empty': 'No persona fits these filters.',
  'qa.library.persona': 'Persona',
  'qa.library.version': 'Version',
  'qa.library.source': 'Source',
  'qa.library.saved': 'Last saved',
  'qa.library.savedBy': '{name}, {time}',
  'qa.library.tests': 'Tests',
  'qa.status.valid': 'Valid',
  'qa.status.invalid': 'Invalid',
  'qa.status.invalidCount': { one: 'Invalid · {count} problem', other: 'Invalid · {count} problems' },
  'qa.source.file': 'Shipped file',
  'qa.source.saved': 'Saved here',

  'qa.editor.eyebrow': 'Persona file',
  'qa.editor.newEyebrow': 'New persona',
  'qa.editor.newTitle': 'A new persona',
  'qa.editor.editingFrom': 'Editing from version {version}.',
  'qa.editor.label': 'Persona YAML',
  'qa.editor.placeholder': 'Paste or upload persona YAML. A starter persona from the library is the best example of the format.',
  'qa.editor.loading': 'Loading the editor…',
  'qa.editor.keys': 'Tab indents with two spaces. To leave the editor with the keyboard, press Esc, then Tab.',
  'qa.upload.label': 'Upload file',
  'qa.upload.tooBig': '“{name}” is larger than 256 KB, the most a persona may be.',
  'qa.upload.unreadable': '“{name}” could not be read.',

  'qa.check.title': 'Check',
  'qa.check.empty': 'Nothing to check yet.',
  'qa.check.checking': 'Checking…',
  'qa.check.valid': 'Valid: ready to save.',
  'qa.check.invalid': { one: 'Invalid: {count} problem. Fix it to save.', other: 'Invalid: {count} problems. Fix them to save.' },
  'qa.check.refused': { one: 'The server refused the save: {count} problem.', other: 'The server refused the save: {count} problems.' },
  'qa.check.mismatch': 'This page is for {id} in {locale}: the text must keep that id and locale.',
  'qa.problems.line': 'line {line}',
  'qa.problems.hiddenFactShown': 'gives away the hidden fact “{fact}” ({evidence}). What trainees see must not tell what the customer keeps until asked: reword it.',

  'qa.save.label': 'Save',
  'qa.save.saving': 'Saving…',
  'qa.save.saved': 'Saved as version {version}.',
  'qa.save.refused': 'Not saved: the text has problems.',
  'qa.save.conflict': 'Not saved: someone saved a newer version while you were editing. Load it, then make your changes again.',
  'qa.save.reload': 'Load the newest version',
  'qa.save.exists': 'Not saved: a persona with this id and language exists already. Open it from the library to make a new version of it.',

  'qa.history.title': 'Versions',
  'qa.history.latest': 'latest',
  'qa.history.view': 'View',
  'qa.history.close': 'Close',
  'qa.history.savedBy': 'saved by {name}, {time}',
  'qa.history.readOnly': 'Version {version}, read-only',

  'qa.tests.title': 'Tests',
  'qa.tests.intro': 'Runs the conversations in the file’s tests on the text in the editor.',
  'qa.tests.run': 'Run tests',
  'qa.tests.running': 'Running…',
  'qa.tests.none': 'This persona has no tests.',
  'qa.tests.summary': '{passed} passed, {failed} failed',
  'qa.tests.passed': 'Passed',
  'qa.tests.failed': 'Failed',
  'qa.tests.customer': 'Customer',
  'qa.tests.trainee': 'Trainee',
  'qa.tests.mood': 'anger {anger} · trust {trust} · confusion {confusion}',

  'qa.tryout.start': 'Try it out',
  'qa.tryout.starting': 'Starting…',
  'qa.tryout.savedOnly': 'A try-out uses the saved version {version}, not unsaved changes.',
  'qa.tryout.badge': 'Try-out',
  'qa.tryout.note': 'Not counted in any trainee’s progress. Hints and mood are always shown.',
  'qa.tryout.back': 'Back to {id} · {locale}',
} satisfies Catalogue;

export type QaKey = keyof typeof qaEn;

declare module '../../shared/i18n/messageKeys.ts' {
  interface AreaMessages {
    qa: typeof qaEn;
  }
}
