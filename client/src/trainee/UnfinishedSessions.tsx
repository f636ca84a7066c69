/**
 * The trainee's conversations still open (left by a reload, a closed tab, a lost phone
 * signal), to continue where they stopped. Also the way out of the open-session limit.
 */
import { api } from '../shared/api.ts';
import type { PersonaListing } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { conversationLocaleFor } from '../shared/i18n/interfaceLanguages.ts';
import { navigate, pathOf, type Route } from '../shared/router.ts';
import { useApiData } from '../shared/useApiData.ts';

export function UnfinishedSessions({ personas }: { personas: readonly PersonaListing[] }) {
  const { t, locale } = useI18n();
  const sessions = useApiData(api.sessions, []);
  if (sessions.status !== 'ready') return null;
  const open = sessions.data.filter((s) => !s.endedAt).sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  if (open.length === 0) return null;
  const nameOf = (id: string) => {
    const same = personas.filter((p) => p.id === id);
    const p = same.find((x) => x.locale === conversationLocaleFor(locale)) ?? same[0];
    return p ? { name: p.name, lang: p.locale } : { name: id, lang: undefined };
  };
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="unfinished" aria-labelledby="unfinished-title">
      <h2 id="unfinished-title">{t('picker.unfinished')}</h2>
      <ul>
        {open.map((s) => {
          const route: Route = { page: 'chat', sessionId: s.id };
          const { name, lang } = nameOf(s.personaId);
          return (
            <li key={s.id}>
              <span lang={lang}>{name}</span>
              <span className="muted"> · {t('picker.startedAt', { time: when.format(new Date(s.startedAt)) })}</span>
              <a
                className="button button--small"
                href={pathOf(route)}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(route);
                }}
              >
                {t('picker.continue')}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
