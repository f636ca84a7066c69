/**
 * The LLM settings, read once from the environment and validated: which OpenAI-compatible
 * endpoint the LLM-driven personas and the optional judge talk to, and how long and how
 * long-winded a reply may be. LLM mode is off unless a key or a base URL is set; a bad
 * value is refused with one line that names the variable, so the server can stop cleanly.
 */
import { z } from 'zod';

export const JUDGE_METHODS = ['functionCalling', 'jsonSchema'] as const;
export type JudgeMethod = (typeof JUDGE_METHODS)[number];

export const DEFAULT_MODEL = 'gpt-4o-mini';

// Docker and .env files often set a variable to nothing: that means "not set".
const optionalText = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().min(1).optional());
const optionalUrl = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://127.0.0.1:8080/v1' }).optional(),
);
const wholeNumber = (min: number, max: number, fallback: number, unit: string) =>
  z.preprocess(
    (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? fallback : Number(v)),
    z.number({ error: `must be a whole number of ${unit}` }).int(`must be a whole number of ${unit}`).min(min, `must be at least ${min} ${unit}`).max(max, `must be at most ${max} ${unit}`),
  );

const LlmEnv = z
  .object({
    OPENAI_BASE_URL: optionalUrl,
    OPENAI_API_KEY: optionalText,
    LLM_MODEL: optionalText,
    SPARRING_LLM_TIMEOUT_MS: wholeNumber(500, 600_000, 20_000, 'milliseconds'),
    SPARRING_LLM_MAX_CHARS: wholeNumber(40, 4_000, 300, 'characters'),
    SPARRING_LLM_JUDGE_METHOD: z.preprocess(
      (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? 'functionCalling' : v),
      z.enum(JUDGE_METHODS, { error: `must be ${JUDGE_METHODS.join(' or ')}` }),
    ),
    SPARRING_LLM_MODEL_SIGNALS: z.preprocess(
      (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? 'off' : v),
      z.enum(['on', 'off'], { error: 'must be on or off' }),
    ),
  })
  .transform((e) => ({
    // Left out when unset, so a config written by hand (a test's) need not name them.
    /** The endpoint's base URL, ending in `/v1`; unset means OpenAI itself. */
    ...(e.OPENAI_BASE_URL !== undefined ? { baseURL: e.OPENAI_BASE_URL } : {}),
    ...(e.OPENAI_API_KEY !== undefined ? { apiKey: e.OPENAI_API_KEY } : {}),
    model: e.LLM_MODEL ?? DEFAULT_MODEL,
    /** The whole reply must be in within this time. */
    timeoutMs: e.SPARRING_LLM_TIMEOUT_MS,
    /** The first words must come within this time: half the whole, so a dead endpoint is noticed early. */
    firstTokenTimeoutMs: Math.max(250, Math.round(e.SPARRING_LLM_TIMEOUT_MS / 2)),
    /** A customer reply longer than this is cut at a sentence end. */
    maxChars: e.SPARRING_LLM_MAX_CHARS,
    /** How the judge asks for structured output: many self-hosted servers lack json_schema. */
    judgeMethod: e.SPARRING_LLM_JUDGE_METHOD,
    /** Live LLM-mode sessions also ask the model for signals after each rule score (server/sessions/liveModelSignals.ts). */
    ...(e.SPARRING_LLM_MODEL_SIGNALS === 'on' ? { modelSignals: true as const } : {}),
  }));

/** The LLM settings, as the environment gives them once checked. */
export type LlmConfig = z.output<typeof LlmEnv>;

export type LlmConfigResult = { ok: true; config: LlmConfig } | { ok: false; message: string };

type Env = Readonly<Record<string, string | undefined>>;

const isSet = (v: string | undefined): boolean => v !== undefined && v.trim() !== '';

/** LLM mode is on when a key or a base URL is set. */
export function llmEnabled(env: Env = process.env): boolean {
  return isSet(env.OPENAI_API_KEY) || isSet(env.OPENAI_BASE_URL);
}

export function parseLlmConfig(env: Env = process.env): LlmConfigResult {
  const parsed = LlmEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'LLM configuration');
      const got = env[name];
      return `${name} ${issue.message}${got !== undefined ? ` (got "${got}")` : ''}`;
    });
    return { ok: false, message: `Bad LLM configuration: ${problems.join('; ')}` };
  }
  return { ok: true, config: parsed.data };
}

export class LlmConfigError extends Error {
  override name = 'LlmConfigError';
}

/** The config, or an LlmConfigError whose message is the one line to print. */
export function loadLlmConfig(env: Env = process.env): LlmConfig {
  const result = parseLlmConfig(env);
  if (!result.ok) throw new LlmConfigError(result.message);
  return result.config;
}
