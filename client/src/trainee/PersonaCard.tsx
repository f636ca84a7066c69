/** One customer in the picker: name, story, tags and what its difficulty means, as a link to the briefing. */
import type { PersonaListing } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { LOCALE_NAMES } from '../shared/localeNames.ts';
import { navigate, pathOf, type Route } from '../shared/router.ts';

export function PersonaCard({ persona }: { persona: PersonaListing }) {
  const { t } = useI18n();
  const route: Route = { page: 'briefing', personaId: persona.id, locale: persona.locale };
  return (
    <li className="persona-card" data-persona={persona.id} data-locale={persona.locale}>
      <a
        href={pathOf(route)}
        onClick={(e) => {
          e.preventDefault();
          navigate(route);
        }}
      >
        <h2 className="persona-card__name" lang={persona.locale}>
          {persona.name}
        </h2>
        <p className="persona-card__summary" lang={persona.locale}>
          {persona.summary}
        </p>
        <p className="tags">
          <span className="tag">{t(`scenario.${persona.scenario}`)}</span>
          <span className={`tag tag--${persona.difficulty}`}>{t(`difficulty.${persona.difficulty}`)}</span>
          <span className="tag tag--locale" lang={persona.locale}>
            {LOCALE_NAMES[persona.locale]}
          </span>
        </p>
        {/* A level's name alone says little: one line says what the trainee is in for. */}
        <p className="persona-card__difficulty">{t(`difficulty.${persona.difficulty}.means`)}</p>
      </a>
    </li>
  );
}
