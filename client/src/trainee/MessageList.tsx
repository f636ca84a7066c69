/**
 * The conversation: the customer's lines (in the session's language), the trainee's replies
 * with their state and hints, and the reply being written, shown as it streams in, after a
 * typing indicator. Every text is a React text node: what anyone typed shows as typed.
 */
import { useEffect, useRef } from 'react';
import type { Locale } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { HintList } from './HintList.tsx';
import type { ChatTurn } from './sessionState.ts';

interface Props {
  turns: readonly ChatTurn[];
  streaming: { index: number; text: string } | null;
  customerName: string;
  locale: Locale;
  showHints: boolean;
}

export function MessageList({ turns, streaming, customerName, locale, showHints }: Props) {
  const { t } = useI18n();
  const end = useRef<HTMLDivElement>(null);
  const lastText = turns.at(-1)?.text;
  const streamed = streaming?.text.length ?? -1;

  useEffect(() => {
    // Follow the conversation as it grows, the way a chat does.
    end.current?.scrollIntoView({ block: 'end', behavior: 'smooth' });
  }, [turns.length, lastText, streamed, showHints]);

  return (
    <div className="messages" role="log" aria-live="polite" aria-relevant="additions" data-testid="messages">
      {turns.map((turn) =>
        turn.role === 'customer' ? (
          <div key={turn.index} className="message message--customer" data-index={turn.index}>
            <span className="message__who">{customerName}</span>
            <p className="message__text" lang={locale}>
              {turn.text}
            </p>
          </div>
        ) : (
          <div key={turn.index} className={`message message--trainee ${turn.status ? `message--${turn.status}` : ''}`} data-index={turn.index}>
            <span className="message__who">{t('chat.you')}</span>
            <p className="message__text" lang={locale}>
              {turn.text}
            </p>
            {turn.status && (
              <span className="message__status" data-testid="message-status">
                {turn.status === 'queued' ? t('chat.queued') : t('chat.sending')}
              </span>
            )}
            {showHints && turn.score && <HintList score={turn.score} locale={locale} />}
          </div>
        ),
      )}
      {streaming && (
        <div className="message message--customer message--streaming" data-index={streaming.index} data-testid="streaming">
          <span className="message__who">{customerName}</span>
          {streaming.text ? (
            <p className="message__text" lang={locale}>
              {streaming.text}
              <span className="caret" aria-hidden="true" />
            </p>
          ) : (
            <p className="typing" data-testid="typing">
              <span className="visually-hidden">{t('chat.typing', { name: customerName })}</span>
              <span className="typing__dot" aria-hidden="true" />
              <span className="typing__dot" aria-hidden="true" />
              <span className="typing__dot" aria-hidden="true" />
            </p>
          )}
        </div>
      )}
      <div ref={end} />
    </div>
  );
}
