/**
 * `sparring chat PERSONA [--locale L] [--seed N]`: plays a persona in the terminal, with the
 * scores of each reply shown after it and the whole scorecard at the end. The quickest way
 * for QA to try a persona, and for anyone to try the product. Reads lines from standard
 * input, so a conversation can also be piped in.
 */
import { createInterface } from 'node:readline';
import { formatProblem } from '../files/fileError.ts';
import { scriptedExchange, startConversation, transcriptOf, type Conversation } from '../personas/conversation.ts';
import { findPersona, loadPersonaLibrary } from '../personas/personaLibrary.ts';
import type { Mood, PersonaFile } from '../personas/schema.ts';
import { newSeed } from '../personas/seededChoice.ts';
import { loadDefaultRubric } from '../rubrics/loadRubric.ts';
import { scoreTranscript } from '../scoring/engine.ts';
import { Locale, type TurnScore } from '../scoring/types.ts';
import type { Command } from './main.ts';
import { renderReport } from './reportTable.ts';

const USAGE = 'usage: sparring chat PERSONA [--locale zh-Hant|zh-Hans|en] [--seed N]\n';

interface ChatArgs {
  personaId: string;
  locale: Locale | undefined;
  seed: number;
}

function parseArgs(args: readonly string[]): ChatArgs | string {
  let personaId: string | undefined;
  let locale: Locale | undefined;
  let seed = newSeed();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--locale') {
      const parsed = Locale.safeParse(args[++i]);
      if (!parsed.success) return `--locale takes zh-Hant, zh-Hans or en`;
      locale = parsed.data;
    } else if (arg === '--seed') {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 0) return '--seed takes a whole number';
      seed = value;
    } else if (arg.startsWith('-')) return `unknown option "${arg}"`;
    else if (personaId === undefined) personaId = arg;
    else return `one persona at a time (got "${arg}" too)`;
  }
  return personaId === undefined ? 'which persona? (sparring personas validate lists them)' : { personaId, locale, seed };
}

const moodLine = (m: Mood): string => `anger ${m.anger} · trust ${m.trust} · confusion ${m.confusion}`;

function scoreLine(score: TurnScore): string {
  const c = score.criteria;
  return [
    `  scores: empathy ${c.empathy.score} · listening ${c.active_listening.score} · plain ${c.plain_language.score} · steps ${c.complaint_process.score} · conduct ${c.conduct.score}`,
    `  signals: ${score.signals.join(', ') || 'none'}`,
    ...Object.values(c)
      .filter((x) => x.evidence.some((e) => !e.signal.startsWith('listening.closed')))
      .map((x) => `  · ${x.feedback}`),
  ].join('\n');
}

async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
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
  const rubric = loadDefaultRubric();
  const other = library.personas.filter((p) => p.id === persona.id && p.locale !== persona.locale).map((p) => p.locale);
  const out = (s: string): boolean => process.stdout.write(s);
  out(`${persona.name}  (${persona.id}, ${persona.locale}${other.length ? `; also ${other.join(', ')}` : ''}, seed ${parsed.seed})\n`);
  out(`${persona.briefing.situation}\n`);
  out('Type your replies. An empty line or /end finishes.\n\n');

  const started = startConversation(persona, parsed.seed);
  let conversation: Conversation = started.conversation;
  out(`customer [${moodLine(started.opening.mood)}]\n  ${started.opening.text}\n`);

  const interactive = process.stdin.isTTY === true;
  const lines = createInterface({ input: process.stdin, terminal: interactive });
  if (interactive) out('you> ');
  for await (const raw of lines) {
    const text = raw.trim();
    if (text === '' || text === '/end') break;
    const exchange = scriptedExchange(persona, rubric, conversation, text);
    conversation = exchange.conversation;
    out(`${scoreLine(exchange.situation.score)}\ncustomer [${moodLine(conversation.state.mood)}]\n  ${exchange.reply}\n`);
    if (conversation.state.outcome) {
      out(`\nThe customer ended the conversation: ${conversation.state.outcome}.\n`);
      break;
    }
    if (interactive) out('you> ');
  }
  lines.close();

  if (conversation.turns.some((t) => t.role === 'trainee')) {
    const transcript = transcriptOf(persona, conversation.turns);
    out(`\n${renderReport({ file: `${persona.id}/${persona.locale}`, transcript, report: scoreTranscript(rubric, transcript), rubric })}`);
  }
  return 0;
}

export const chatCommand: Command = {
  name: 'chat',
  args: 'PERSONA [--locale L] [--seed N]',
  summary: 'play a persona in the terminal, with the scores of each reply',
  run,
};
