/**
 * Where the trainee writes. Enter sends, Shift+Enter breaks the line, and Enter while an
 * input method is still composing (Chinese pinyin, zhuyin, cangjie…) only confirms the
 * characters, as every CJK user expects. A refused reply comes back into the box.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';

/** The server's default limit (SPARRING_MAX_TEXT); a longer reply is refused there anyway. */
const MAX_TEXT = 1000;

export function Composer({ enabled, onSend, giveBack }: { enabled: boolean; onSend(text: string): boolean; giveBack: string | null }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (giveBack) setText((current) => (current.trim() ? current : giveBack));
  }, [giveBack]);

  useEffect(() => {
    if (enabled) box.current?.focus();
  }, [enabled]);

  function submit() {
    const words = text.trim();
    if (!words || !enabled) return;
    if (onSend(words)) setText('');
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    // keyCode 229: some browsers' way of saying an input method has the key.
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    submit();
  }

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="visually-hidden" htmlFor="composer-text">
        {t('chat.placeholder')}
      </label>
      <textarea
        id="composer-text"
        ref={box}
        rows={2}
        maxLength={MAX_TEXT}
        value={text}
        placeholder={t('chat.placeholder')}
        aria-describedby="composer-keys"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        data-testid="composer"
      />
      <div className="composer__side">
        <button type="submit" className="button button--primary" disabled={!enabled || !text.trim()}>
          {t('chat.send')}
        </button>
        <span id="composer-keys" className="composer__keys muted">
          {t('chat.keysHint')}
        </span>
      </div>
    </form>
  );
}
