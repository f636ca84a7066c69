/**
 * The persona builder: a form for the persona's fields, most used first (who the customer
 * is, the situation, hidden facts and the questions that reveal them, the opening, the mood
 * and each signal's effect, the lines for each situation, the endings, the tests), over the
 * same draft as the YAML tab. Each change is written into the text through personaYaml.ts,
 * so what the form does not show survives. Loaded lazily with the QA editor page.
 */
import { useMemo, useState } from 'react';
import type { PersonaProblem } from '../../shared/contract.ts';
import { useI18n } from '../../shared/i18n/I18nProvider.tsx';
import schema from '../../../../personas/persona.schema.json';
import { ChoiceField, CheckField, FormContext, LinesField, NumberField, SliderField, TextField, type FormDraft } from './formControls.tsx';
import { readDraft, valueAt, withValue, type FieldPath } from './personaYaml.ts';

interface Props {
  text: string;
  onChange(text: string): void;
  problems: readonly PersonaProblem[];
}

// The choices come from the generated JSON Schema: the zod schema is their one source.
const properties = schema.properties;
const SCENARIOS = properties.scenario.enum;
const DIFFICULTIES = properties.difficulty.enum;
const LOCALES = properties.locale.enum;
const AXES = ['anger', 'trust', 'confusion'] as const;
const LINES = ['jargon', 'dismissive', 'misconduct', 'calmer', 'angrier', 'waiting', 'escalated', 'resolved', 'abandoned'] as const;

const keysOf = (value: unknown): string[] => (value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : []);

export default function PersonaForm({ text, onChange, problems }: Props) {
  const { t } = useI18n();
  const doc = useMemo(() => readDraft(text), [text]);
  const [newFact, setNewFact] = useState('');
  const draft = useMemo<FormDraft | null>(
    () =>
      doc && {
        doc,
        problems,
        set(path: FieldPath, value: unknown) {
          const next = withValue(text, path, value);
          if (next !== null) onChange(next);
        },
      },
    [doc, problems, text, onChange],
  );
  if (!draft || !doc) return <p className="form__error" data-testid="form-unreadable">{t('qa.form.unreadable')}</p>;

  const facts = keysOf(valueAt(doc, ['facts']));
  const reveals = valueAt(doc, ['reveals']);
  const revealCount = Array.isArray(reveals) ? reveals.length : 0;
  const effects = keysOf(valueAt(doc, ['mood', 'effects']));
  const stages = keysOf(valueAt(doc, ['lines', 'stages']));
  const tests = valueAt(doc, ['tests']);
  const factName = newFact.trim();

  return (
    <FormContext.Provider value={draft}>
      <div className="persona-form" data-testid="persona-form">
        <fieldset>
          <legend>{t('qa.form.who')}</legend>
          <TextField path={['name']} />
          <TextField path={['summary']} long />
          <div className="persona-form__row">
            <ChoiceField path={['scenario']} options={SCENARIOS} />
            <ChoiceField path={['difficulty']} options={DIFFICULTIES} />
            <ChoiceField path={['locale']} options={LOCALES} />
          </div>
          <TextField path={['id']} />
          <CheckField path={['retired']} />
        </fieldset>

        <fieldset>
          <legend>{t('qa.field.briefing.situation')}</legend>
          <TextField path={['briefing', 'situation']} long />
          <LinesField path={['briefing', 'own_goals']} />
        </fieldset>

        <fieldset>
          <legend>{t('qa.field.facts')}</legend>
          {facts.map((fact) => (
            <TextField key={fact} path={['facts', fact]} label={fact} long />
          ))}
          <div className="persona-form__add">
            <input aria-label={t('qa.form.factName')} placeholder={t('qa.form.factName')} value={newFact} onChange={(e) => setNewFact(e.target.value)} />
            <button type="button" className="button" disabled={!/^[a-z_]+$/.test(factName) || facts.includes(factName)} onClick={() => (draft.set(['facts', factName], '…'), setNewFact(''))}>
              {t('qa.form.addFact')}
            </button>
          </div>
          <h3>{t('qa.field.reveals')}</h3>
          {Array.from({ length: revealCount }, (_, i) => (
            <div className="persona-form__group" key={i}>
              <ChoiceField path={['reveals', i, 'fact']} options={facts} />
              <LinesField path={['reveals', i, 'about']} />
              <LinesField path={['reveals', i, 'say']} />
            </div>
          ))}
          <button type="button" className="button" disabled={facts.length === 0} onClick={() => draft.set(['reveals', revealCount], { fact: facts[0], about: [], say: ['…'] })}>
            {t('qa.form.addReveal')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('qa.field.opening')}</legend>
          <LinesField path={['opening']} />
        </fieldset>

        <fieldset>
          <legend>{t('qa.field.mood')}</legend>
          <div className="persona-form__row">
            {AXES.map((axis) => (
              <SliderField key={axis} path={['mood', 'initial', axis]} min={0} max={10} />
            ))}
          </div>
          <h3>{t('qa.field.mood.effects')}</h3>
          {effects.map((signal) => (
            <div className="persona-form__row persona-form__effect" key={signal}>
              <span className="persona-form__signal">{signal}</span>
              {AXES.map((axis) => (
                <SliderField key={axis} path={['mood', 'effects', signal, axis]} min={-10} max={10} label={`${signal} · ${t(`qa.form.axis.${axis}`)}`} />
              ))}
            </div>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t('qa.field.lines')}</legend>
          {LINES.map((situation) => (
            <LinesField key={situation} path={['lines', situation]} />
          ))}
          {stages.map((step) => (
            <LinesField key={step} path={['lines', 'stages', step]} label={`${t('qa.field.lines.stages')} · ${step}`} />
          ))}
        </fieldset>

        <fieldset>
          <legend>{t('qa.field.end')}</legend>
          <div className="persona-form__row">
            <SliderField path={['end', 'escalate', 'anger_at_least']} min={0} max={10} label={t('qa.form.escalateAnger')} />
            <NumberField path={['end', 'escalate', 'for_turns']} label={t('qa.form.forTurns')} />
          </div>
          <div className="persona-form__row">
            <SliderField path={['end', 'resolve', 'anger_at_most']} min={0} max={10} label={t('qa.form.resolveAnger')} />
            <SliderField path={['end', 'resolve', 'trust_at_least']} min={0} max={10} label={t('qa.form.resolveTrust')} />
          </div>
          <NumberField path={['end', 'abandon', 'after_turns']} label={t('qa.form.abandonAfter')} />
        </fieldset>

        <fieldset>
          <legend>{t('qa.field.tests')}</legend>
          <ul>
            {(Array.isArray(tests) ? tests : []).map((test, i) => (
              <li key={i}>{String((test as { name?: unknown }).name ?? i + 1)}</li>
            ))}
          </ul>
          <p className="muted">{t('qa.form.testsInYaml')}</p>
        </fieldset>
      </div>
    </FormContext.Provider>
  );
}
