/**
 * One structured answer from a chat model, for the graders (the judge, the model's proposed
 * signals): the request under a time limit, and every way it can fail (too late, the endpoint,
 * an answer that does not fit the schema) as an LlmError value, never an exception.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';
import { OutputParserException } from '@langchain/core/output_parsers';
import type { z } from 'zod';
import { $ZodError } from 'zod/v4/core';
import type { JudgeMethod } from '../llm/llmConfig.ts';
import { LlmError, toLlmError } from '../llm/llmError.ts';

export interface StructuredRequest {
  /** The tool or schema name the model answers with. */
  name: string;
  method: JudgeMethod;
  timeoutMs: number;
  messages: BaseMessage[];
  /** Said when the time runs out ("the LLM judge did not answer"). */
  late: string;
  /** Names the answer when it does not fit ("the LLM judge's answer"). */
  answer: string;
}

export type StructuredResult<T> = { ok: true; value: T } | { ok: false; error: LlmError };

export async function structuredAnswer<S extends z.ZodType>(model: BaseChatModel, schema: S, request: StructuredRequest): Promise<StructuredResult<z.output<S>>> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);
  const misfit = (detail: string) => ({ ok: false as const, error: new LlmError('bad_response', `${request.answer} did not fit the expected shape: ${detail}`) });
  let answer: unknown;
  try {
    const asking = model.withStructuredOutput(schema, { method: request.method, name: request.name });
    answer = await asking.invoke(request.messages, { signal: controller.signal });
  } catch (err) {
    if (timedOut) return { ok: false, error: new LlmError('timeout', `${request.late} within ${request.timeoutMs} ms`) };
    // LangChain validates with zod's core (the error is a `$ZodError`, not the classic `z.ZodError`).
    if (err instanceof OutputParserException || err instanceof $ZodError || err instanceof SyntaxError) return misfit(firstLine(err));
    return { ok: false, error: toLlmError(err) };
  } finally {
    clearTimeout(timer);
  }
  // Validated again here: the parser differs by method and by version, this check does not.
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return misfit(issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid');
  }
  return { ok: true, value: parsed.data };
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!.slice(0, 200);
}
