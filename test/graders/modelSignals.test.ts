// Model-assisted detection (server/graders/modelSignals.ts) against the OpenAI-compatible
// test server: the request the SDK sends, quotes checked against the reply (accepted with
// their offsets, or dropped when invented), bad JSON and timeouts as error values, the
// rubric deciding whether findings count, and the rule score untouched throughout.
import type { ChatOpenAI } from '@langchain/openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JudgeMethod } from '../../server/llm/llmConfig.ts';
import { locateQuote, proposeSignals, withModelFindings, type ModelEvidence, type ModelSignalsInput } from '../../server/graders/modelSignals.ts';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { scoreLatestTurn, scoreTranscript } from '../../server/scoring/engine.ts';
import { withModelSignals } from '../../server/graders/modelReport.ts';
import type { CompiledRubric } from '../../server/scoring/rubric/compile.ts';
import type { Transcript } from '../../server/scoring/types.ts';
import { judgeModelOn } from '../support/judgeModel.ts';
import { startOpenAiTestServer, type OpenAiTestServer } from '../support/openaiTestServer.ts';


let server: OpenAiTestServer;
let model: ChatOpenAI;
let rubric: CompiledRubric;

beforeAll(async () => {
  server = await startOpenAiTestServer();
  model = judgeModelOn(server.url);
  rubric = loadDefaultRubric();
});
afterAll(() => server.close());
afterEach(() => server.reset());

// A retaliation threat in words the rules have not seen (Traditional Chinese).
const CUSTOMER = '你們到底要拖多久？我已經打了三次電話了！';
const THREAT = '繼續鬧的話，您的資料我會一直壓著不處理。';
const CALL: Transcript = {
  locale: 'zh-Hant',
  scenario: 'complaint',
  turns: [
    { role: 'customer', text: CUSTOMER },
    { role: 'trainee', text: THREAT },
  ],
};
const INPUT: ModelSignalsInput = { reply: THREAT, locale: 'zh-Hant', customer: [CUSTOMER] };
// The model answers in Simplified with its own spacing: still the reply's words.
const QUOTE = '您的资料我会一直压着 不处理';

const propose = (method: JudgeMethod = 'functionCalling', input: ModelSignalsInput = INPUT, timeoutMs = 1500) =>
  proposeSignals(model, rubric, input, { method, timeoutMs });

describe('proposeSignals', () => {
  it('asks through a tool call, with the signal definitions in the instructions and the call only as data', async () => {
    server.enqueue({ kind: 'structured', value: { findings: [] } });
    await propose('functionCalling');
    const { body, path } = server.requests[0]!;
    expect(path).toBe('/v1/chat/completions');
    expect(body.stream).toBe(false);
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'report_signals' } });
    expect(body.tools[0].function.parameters.properties.findings.items.required).toEqual(['signal', 'quote']);
    expect(body.response_format).toBeUndefined();
    const [system, user] = body.messages as Array<{ role: string; content: string }>;
    expect(system!.role).toBe('system');
    expect(system!.content).toContain(`conduct.threat (threat): ${rubric.modelSignals.definitions.get('conduct.threat')}`);
    expect(system!.content).not.toContain(THREAT);
    const marker = /<<<CALL ([0-9a-f]{16})>>>/.exec(system!.content)![1]!;
    const lines = user!.content.split('\n');
    const start = lines.indexOf(`<<<CALL ${marker}>>>`);
    const end = lines.indexOf(`<<<END CALL ${marker}>>>`);
    expect(lines.slice(start + 1, end).map((l) => JSON.parse(l))).toEqual([
      { speaker: 'customer', text: CUSTOMER },
      { speaker: 'employee', reply_to_review: true, text: THREAT },
    ]);
  });

  it('asks through json_schema with jsonSchema', async () => {
    server.enqueue({ kind: 'structured', value: { findings: [] } });
    expect(await propose('jsonSchema')).toEqual({ ok: true, findings: [], discarded: [] });
    const { body } = server.requests[0]!;
    expect(body.response_format.type).toBe('json_schema');
    expect(body.tools).toBeUndefined();
  });

  it('accepts a quote found in the reply, in either script and whatever its spacing, with its offsets in the text as typed', async () => {
    server.enqueue({ kind: 'structured', value: { findings: [{ signal: 'conduct.threat', quote: QUOTE }] } });
    const result = await propose();
    const start = THREAT.indexOf('您的資料');
    const end = THREAT.indexOf('不處理') + 3;
    expect(result).toEqual({
      ok: true,
      findings: [{ signal: 'conduct.threat', source: 'model', start, end, text: '您的資料我會一直壓著不處理' }],
      discarded: [],
    });
  });

  it('discards an invented quote and a signal the rubric does not offer, keeping the rest', async () => {
    server.enqueue({
      kind: 'structured',
      value: {
        findings: [
          { signal: 'empathy.emotion', quote: '我非常理解您的心情' },
          { signal: 'listening.open_question', quote: '您再這樣大聲' },
          { signal: 'conduct.threat', quote: QUOTE },
        ],
      },
    });
    const result = await propose();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.findings.map((f) => [f.signal, f.text])).toEqual([['conduct.threat', '您的資料我會一直壓著不處理']]);
    expect(result.discarded).toEqual([
      { signal: 'empathy.emotion', quote: '我非常理解您的心情', reason: 'quote_not_in_reply' },
      { signal: 'listening.open_question', quote: '您再這樣大聲', reason: 'signal_not_offered' },
    ]);
  });

  it('returns bad JSON as an error value', async () => {
    server.enqueue({ kind: 'structured', raw: '{"findings": [{"signal": "conduct.threat", "quote": ' });
    const result = await propose();
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_response' } });
  });

  it('returns an answer of the wrong shape as an error value', async () => {
    server.enqueue({ kind: 'structured', value: { findings: [{ signal: 'conduct.threat' }] } });
    expect(await propose()).toMatchObject({ ok: false, error: { code: 'bad_response' } });
  });

  it('gives up on a model that does not answer in time', async () => {
    server.enqueue({ kind: 'hang' });
    const started = Date.now();
    const result = await propose('functionCalling', INPUT, 300);
    expect(result).toMatchObject({ ok: false, error: { code: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('returns an endpoint error as an error value', async () => {
    server.enqueue({ kind: 'http-error', status: 500 });
    const result = await propose();
    expect(result.ok).toBe(false);
  });
});

describe('locateQuote', () => {
  it('finds English words whatever their case and spacing, and nothing the reply does not say', () => {
    const reply = 'If you cannot understand a simple form,  maybe a loan is not for you.';
    const [s, e] = locateQuote(reply, 'maybe a LOAN is not for you')!;
    expect(reply.slice(s, e)).toBe('maybe a loan is not for you');
    expect(locateQuote(reply, 'maybe a loan is not right for you')).toBeNull();
    expect(locateQuote(reply, '   ')).toBeNull();
  });
});

describe('withModelFindings', () => {
  const ruleTurn = () => scoreLatestTurn(rubric, CALL);
  const finding: ModelEvidence = { signal: 'conduct.threat', source: 'model', start: THREAT.indexOf('您的資料'), end: THREAT.indexOf('不處理') + 3, text: '您的資料我會一直壓著不處理' };
  const counting = (counts: boolean): CompiledRubric => ({ ...rubric, modelSignals: { ...rubric.modelSignals, counts } });

  it('by default shows a finding as found by the model, without changing any score', () => {
    const rules = ruleTurn();
    const before = structuredClone(rules);
    expect(rubric.modelSignals.counts).toBe(false);
    const shown = withModelFindings(rubric, rules, [finding]);
    expect(rules).toEqual(before);
    expect(shown.signals).toEqual(rules.signals);
    for (const c of Object.keys(rules.criteria) as Array<keyof typeof rules.criteria>) expect(shown.criteria[c].score).toBe(rules.criteria[c].score);
    expect(shown.criteria.conduct.evidence).toContainEqual({ ...finding, counted: false });
  });

  it('adds the signal and its points once when the rubric says model findings count', () => {
    const rules = ruleTurn();
    expect(rules.signals).not.toContain('conduct.threat');
    const threat = rubric.signals.find((s) => s.id === 'conduct.threat')!;
    const counted = withModelFindings(counting(true), rules, [finding, { ...finding }]);
    expect(counted.signals).toContain('conduct.threat');
    expect(counted.criteria.conduct.score).toBe(Math.max(0, Math.min(100, rules.criteria.conduct.score + threat.points)));
    expect(counted.criteria.conduct.score).toBeLessThan(rules.criteria.conduct.score);
    expect(counted.criteria.conduct.evidence.filter((e) => e.source === 'model')).toHaveLength(2);
    expect(counted.criteria.conduct.evidence.every((e) => e.source !== 'model' || e.counted === true)).toBe(true);
    expect(counted.criteria.empathy).toEqual(rules.criteria.empathy);
  });

  it('leaves the rule score whole when the model fails', async () => {
    const rules = ruleTurn();
    const before = structuredClone(rules);
    server.enqueue({ kind: 'structured', raw: 'not json at all' });
    const result = await propose();
    expect(result.ok).toBe(false);
    const shown = result.ok ? withModelFindings(counting(true), rules, result.findings) : rules;
    expect(shown).toEqual(before);
    expect(scoreLatestTurn(rubric, CALL)).toEqual(before);
  });
});

describe('withModelSignals', () => {
  const counting: () => CompiledRubric = () => ({ ...rubric, modelSignals: { ...rubric.modelSignals, counts: true } });

  it('carries counted findings into the session summary, and leaves the rules report as given', async () => {
    const rules = scoreTranscript(rubric, CALL);
    const before = structuredClone(rules);
    server.enqueue({ kind: 'structured', value: { findings: [{ signal: 'conduct.threat', quote: QUOTE }] } });
    const assisted = await withModelSignals(model, counting(), CALL, rules, { method: 'functionCalling', timeoutMs: 1500 });
    expect(rules).toEqual(before);
    expect(assisted.notices).toEqual([]);
    expect(assisted.report.turns[0]!.signals).toContain('conduct.threat');
    expect(assisted.report.summary.criteria.conduct).toBeLessThan(rules.summary.criteria.conduct);
    expect(assisted.report.summary.failed?.signals).toContain('conduct.threat');
  });

  it('gives the rules report back with a notice when the model times out', async () => {
    const rules = scoreTranscript(rubric, CALL);
    server.enqueue({ kind: 'hang' });
    const assisted = await withModelSignals(model, counting(), CALL, rules, { method: 'functionCalling', timeoutMs: 300 });
    expect(assisted.report).toEqual(rules);
    expect(assisted.notices).toEqual([{ turn: 1, code: 'timeout', message: expect.any(String) }]);
  });
});
