/**
 * A persona problem as the QA editor shows it: "summary: …". A problem the server describes
 * with a `detail` (server/domain/fileProblem.ts) is worded here, in the interface language;
 * any other keeps the server's English message.
 */
import type { PersonaProblem } from '../shared/contract.ts';
import type { MessageKey, VarsFor } from '../shared/i18n/messageKeys.ts';

/** `useI18n().t`. */
export type Translate = <K extends MessageKey>(key: K, ...vars: VarsFor<K>) => string;

export function problemText(p: PersonaProblem, t: Translate): string {
  const message =
    p.detail?.kind === 'hidden_fact_shown' ? t('qa.problems.hiddenFactShown', { fact: p.detail.fact, evidence: p.detail.evidence.join(' · ') }) : p.message;
  return p.field ? `${p.field}: ${message}` : message;
}
