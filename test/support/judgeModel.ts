/** The graders' chat model pointed at the OpenAI-compatible test server: no retries, a short limit. */
import type { ChatOpenAI } from '@langchain/openai';
import { createJudgeModel } from '../../server/llm/chatModel.ts';
import type { LlmConfig } from '../../server/llm/llmConfig.ts';

export function judgeModelOn(url: string): ChatOpenAI {
  for (const key of Object.keys(process.env)) if (/^(LANGSMITH|LANGCHAIN)_/.test(key)) delete process.env[key];
  const config: LlmConfig = { baseURL: url, model: 'gpt-4o-mini', timeoutMs: 1500, firstTokenTimeoutMs: 750, maxChars: 300, judgeMethod: 'functionCalling' };
  return createJudgeModel(config, 0);
}
