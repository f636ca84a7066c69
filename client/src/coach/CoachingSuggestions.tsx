/**
 * The three suggestions drawn from a session (keep / start / stop), in the session's language
 * (marked with `lang` where the page knows it).
 */
import type { CoachingSuggestions as Suggestions, Locale } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';

const KINDS = ['keep', 'start', 'stop'] as const;

export function CoachingSuggestions({ coaching, locale }: { coaching: Suggestions; locale?: Locale }) {
  const { t } = useI18n();
  return (
    <dl className="coach-suggestions" data-testid="coaching">
      {KINDS.map((kind) => (
        <div key={kind} className={`coach-suggestions__item coach-suggestions__item--${kind}`} data-kind={kind}>
          <dt>{t(`coach.coaching.${kind}`)}</dt>
          <dd lang={locale}>{coaching[kind]}</dd>
        </div>
      ))}
    </dl>
  );
}
