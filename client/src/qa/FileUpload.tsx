/**
 * "Upload file": reads a .yaml file from the computer into the editor (nothing is sent until
 * it is saved). The server takes persona text up to 64 KB; a bigger file is refused here.
 */
import { useRef, useState } from 'react';
import { useI18n } from '../shared/i18n/I18nProvider.tsx';

const MAX_BYTES = 64 * 1024;

export function FileUpload({ onText }: { onText(text: string): void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);

  async function read(file: File | undefined) {
    setError(null);
    if (!file) return;
    if (file.size > MAX_BYTES) return setError(t('qa.upload.tooBig', { name: file.name }));
    try {
      onText(await file.text());
    } catch {
      setError(t('qa.upload.unreadable', { name: file.name }));
    } finally {
      // The same file chosen again (after more edits) is read again.
      if (input.current) input.current.value = '';
    }
  }

  return (
    <span className="qa-upload">
      <label className="button">
        {t('qa.upload.label')}
        <input
          ref={input}
          type="file"
          accept=".yaml,.yml,application/yaml,text/yaml"
          className="visually-hidden"
          onChange={(e) => void read(e.target.files?.[0])}
          data-testid="upload"
        />
      </label>
      {error && (
        <span className="form__error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
