/**
 * The conversation: the customer's lines (in the session's language), the trainee's replies
 * with their state and hints (and, with hints shown, what a model found in them, its quotes
 * highlighted in the reply), and the reply being written, shown as it streams in, after a
 * typing indicator. Every text is a React text node: what anyone typed shows as typed.
 */
import { useEffect, useRef } from 'react';
import type { Locale } from '../shared/contract.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { EvidenceText } from '../shared/components/EvidenceText.tsx';
import { HintList } from './HintList.tsx';
import { ModelFindingList } from './ModelFindingList.tsx';
import type { ModelReading } from './modelReading.ts';
import type { ChatTurn } from './sessionState.ts';

interface Props {
  turns: readonly ChatTurn[];
  /** What a model found in the trainee's turns, by index. */
  modelReadings: Readonly<Record<number, ModelReading>>;
  streaming: { index: number; text: string } | null;
  customerName: string;
  locale: Locale;
  showHints: boolean;
}

export function MessageList({ turns, modelReadings, streaming, customerName, locale, showHints }: Props) {
  const { t } = useI18n();
  const end = useRef<HTMLDivElement>(null);
  const lastText = turns.at(-1)?.text;
  const streamed = streaming?.text.length ?? -1;

  const readings = Object.keys(modelReadings).length;

  useEffect(() => {
    // Follow the conversation as it grows, the way a chat does.
    end.current?.scrollIntoView({ block: 'end', behavior: 'smooth' });
  }, [turns.length, lastText, streamed, showHints, readings]);

  /** What the model found in a reply, when hints are shown (it is a hint too) and the reply is scored. */
  const shownReading = (turn: ChatTurn): ModelReading | undefined => (showHints && turn.score ? modelReadings[turn.index] : undefined);

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
          <TraineeMessage key={turn.index} turn={turn} reading={shownReading(turn)} locale={locale} showHints={showHints} />
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

/** One of the trainee's replies: its words (the model's quotes marked), its state, its hints. */
function TraineeMessage({ turn, reading, locale, showHints }: { turn: ChatTurn; reading: ModelReading | undefined; locale: Locale; showHints: boolean }) {
  const { t } = useI18n();
  return (
    <div className={`message message--trainee ${turn.status ? `message--${turn.status}` : ''}`} data-index={turn.index}>
      <span className="message__who">{t('chat.you')}</span>
      <p className="message__text" lang={locale}>
        {reading ? <EvidenceText text={turn.text} evidence={reading.findings} /> : turn.text}
      </p>
      {turn.status && (
        <span className="message__status" data-testid="message-status">
          {turn.status === 'queued' ? t('chat.queued') : t('chat.sending')}
        </span>
      )}
      {showHints && turn.score && <HintList score={turn.score} locale={locale} />}
      {reading && <ModelFindingList reading={reading} locale={locale} />}
    </div>
  );
}
