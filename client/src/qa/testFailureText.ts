/**
 * A failure of a persona's own test as the QA editor shows it: "turn 2: anger should go down,
 * went up (5 → 6)", in the interface language, from the code the server sends beside its
 * English (`failureDetails`, server/domain/personaTestResult.ts).
 */
import type { PersonaTestRun } from '../shared/contract.ts';
import type { MessageKey } from '../shared/i18n/messageKeys.ts';
import type { Translate } from '../shared/i18n/messageKeys.ts';

export type TestFailure = PersonaTestRun['results'][number]['failureDetails'][number];

const OUTCOMES: Readonly<Record<string, MessageKey>> = {
  resolved: 'qa.outcome.resolved',
  escalated: 'qa.outcome.escalated',
  abandoned: 'qa.outcome.abandoned',
  ongoing: 'qa.outcome.ongoing',
};
const outcome = (name: string | null, t: Translate): string => (name === null ? t('qa.outcome.ongoing') : OUTCOMES[name] ? t(OUTCOMES[name]) : name);

function sentence(f: TestFailure, t: Translate): string {
  switch (f.kind) {
    case 'already_ended':
      return t('qa.testFailure.alreadyEnded', { outcome: outcome(f.outcome, t) });
    case 'mood':
      return t('qa.testFailure.mood', {
        axis: t(`qa.form.axis.${f.axis}`),
        expected: t(`qa.direction.${f.expected}`),
        got: t(`qa.direction.${f.got}`),
        from: f.from,
        to: f.to,
      });
    case 'stage':
      return t('qa.testFailure.stage', { expected: f.expected, got: f.got });
    case 'reveal':
      return t('qa.testFailure.reveal', { expected: f.expected, got: f.got ?? t('qa.testFailure.nothing') });
    case 'reply':
      return t('qa.testFailure.reply', { words: f.words, reply: f.reply });
    case 'ended':
      return t(f.expected ? 'qa.testFailure.shouldEnd' : 'qa.testFailure.shouldNotEnd', { outcome: outcome(f.outcome, t) });
    case 'outcome':
      return t('qa.testFailure.outcome', { expected: outcome(f.expected, t), got: outcome(f.got, t) });
  }
}

export function testFailureText(f: TestFailure, t: Translate): string {
  return 'turn' in f ? `${t('qa.testFailure.turn', { turn: f.turn })}: ${sentence(f, t)}` : sentence(f, t);
}
