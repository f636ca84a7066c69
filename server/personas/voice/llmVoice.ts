/**
 * The LLM-driven customer voice: behind the CustomerVoice interface (customerVoice.ts), the
 * words of a step already taken (mood, stage, reveals, ending all come from the customer's
 * step), streamed from an OpenAI-compatible model. A reply is bounded in length (cut at a
 * sentence end) and in time (a first-token and an overall limit); an endpoint that fails,
 * times out, or answers garbage, out of character (outOfCharacter.ts: as a program, about
 * its prompt, or echoing it) or with a hidden fact before the step reveals it (factLeak.ts) gives an `LlmError`, told apart by the openai SDK's error
 * classes, and `llmVoice` then says the scripted line, so the session goes on.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { LlmError, toLlmError } from '../../llm/llmError.ts';
import { inBothScripts } from '../../text/displayScript.ts';
import type { Locale } from '../../scoring/types.ts';
import type { CustomerVoice, ReplyCut, VoiceAnswer } from './customerVoice.ts';
import { scriptedLine } from './scriptedVoice.ts';
import { buildCustomerPrompt, type PromptMessage } from './customerPrompt.ts';
import { factLeakGuard, type LeakGuard } from './factLeak.ts';
import { characterGuard as plainCharacterGuard, type CharacterGuard } from './outOfCharacter.ts';
import { instructionEcho, stringsOf } from './instructionEcho.ts';
import { fillLine } from '../fillLine.ts';
import { withoutInvisibles } from '../../text/lookalikes.ts';

export type { ReplyCut } from './customerVoice.ts';

export interface ReplyLimits {
  maxChars: number;
  /** The whole reply must be in within this time. */
  timeoutMs: number;
  /** The first words must come within this time. */
  firstTokenTimeoutMs: number;
}

export interface CustomerReply {
  text: string;
  cut: ReplyCut;
}

/**
 * Text not yet passed on, so an out-of-character phrase is caught before any of it leaves.
 * A hidden fact needs no more: the leak guard holds everything from the first piece of a
 * hidden fact's material, and any figure still being written ("$9" of "$950"), until the
 * whole is checked, so no leaked number reaches the client however the model cuts its chunks.
 */
const HOLD_BACK = 16;

const SENTENCE_END = /[。！？!?…]+[」』”’"）)]*|\.+(?=\s|$)[”’")]*|\n+/g;
const CLAUSE_END = /[，、；,;：:]/g;

/** The text up to its last sentence end within `max` characters, or null if there is none. */
export function cutAtSentenceEnd(text: string, max: number): string | null {
  let end = -1;
  for (const m of text.matchAll(SENTENCE_END)) {
    // A line break ends a sentence but is not part of it.
    const e = m[0].startsWith('\n') ? m.index : m.index + m[0].length;
    if (e > max) break;
    if (e > 0) end = e;
  }
  const cut = end > 0 ? text.slice(0, end).trim() : '';
  return cut.length > 0 ? cut : null;
}

/** A reply over the limit: at a sentence end if there is one, else at a clause, marked unfinished. */
function cutToLimit(text: string, max: number): string {
  const sentence = cutAtSentenceEnd(text, max);
  if (sentence) return sentence;
  let clause = -1;
  for (const m of text.slice(0, max).matchAll(CLAUSE_END)) clause = m.index;
  return `${text.slice(0, clause > 0 ? clause : max - 1).trim()}…`;
}

/**
 * The customer speaks the persona's script, whichever one the model chose: text already in
 * that script is kept as written (converting Traditional again writes 提出瞭解決), the other
 * script is converted with Taiwan phrasing (server/text/displayScript.ts).
 */
function inScript(text: string, locale: Locale): string {
  return locale === 'en' ? text : inBothScripts(text)[locale];
}

function wrongLanguage(text: string, locale: Locale): boolean {
  const han = text.match(/[\u3400-\u9FFF]/g)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  return locale === 'en' ? han > latin : han === 0 && latin > 0;
}

/** The text of a streamed chunk; null when it carries something else (a tool call, an image…). */
function chunkText(chunk: { content?: unknown; tool_call_chunks?: unknown[] }): { text: string; other: boolean } {
  const other = (chunk.tool_call_chunks?.length ?? 0) > 0;
  if (typeof chunk.content === 'string') return { text: chunk.content, other };
  if (Array.isArray(chunk.content)) {
    let text = '';
    let nonText = other;
    for (const block of chunk.content as Array<{ type?: string; text?: unknown }>) {
      if (block?.type === 'text' && typeof block.text === 'string') text += block.text;
      else nonText = true;
    }
    return { text, other: nonText };
  }
  return { text: '', other: chunk.content !== undefined && chunk.content !== null };
}

export function toLangChain(m: PromptMessage): BaseMessage {
  if (m.role === 'system') return new SystemMessage(m.content);
  return m.role === 'user' ? new HumanMessage(m.content) : new AIMessage(m.content);
}

export interface StreamReplyOptions extends ReplyLimits {
  locale: Locale;
  /** Stops a reply that tells a fact the shared step has not revealed yet. */
  leakGuard?: LeakGuard;
  /** Called once, when the first text arrives: the first-token latency the metrics show. */
  onFirstToken?: () => void;
  /** Stops a reply out of character (outOfCharacter.ts); without one, the phrases alone are checked. */
  characterGuard?: CharacterGuard;
}

const LEAK_MESSAGE = 'the model told a hidden fact before its time';

/**
 * Streams a customer reply: yields the text as it comes (held back a few characters, so a
 * reply that breaks character is stopped before the phrase leaves, and from the first hint
 * of a hidden fact, so a leak is stopped before the fact leaves) and returns the final
 * text. The final text is authoritative: it may be shorter than what was yielded when the
 * reply was cut at a sentence end; a client replaces its preview with it.
 * Throws an LlmError when there is no usable reply.
 */
export async function* streamCustomerReply(
  model: BaseChatModel,
  messages: readonly PromptMessage[],
  options: StreamReplyOptions,
): AsyncGenerator<string, CustomerReply, undefined> {
  const characterGuard = options.characterGuard ?? plainCharacterGuard();
  const controller = new AbortController();
  let timedOut: 'first_token' | 'overall' | null = null;
  const overall = setTimeout(() => {
    timedOut = 'overall';
    controller.abort();
  }, options.timeoutMs);
  let firstToken: NodeJS.Timeout | undefined = setTimeout(() => {
    timedOut = 'first_token';
    controller.abort();
  }, Math.min(options.firstTokenTimeoutMs, options.timeoutMs));

  let raw = '';
  let text = '';
  let sent = 0;
  let chunks = 0;
  let nonText = false;
  let cut: ReplyCut = null;
  try {
    try {
      const stream = await model.stream(messages.map(toLangChain), { signal: controller.signal });
      for await (const chunk of stream) {
        chunks++;
        const piece = chunkText(chunk);
        nonText ||= piece.other;
        if (!piece.text) continue;
        if (firstToken) {
          clearTimeout(firstToken);
          firstToken = undefined;
          options.onFirstToken?.();
        }
        raw += piece.text;
        // Leading blanks are dropped here, so what was yielded stays a prefix of the final text;
        // so are characters that show nothing (a zero-width space inside "AI"): no reply needs them.
        text = inScript(withoutInvisibles(raw).trimStart(), options.locale);
        const character = characterGuard.scan(text, false);
        if (character.breach) throw new LlmError('bad_response', character.breach);
        const scan = options.leakGuard?.scan(text, false);
        if (scan?.leak) throw new LlmError('bad_response', LEAK_MESSAGE);
        if (text.length > options.maxChars) {
          cut = 'length';
          break;
        }
        const ready = Math.min(text.length - HOLD_BACK, scan?.suspectAt ?? Infinity, character.suspectAt ?? Infinity);
        if (ready > sent) {
          yield text.slice(sent, ready);
          sent = ready;
        }
      }
    } catch (err) {
      if (err instanceof LlmError) throw err;
      // A reply cut by the clock or a dropped connection is kept if it has a whole sentence.
      const partial = cutAtSentenceEnd(text, options.maxChars);
      if (timedOut === 'first_token') throw new LlmError('timeout', `no reply from the LLM endpoint within ${options.firstTokenTimeoutMs} ms`);
      if (timedOut === 'overall') {
        if (!partial) throw new LlmError('timeout', `the LLM reply was not finished within ${options.timeoutMs} ms`);
        text = partial;
        cut = 'timeout';
      } else {
        const failure = toLlmError(err);
        if (failure.code !== 'unavailable' || !text) throw failure;
        if (!partial) throw new LlmError('unavailable', `the LLM reply stopped halfway: ${failure.message}`);
        text = partial;
        cut = 'dropped';
      }
    }
  } finally {
    clearTimeout(overall);
    if (firstToken) clearTimeout(firstToken);
    // Ends the request when we stopped reading early (length cut, bad reply, consumer gone).
    controller.abort();
  }

  if (cut === 'length') text = cutToLimit(text, options.maxChars);
  text = text.trimEnd();
  if (!text) {
    if (chunks === 0) throw new LlmError('bad_response', 'the LLM endpoint did not answer with an event stream');
    if (nonText) throw new LlmError('bad_response', 'the model answered with something other than text');
    throw new LlmError('empty', 'the model gave an empty reply');
  }
  if (wrongLanguage(text, options.locale)) throw new LlmError('bad_response', `the model answered in the wrong language for ${options.locale}`);
  // The final text is whole: a figure or word that touched the end while streaming counts now.
  const breach = characterGuard.scan(text, true).breach;
  if (breach) throw new LlmError('bad_response', breach);
  if (options.leakGuard?.scan(text, true).leak) throw new LlmError('bad_response', LEAK_MESSAGE);
  if (text.length > sent) yield text.slice(sent);
  return { text, cut };
}

export interface LlmEngine {
  /** A streaming chat model (server/llm/chatModel.ts `createCustomerModel`). */
  model: BaseChatModel;
  limits: ReplyLimits;
}

/**
 * The LLM customer's voice: the model says the step's answer, streamed through `onDelta`.
 * On any LlmError the scripted line is said instead, so the session goes on and the caller
 * can show the error beside it.
 */
export function llmVoice(engine: LlmEngine): CustomerVoice {
  return {
    async answer({ persona, step, onDelta, onFirstToken }): Promise<VoiceAnswer> {
      const messages = buildCustomerPrompt({ persona, state: step.state, situation: step.situation, turns: step.turns, maxChars: engine.limits.maxChars });
      try {
        const traineeWords = step.turns.filter((t) => t.role === 'trainee').map((t) => t.text);
        const leakGuard = factLeakGuard(persona, step.state, step.situation, traineeWords);
        // The persona's own words, as the prompt carries them, are the customer's to repeat.
        const values = { ...persona.facts, term: step.situation.jargonTerm ?? '' };
        const ownWords = stringsOf(persona).map((s) => fillLine(s, values));
        const characterGuard = plainCharacterGuard(instructionEcho(messages[0]!.content, ownWords));
        const stream = streamCustomerReply(engine.model, messages, { ...engine.limits, locale: persona.locale, leakGuard, characterGuard, ...(onFirstToken ? { onFirstToken } : {}) });
        let next = await stream.next();
        while (!next.done) {
          onDelta?.(next.value);
          next = await stream.next();
        }
        return { reply: next.value.text, fallback: false, cut: next.value.cut };
      } catch (err) {
        // The stream only throws LlmErrors; anything else (a throwing onDelta) is a bug to surface.
        if (!(err instanceof LlmError)) throw err;
        return { reply: scriptedLine(persona, step), fallback: true, error: err };
      }
    },
  };
}
