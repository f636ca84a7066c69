/**
 * A QA person's try-out of a persona: the trainee's own chat, with the hints and the mood
 * gauge always shown, under a line that says this is a try-out and leads back to the
 * persona. The scorecard at the end is the trainee's too, with the way back to the persona.
 */
import { api } from '../shared/api.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { useApiData } from '../shared/useApiData.ts';
import { ChatPage } from '../trainee/ChatPage.tsx';
import { Scorecard } from '../trainee/Scorecard.tsx';
import { RouteLink } from '../shared/RouteLink.tsx';
import './qa.css';

function BackToPersona({ sessionId, className = 'qa-tryout__back' }: { sessionId: string; className?: string }) {
  const { t } = useI18n();
  const session = useApiData((token) => api.session(token, sessionId), [sessionId]);
  if (session.status !== 'ready') return <RouteLink route={{ page: 'qa-personas' }}>{t('qa.back')}</RouteLink>;
  const { personaId, locale } = session.data;
  return (
    <RouteLink route={{ page: 'qa-persona', personaId, locale }} className={className}>
      {t('qa.tryout.back', { id: personaId, locale })}
    </RouteLink>
  );
}

export function TryOutPage({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  return (
    <div className="qa-tryout" data-testid="tryout">
      <p className="qa-tryout__banner">
        <span className="qa-badge qa-badge--tryout">{t('qa.tryout.badge')}</span> {t('qa.tryout.note')} <BackToPersona sessionId={sessionId} />
      </p>
      <ChatPage sessionId={sessionId} tryout scorecard={{ page: 'qa-tryout-report', sessionId }} />
    </div>
  );
}

export function TryOutReport({ sessionId }: { sessionId: string }) {
  const { t } = useI18n();
  return (
    <div className="qa-tryout">
      <p className="qa-tryout__banner">
        <span className="qa-badge qa-badge--tryout">{t('qa.tryout.badge')}</span> {t('qa.tryout.note')}
      </p>
      <Scorecard
        sessionId={sessionId}
        actions={
          <>
            <BackToPersona sessionId={sessionId} className="button button--primary" />
            <RouteLink route={{ page: 'qa-personas' }} className="button">
              {t('qa.back')}
            </RouteLink>
          </>
        }
      />
    </div>
  );
}
