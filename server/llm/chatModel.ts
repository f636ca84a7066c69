/**
 * Builds the LangChain chat model for an OpenAI-compatible endpoint from the LLM config.
 * The customer engine wants a streaming model (it reads `.stream()`); the judge wants a
 * non-streaming one, because `.invoke()` on a streaming ChatOpenAI counts tokens with
 * js-tiktoken afterwards, which downloads data and stalls for minutes offline.
 */
import { ChatOpenAI } from '@langchain/openai';
import type { LlmConfig } from './llmConfig.ts';

/** Local servers ignore the key, but both SDKs refuse to start without one. */
export const PLACEHOLDER_API_KEY = 'sk-no-key-needed';

export interface ChatModelOptions {
  /** True for the customer's replies, false for the judge. */
  streaming: boolean;
  /** Retries inside LangChain; keep 0 in tests, so a failure shows at once. */
  maxRetries?: number;
  /** A cap on generated tokens, so a runaway reply also ends at the endpoint. */
  maxTokens?: number;
  /** Unset by default: reasoning models (o-series, gpt-5) refuse any value but their own. */
  temperature?: number;
}

export function createChatModel(config: LlmConfig, options: ChatModelOptions): ChatOpenAI {
  return new ChatOpenAI({
    model: config.model,
    apiKey: config.apiKey ?? PLACEHOLDER_API_KEY,
    // Given explicitly, so the model never picks up a different OPENAI_BASE_URL by itself.
    configuration: config.baseURL ? { baseURL: config.baseURL } : {},
    streaming: options.streaming,
    maxRetries: options.maxRetries ?? 1,
    // The SDK's own limit (until the answer starts); the engines add their own per reply.
    timeout: config.timeoutMs,
    ...(options.maxTokens !== undefined ? { maxTokens: options.maxTokens } : {}),
    ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
  });
}

// Reasoning models spend their token budget thinking first: a cap sized for the reply would leave it empty.
const REASONING_MODEL = /^(o\d|gpt-5)/;

/** The customer's model: streaming, with a token cap above the character limit (the engine cuts at a sentence end). */
export function createCustomerModel(config: LlmConfig, maxRetries = 1): ChatOpenAI {
  const cap = REASONING_MODEL.test(config.model) ? {} : { maxTokens: config.maxChars * 2 };
  return createChatModel(config, { streaming: true, maxRetries, ...cap });
}

/** The judge's model: not streaming (see above). */
export function createJudgeModel(config: LlmConfig, maxRetries = 1): ChatOpenAI {
  return createChatModel(config, { streaming: false, maxRetries });
}
