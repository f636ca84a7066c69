/**
 * The rubric owns its signals: one added to the rubric file is labelled for the client,
 * may move a persona's mood, makes the customer react as its tags say, and is worded in
 * coaching, with no code change; and a signal without its labels or its coaching wording
 * in every language stops the rubric from loading, naming the file, line and field.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coachingSuggestions } from '../../../server/coaching/suggestions.ts';
import { FileError } from '../../../server/dataFiles/fileError.ts';
import { loadDefaultRubric, loadRubric, RUBRICS_DIR } from '../../../server/dataFiles/loadRubric.ts';
import { exchange, startConversation } from '../../../server/personas/conversation.ts';
import { scriptedVoice } from '../../../server/personas/voice/scriptedVoice.ts';
import { createScorer } from '../../../server/scoring/scorer.ts';
import { PersonaCatalog } from '../../../server/personas/personaCatalog.ts';
import { loadPersonaLibrary, PERSONAS_DIR } from '../../../server/personas/personaLibrary.ts';
import type { CompiledRubric } from '../../../server/scoring/rubric/compile.ts';
import { signalCatalog, SignalCatalog } from '../../../server/scoring/rubric/signalCatalog.ts';
import { knownSignals, signalsWithTag } from '../../../server/scoring/rubric/signalTags.ts';
import { scoreTranscript } from '../../../server/scoring/engine.ts';
import { LOCALES, SIGNAL_IDS } from '../../../server/scoring/types.ts';
import { addUser, call, startTestServer, tokenFor } from '../../http/httpTestServer.ts';

const shipped = readFileSync(join(RUBRICS_DIR, 'lending-service-v1.yaml'), 'utf8');
const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

function writeRubric(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'sparring-rubric-')), 'rubric.yaml');
  writeFileSync(path, text);
  return path;
}

function problemsOf(text: string): { path: string; problems: FileError['problems'] } {
  const path = writeRubric(text);
  try {
    loadRubric(path);
  } catch (err) {
    if (err instanceof FileError) return { path, problems: err.problems };
    throw err;
  }
  throw new Error('the rubric loaded');
}

// The shipped rubric plus one signal, as a QA person would add it at the end of the file.
const EXTRA_SIGNAL = `
  - id: conduct.pressure_to_sign
    criterion: conduct
    points: -60
    label: { en: "pressure to sign", zh-Hans: "催促签约", zh-Hant: "催促簽約" }
    tags: [misconduct]
    detectors:
      - type: phrases
        phrases:
          en: [sign today or, the offer ends today]
          zh: [今天不签就, 今天不簽就]
    feedback:
      present: { en: "\\"{evidence}\\" rushes the customer into signing.", zh: "「{evidence}」是在催促客戶簽約。" }
    coaching:
      rank: 3
      stop:
        en: "Stop rushing the customer to sign: \\"{evidence}\\" takes their time to think away."
        zh: "不要催客戶簽約：「{evidence}」讓客戶沒有時間考慮。"
`;

describe('a rubric with one more signal', () => {
  let rubric: CompiledRubric;
  beforeAll(() => {
    rubric = loadRubric(writeRubric(`${shipped.trimEnd()}\n${EXTRA_SIGNAL}`));
  });

  it("is labelled in the client's metadata, in every interface language, with its tone and tags", () => {
    const catalog = SignalCatalog.parse(signalCatalog(rubric));
    expect(catalog.signals.at(-1)).toEqual({
      id: 'conduct.pressure_to_sign',
      criterion: 'conduct',
      tone: 'bad',
      tags: ['misconduct'],
      label: { en: 'pressure to sign', 'zh-Hans': '催促签约', 'zh-Hant': '催促簽約' },
      failsSession: false,
    });
  });

  describe('served by GET /api/signals', () => {
    let server: Awaited<ReturnType<typeof startTestServer>>;
    beforeAll(async () => {
      server = await startTestServer({ adjust: (ctx) => ({ ...ctx, rubric }) });
      await addUser(server.ctx.store, 'tina', 'trainee');
    });
    afterAll(() => server.close());

    it('to a trainee, labelled', async () => {
      const res = await call(server.url, 'GET', '/api/signals', { token: await tokenFor(server.url, 'tina') });
      expect(res.status).toBe(200);
      expect(SignalCatalog.parse(res.body).signals).toContainEqual(expect.objectContaining({ id: 'conduct.pressure_to_sign', label: expect.objectContaining({ en: 'pressure to sign' }) }));
    });
  });

  it("is accepted in a persona's mood effects when that rubric is loaded, and refused under one without it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparring-personas-'));
    mkdirSync(join(dir, 'late-disbursement'));
    const model = readFileSync(join(PERSONAS_DIR, 'late-disbursement', 'zh-Hant.yaml'), 'utf8');
    const text = model.replace('    plain.long_sentence: { confusion: 1 }', '    plain.long_sentence: { confusion: 1 }\n    conduct.pressure_to_sign: { anger: 2, trust: -3 }');
    writeFileSync(join(dir, 'late-disbursement', 'zh-Hant.yaml'), text);

    const library = loadPersonaLibrary(dir, knownSignals(rubric));
    expect(library.problems).toEqual([]);
    const persona = library.personas[0]!;
    expect(persona.mood.effects['conduct.pressure_to_sign']).toEqual({ anger: 2, trust: -3 });

    // The customer's trust drops and they react as to misconduct, as the tags and effects say.
    const { conversation } = startConversation(persona, 1);
    const pressed = await exchange(persona, conversation, '這個優惠今天不簽就沒有了，您快決定。', { scoreTurn: createScorer(rubric).scoreTurn, voice: scriptedVoice });
    expect(pressed.situation.score.signals).toContain('conduct.pressure_to_sign');
    expect(pressed.situation.reaction).toBe('misconduct');
    expect(pressed.conversation.state.mood.trust).toBeLessThan(conversation.state.mood.trust);

    // A saved version is checked against the same rubric.
    const catalogue = new PersonaCatalog(library);
    expect(catalogue.check('upload', text)).toMatchObject({ ok: true });

    const under = loadPersonaLibrary(dir, knownSignals(loadDefaultRubric()));
    expect(under.problems).toEqual([
      expect.objectContaining({ line: lineOf(text, 'conduct.pressure_to_sign'), field: 'mood.effects.conduct.pressure_to_sign', message: 'no signal "conduct.pressure_to_sign" in the rubric lending-service-v1' }),
    ]);
  });

  it('is worded in coaching, in its rank among the faults', () => {
    const lines = (locale: 'en' | 'zh-Hant', trainee: string[]) => {
      const turns = trainee.flatMap((text) => [{ role: 'customer' as const, text: locale === 'en' ? 'I am not sure about this loan.' : '我還在考慮這筆貸款。' }, { role: 'trainee' as const, text }]);
      return coachingSuggestions(scoreTranscript(rubric, { locale, scenario: 'application', turns }), { locale, scenario: 'application' }, rubric);
    };
    expect(lines('en', ['You must sign today or the rate goes up.']).stop).toBe('Stop rushing the customer to sign: "sign today or" takes their time to think away.');
    expect(lines('zh-Hant', ['今天不簽就沒有這個利率了。']).stop).toMatch(/^不要催客戶簽約：「今天不簽就/);
    // Rank 3: after a threat (rank 1), before dismissing the customer (rank 6).
    expect(lines('en', ['Calm down, rules are rules.', 'You must sign today or the rate goes up.']).stop).toMatch(/^Stop rushing the customer to sign/);
    expect(lines('en', ['You must sign today or the rate goes up.', "If you don't pay we will tell your boss."]).stop).toMatch(/^Stop threatening/);
  });

  it('joins the lists the server derives from tags', () => {
    expect(signalsWithTag(rubric, 'misconduct')).toContain('conduct.pressure_to_sign');
    expect(signalsWithTag(loadDefaultRubric(), 'misconduct')).not.toContain('conduct.pressure_to_sign');
  });
});

describe('the shipped rubric', () => {
  const rubric = loadDefaultRubric();

  it('defines every signal id of the scoring contract', () => {
    const ids = rubric.signals.map((s) => s.id);
    for (const id of SIGNAL_IDS) expect(ids).toContain(id);
  });

  it.each(rubric.signals.map((s) => [s.id, s] as const))('%s has a label in every interface language and its coaching in every locale', (_id, signal) => {
    for (const locale of LOCALES) expect(signal.label[locale].trim(), locale).not.toBe('');
    const wording = signal.tone === 'good' ? signal.coaching?.keep : signal.tone === 'bad' ? signal.coaching?.stop : undefined;
    if (signal.tone === 'neutral') expect(signal.coaching).toBeUndefined();
    else for (const locale of LOCALES) expect(wording?.[locale].trim(), locale).toBeTruthy();
  });

  it('tags every misconduct signal the customer must react to, the code request included', () => {
    expect([...signalsWithTag(rubric, 'misconduct')].sort()).toEqual(
      ['conduct.abusive', 'conduct.credential_request', 'conduct.false_promise', 'conduct.third_party_disclosure', 'conduct.threat'],
    );
  });
});

describe('a signal without its label or wording', () => {
  it('stops the rubric loading when a label lacks a language, naming the file, line and field', () => {
    const text = shipped.replace('label: { en: "threat", zh-Hans: "威胁", zh-Hant: "威脅" }', 'label: { en: "threat", zh-Hans: "威胁" }');
    const index = rubricSignalIndex('conduct.threat');
    const { path, problems } = problemsOf(text);
    expect(problems).toEqual([expect.objectContaining({ path, line: lineOf(text, 'label: { en: "threat"'), field: `signals[${index}].label.zh-Hant` })]);
  });

  it('stops the rubric loading when a bad signal has no stop wording', () => {
    const start = shipped.indexOf('  - id: conduct.false_promise');
    const coaching = shipped.indexOf('    coaching:', start);
    const end = shipped.indexOf('\n\n', coaching);
    const text = shipped.slice(0, coaching) + shipped.slice(end + 1);
    const { path, problems } = problemsOf(text);
    expect(problems).toEqual([
      expect.objectContaining({ path, line: lineOf(text, '  - id: conduct.false_promise'), field: `signals[${rubricSignalIndex('conduct.false_promise')}].coaching`, message: expect.stringMatching(/needs coaching/) }),
    ]);
  });

  it('stops the rubric loading when a coaching line lacks its Chinese', () => {
    const keep = '      keep:\n        en: "Keep repeating the customer\'s facts back';
    const at = shipped.indexOf(keep);
    const zhLine = shipped.indexOf('        zh:', at);
    const text = shipped.slice(0, zhLine) + shipped.slice(shipped.indexOf('\n', zhLine) + 1);
    const { path, problems } = problemsOf(text);
    expect(problems).toEqual([
      expect.objectContaining({ path, line: lineOf(text, keep) + 1, field: `signals[${rubricSignalIndex('listening.reflection')}].coaching.keep` }),
    ]);
  });
});

function rubricSignalIndex(id: string): number {
  return loadDefaultRubric().signals.findIndex((s) => s.id === id);
}
