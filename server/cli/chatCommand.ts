/**
 * `sparring chat PERSONA [--locale L] [--seed N] [--llm] [--judge]`: plays a persona in the
 * terminal, with the scores of each reply shown after it and the whole scorecard at the end.
 * The quickest way for QA to try a persona, and for anyone to try the product. Reads lines
 * from standard input, so a conversation can also be piped in. With --llm the customer's
 * words come from the configured OpenAI-compatible endpoint, streamed as they arrive; the
 * mood and the ending still come from the shared step, and a failing endpoint falls back to
 * the scripted line. Each reply takes the session's turn path (conversation.ts `exchange`):
 * scored once, the customer's step, a customer voice; the scorecard summarises those scores.
 */
import { createInterface } from 'node:readline';
import { formatProblem } from '../dataFiles/fileError.ts';
import { exchange, startConversation, transcriptOf, type Conversation } from '../personas/conversation.ts';
import { findPersona, loadPersonaLibrary } from '../personas/personaLibrary.ts';
import type { Mood } from '../domain/mood.ts';
import type { PersonaFile } from '../personas/schema.ts';
import { newSeed } from '../personas/seededChoice.ts';
import { loadDefaultRubric } from '../dataFiles/loadRubric.ts';
import { createScorer } from '../scoring/scorer.ts';
import { sessionReport } from '../scoring/summary.ts';
import type { CompiledRubric } from '../scoring/rubric/compile.ts';
import { Locale, type TurnScore } from '../scoring/types.ts';
import { readCommandLine } from './commandLine.ts';
import type { Command } from './command.ts';
import { renderReport } from './reportTable.ts';
import { createCustomerModel, createJudgeModel } from '../llm/chatModel.ts';
import { llmEnabled, parseLlmConfig, type LlmConfig } from '../llm/llmConfig.ts';
import { llmVoice } from '../personas/voice/llmVoice.ts';
import { scriptedVoice } from '../personas/voice/scriptedVoice.ts';
import { judgeTranscript } from '../graders/llmJudge.ts';

const USAGE = `usage: sparring chat PERSONA [--locale zh-Hant|zh-Hans|en] [--seed N] [--llm] [--judge]
  --llm     the customer's words from OPENAI_BASE_URL / OPENAI_API_KEY / LLM_MODEL
  --judge   an LLM's second opinion per criterion after the scorecard
`;

interface ChatArgs {
  personaId: string;
  locale: Locale | undefined;
  seed: number;
  llm: boolean;
  judge: boolean;
}

function parseChatArgs(args: readonly string[]): ChatArgs | string {
  const read = readCommandLine(args, { locale: { type: 'string' }, seed: { type: 'string' }, llm: { type: 'boolean' }, judge: { type: 'boolean' } });
  if (!read.ok) return read.error;
  const { values, positionals } = read;
  let locale: Locale | undefined;
  if (values.locale !== undefined) {
    const parsed = Locale.safeParse(values.locale);
    if (!parsed.success) return `--locale takes zh-Hant, zh-Hans or en`;
    locale = parsed.data;
  }
  let seed = newSeed();
  if (values.seed !== undefined) {
    seed = Number(values.seed);
    if (!/^\d+$/.test(values.seed) || !Number.isSafeInteger(seed)) return '--seed takes a whole number';
  }
  const [personaId, extra] = positionals;
  if (extra !== undefined) return `one persona at a time (got "${extra}" too)`;
  return personaId === undefined ? 'which persona? (sparring personas validate lists them)' : { personaId, locale, seed, llm: values.llm ?? false, judge: values.judge ?? false };
}

const moodLine = (m: Mood): string => `anger ${m.anger} · trust ${m.trust} · confusion ${m.confusion}`;

function scoreLine(score: TurnScore, rubric: CompiledRubric): string {
  // A criterion whose only evidence is a neutral signal (a closed question) has nothing to say yet.
  const neutral = new Set(rubric.signals.filter((s) => s.tone === 'neutral').map((s) => s.id));
  const c = score.criteria;
  return [
    `  scores: empathy ${c.empathy.score} · listening ${c.active_listening.score} · plain ${c.plain_language.score} · steps ${c.complaint_process.score} · conduct ${c.conduct.score}`,
    `  signals: ${score.signals.join(', ') || 'none'}`,
    ...Object.values(c)
      .filter((x) => x.evidence.some((e) => !neutral.has(e.signal)))
      .map((x) => `  · ${x.feedback}`),
  ].join('\n');
}

async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const parsed = parseChatArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`sparring chat: ${parsed}\n${USAGE}`);
    return 2;
  }
  const library = loadPersonaLibrary();
  const persona: PersonaFile | undefined = findPersona(library, parsed.personaId, parsed.locale);
  if (!persona) {
    const bad = library.problems.filter((p) => p.path.includes(`/${parsed.personaId}/`));
    for (const p of bad) process.stderr.write(`${formatProblem(p)}\n`);
    const known = [...new Set(library.personas.map((p) => p.id))].join(', ');
    process.stderr.write(`sparring chat: no persona "${parsed.personaId}"${parsed.locale ? ` in ${parsed.locale}` : ''} (personas: ${known})\n`);
    return 2;
  }
  let llmConfig: LlmConfig | undefined;
  if (parsed.llm || parsed.judge) {
    const config = parseLlmConfig();
    if (!config.ok) {
      process.stderr.write(`sparring chat: ${config.message}\n`);
      return 2;
    }
    if (!llmEnabled()) {
      process.stderr.write('sparring chat: --llm and --judge need OPENAI_BASE_URL or OPENAI_API_KEY (and LLM_MODEL for a model of your choice)\n');
      return 2;
    }
    llmConfig = config.config;
  }
  const rubric = loadDefaultRubric();
  const other = library.personas.filter((p) => p.id === persona.id && p.locale !== persona.locale).map((p) => p.locale);
  const out = (s: string): boolean => process.stdout.write(s);
  out(`${persona.name}  (${persona.id}, ${persona.locale}${other.length ? `; also ${other.join(', ')}` : ''}, seed ${parsed.seed})\n`);
  out(`${persona.briefing.situation}\n`);
  out('Type your replies. An empty line or /end finishes.\n\n');

  const scorer = createScorer(rubric);
  const streaming = parsed.llm && llmConfig !== undefined;
  const voice = parsed.llm && llmConfig
    ? llmVoice({
        model: createCustomerModel(llmConfig),
        limits: { maxChars: llmConfig.maxChars, timeoutMs: llmConfig.timeoutMs, firstTokenTimeoutMs: llmConfig.firstTokenTimeoutMs },
      })
    : scriptedVoice;
  const started = startConversation(persona, parsed.seed);
  let conversation: Conversation = started.conversation;
  const scores: TurnScore[] = [];
  out(`customer [${moodLine(started.opening.mood)}]\n  ${started.opening.text}\n`);

  const interactive = process.stdin.isTTY === true;
  const lines = createInterface({ input: process.stdin, terminal: interactive });
  if (interactive) out('you> ');
  for await (const raw of lines) {
    const text = raw.trim();
    if (text === '' || text === '/end') break;
    // The LLM's words stream in as they come; the mood and scores follow once the reply is whole.
    if (streaming) out('customer: ');
    const answer = await exchange(persona, conversation, text, { scoreTurn: scorer.scoreTurn, voice, ...(streaming ? { onDelta: (delta: string) => void out(delta) } : {}) });
    conversation = answer.conversation;
    scores.push(answer.situation.score);
    if (streaming) {
      if (answer.fallback) out(`\n  (the model did not answer: ${answer.error.code}, ${answer.error.message}; scripted line)\n  ${answer.reply}`);
      out(`\n  [${moodLine(conversation.state.mood)}]\n${scoreLine(answer.situation.score, rubric)}\n`);
    } else {
      out(`${scoreLine(answer.situation.score, rubric)}\ncustomer [${moodLine(conversation.state.mood)}]\n  ${answer.reply}\n`);
    }
    if (conversation.state.outcome) {
      out(`\nThe customer ended the conversation: ${conversation.state.outcome}.\n`);
      break;
    }
    if (interactive) out('you> ');
  }
  lines.close();

  if (conversation.turns.some((t) => t.role === 'trainee')) {
    const transcript = transcriptOf(persona, conversation.turns);
    out(`\n${renderReport({ file: `${persona.id}/${persona.locale}`, transcript, report: sessionReport(rubric, persona.locale, scores, persona.scenario), rubric })}`);
    if (parsed.judge && llmConfig) {
      const judged = await judgeTranscript(createJudgeModel(llmConfig), transcript, { method: llmConfig.judgeMethod, timeoutMs: llmConfig.timeoutMs });
      if (!judged.ok) out(`\n  LLM judge: no opinion (${judged.error.code}: ${judged.error.message})\n`);
      else {
        out('\n  LLM judge (a second opinion; the scores above and their evidence stand)\n');
        for (const [id, c] of Object.entries(judged.opinion.criteria)) out(`    ${id.padEnd(18)} ${String(c.score).padStart(3)}  ${c.reason}\n`);
      }
    }
  }
  return 0;
}

export const chatCommand: Command = {
  name: 'chat',
  args: 'PERSONA [--locale L] [--seed N] [--llm] [--judge]',
  summary: 'play a persona in the terminal, with the scores of each reply',
  run,
};
