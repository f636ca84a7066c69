/**
 * The LLM customer's engine for this server's configuration (ctx.config.llm): a streaming
 * chat model and the reply limits, built once per configuration. Null when LLM mode is off,
 * and sessions then speak with the scripted engine.
 */
import { createCustomerModel } from '../llm/chatModel.ts';
import type { LlmConfig } from '../llm/llmConfig.ts';
import type { LlmEngine } from '../personas/voice/llmVoice.ts';

const engines = new WeakMap<LlmConfig, LlmEngine>();

export function llmEngineFor(config: LlmConfig | null): LlmEngine | null {
  if (!config) return null;
  let engine = engines.get(config);
  if (!engine) {
    engine = {
      // No retries inside a live reply: a retry doubles the wait, and the scripted line is there at once.
      model: createCustomerModel(config, 0),
      limits: { maxChars: config.maxChars, timeoutMs: config.timeoutMs, firstTokenTimeoutMs: config.firstTokenTimeoutMs },
    };
    engines.set(config, engine);
  }
  return engine;
}
