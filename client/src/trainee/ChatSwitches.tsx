/**
 * The chat's two switches, hints and the mood gauge, each the trainee's choice (remembered)
 * unless the coach who assigned the practice decided: then it says so instead of a switch.
 */
import { useI18n } from '../shared/i18n/I18nProvider.tsx';
import type { SessionSettings } from './sessionSettings.ts';
import './assignments.css';

interface Props {
  settings: SessionSettings;
  hints: boolean;
  mood: boolean;
  onHints(value: boolean): void;
  onMood(value: boolean): void;
}

export function ChatSwitches({ settings, hints, mood, onHints, onMood }: Props) {
  const { t } = useI18n();
  return (
    <>
      {settings.hints === 'trainee' ? (
        <label className="switch">
          <input type="checkbox" checked={hints} onChange={(e) => onHints(e.target.checked)} data-testid="toggle-hints" />
          <span>{t('chat.hints')}</span>
        </label>
      ) : (
        <span className="coach-setting" data-testid="hints-set">
          {t(settings.hints === 'on' ? 'assigned.hintsOn' : 'assigned.hintsOff')}
        </span>
      )}
      {settings.hideMood ? (
        <span className="coach-setting" data-testid="mood-set">
          {t('assigned.moodHiddenShort')}
        </span>
      ) : (
        <label className="switch">
          <input type="checkbox" checked={mood} onChange={(e) => onMood(e.target.checked)} data-testid="toggle-mood" />
          <span>{t('chat.moodToggle')}</span>
        </label>
      )}
    </>
  );
}
