/**
 * A turn's comments, oldest first with their author and time, and a form to add one. The
 * form opens on demand, so a long transcript is not a column of empty boxes.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { errorText } from '../shared/errorText.ts';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import { coachApi, type CommentEntry } from './coachApi.ts';
import { dateTimeText } from './dateText.ts';
import { useSubmit } from './useSubmit.ts';

const MAX_COMMENT = 2000;

interface Props {
  sessionId: string;
  turnIndex: number;
  comments: readonly CommentEntry[];
  onAdded(): void;
}

export function TurnComments({ sessionId, turnIndex, comments, onAdded }: Props) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const submit = useSubmit();
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);

  async function add(e: FormEvent) {
    e.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return submit.setError({ code: 'empty', message: t('coach.comments.empty') });
    if (await submit.run((token) => coachApi.addComment(token, sessionId, turnIndex, trimmed))) {
      setText('');
      setOpen(false);
      onAdded();
    }
  }

  return (
    <div className="coach-comments" data-testid="turn-comments">
      {comments.length > 0 && (
        <ul className="coach-comments__list">
          {comments.map((c) => (
            <li key={c.id} className="coach-comment" data-testid="comment">
              <p className="coach-comment__text">{c.text}</p>
              <p className="muted coach-comment__meta">{t('coach.comments.by', { name: c.authorName, time: dateTimeText(c.at, locale) })}</p>
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <form className="coach-comments__form" onSubmit={add}>
          <label htmlFor={`${id}-comment`} className="visually-hidden">
            {t('coach.comments.label', { n: turnIndex + 1 })}
          </label>
          <textarea
            ref={field}
            id={`${id}-comment`}
            name="comment"
            rows={2}
            maxLength={MAX_COMMENT}
            placeholder={t('coach.comments.placeholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {submit.error && (
            <p className="form__error" role="alert">
              {submit.error.code === 'empty' ? submit.error.message : errorText(t, submit.error)}
            </p>
          )}
          <div className="coach-comments__actions">
            <button type="submit" className="button button--small" disabled={submit.busy}>
              {submit.busy ? t('coach.comments.adding') : t('coach.comments.add')}
            </button>
            <button
              type="button"
              className="button button--small button--quiet"
              onClick={() => {
                setOpen(false);
                submit.setError(null);
              }}
            >
              {t('coach.comments.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" className="button button--small button--quiet coach-comments__open" onClick={() => setOpen(true)} data-testid="comment-open">
          {t('coach.comments.write')}
        </button>
      )}
    </div>
  );
}
