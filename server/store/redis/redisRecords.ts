/**
 * Records in and out of Redis for the Redis store (redisSessionStore.ts): how a record is
 * encoded into hash fields or JSON, and how one read back is checked with its zod schema.
 * A record that fails is left out and reported (the store's `problems`), never thrown: one
 * bad key must not hide the rest.
 */
import type { z } from 'zod';
import { fieldPath } from '../../dataFiles/fileError.ts';
import { StoredTurn } from '../../domain/records.ts';
import type { AppendResult } from '../sessionStore.ts';

export type RedisReport = (key: string, message: string) => void;

/**
 * Fields as hash field/value pairs, each value JSON (so null and numbers survive). A field
 * that is undefined is left out: the hash then simply lacks it, as one written before the
 * field existed does.
 */
export function encodeFields(fields: object): string[] {
  return Object.entries(fields).flatMap(([field, value]) => (value === undefined ? [] : [field, JSON.stringify(value)]));
}

/**
 * A user's hash holds every field as plain text (as it always has: a user stored before
 * the numeric and yes/no fields existed reads back unchanged). These turn a User's fields
 * into that text and the text back into the types the User schema checks.
 */
export function userFields(fields: object): string[] {
  return Object.entries(fields).flatMap(([field, value]) => (value === undefined ? [] : [field, String(value)]));
}

const USER_NUMBERS = new Set(['tokenVersion']);
const USER_FLAGS = new Set(['disabled', 'mustChangePassword']);

export function userFromHash(hash: Record<string, string>): Record<string, unknown> {
  const user: Record<string, unknown> = { ...hash };
  for (const [field, value] of Object.entries(hash)) {
    if (USER_NUMBERS.has(field)) user[field] = Number(value);
    else if (USER_FLAGS.has(field)) user[field] = value === 'true' ? true : value === 'false' ? false : value;
  }
  return user;
}

/** HGETALL's flat [field, value, …] reply (from a script) as a hash. */
export function pairsToHash(reply: unknown): Record<string, string> {
  const hash: Record<string, string> = {};
  if (!Array.isArray(reply)) return hash;
  for (let i = 0; i + 1 < reply.length; i += 2) hash[String(reply[i])] = String(reply[i + 1]);
  return hash;
}

/** The value if it fits the schema; otherwise null, reported with the key and field. */
export function checked<T>(schema: z.ZodType<T>, value: unknown, key: string, report: RedisReport): T | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = fieldPath(issue.path);
  report(key, `${field ? `${field}: ` : ''}${issue.message}; left out`);
  return null;
}

/** A record stored as one JSON string, checked; null (reported) when it is not JSON or fails the schema. */
export function decodeJson<T>(schema: z.ZodType<T>, text: string | null | undefined, key: string, report: RedisReport): T | null {
  if (text === null || text === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    report(key, 'not valid JSON; left out');
    return null;
  }
  return checked(schema, json, key, report);
}

/** A hash whose every field is JSON, decoded field by field; null (reported) when one is not JSON. */
export function decodeFields(hash: Record<string, string>, key: string, report: RedisReport): Record<string, unknown> | null {
  const decoded: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(hash)) {
    try {
      decoded[field] = JSON.parse(value);
    } catch {
      report(key, `${field}: not valid JSON; left out`);
      return null;
    }
  }
  return decoded;
}

/** What APPEND_TURN (redisScripts.ts) answered, as an AppendResult. */
export function appendResult(reply: unknown, key: string, report: RedisReport): AppendResult {
  const [code, value] = Array.isArray(reply) ? (reply as unknown[]) : [];
  if (code === 'ok') return { ok: true };
  if (code === 'not_found') return { ok: false, code: 'not_found' };
  if (code === 'out_of_order') return { ok: false, code: 'out_of_order', next: Number(value) };
  if (code === 'exists') {
    const existing = StoredTurn.safeParse(parseOr<unknown>(String(value), null));
    if (existing.success) return { ok: false, code: 'exists', existing: existing.data };
    report(key, 'a stored turn does not match the turn schema');
  }
  // A stored turn that cannot be read, or a stream not numbered as this module numbers it:
  // not something a caller can fix by retrying, so not an AppendResult.
  throw new Error(`${key}: the stored turns cannot be read (${JSON.stringify(reply)})`);
}

export function parseOr<T>(json: string, fallback: T): T {
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
}

/** A sorted set's score for a time; one that does not parse sorts as the oldest. */
export function timeScore(iso: string): number {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : 0;
}
