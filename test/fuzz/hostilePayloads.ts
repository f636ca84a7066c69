/**
 * Payloads that must be refused, generated with fast-check from a description of what each
 * socket event and HTTP body accepts. Every one is wrong by construction (a required field
 * missing, a field of the wrong type, a key the schema does not know, `__proto__` and
 * friends included, something that is not an object, text over its limit), so the fuzz run
 * can demand `bad_request` for each without asking the server's own schemas what is valid.
 */
import fc from 'fast-check';

export type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object';

export interface Field {
  kind: Kind;
  required: boolean;
  /** Strings: the longest accepted, so one longer is refused. */
  max?: number;
}

export type Shape = Record<string, Field>;

/** A valid value of each kind, for the fields a mutation leaves alone. */
export type Valid = Record<string, unknown>;

const KEYS_THAT_POLLUTE = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString'];

const kindOf = (v: unknown): Kind | 'null' =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as Kind);

/** Any JSON value whose kind is not `kind`: what a wrong-type mutation puts in a field. */
function otherThan(kind: Kind): fc.Arbitrary<unknown> {
  return fc
    .oneof(
      fc.string({ maxLength: 40 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    )
    .filter((v) => kindOf(v) !== kind);
}

/** A payload as JSON text parsed back, so a `__proto__` key is an own key, as it is on the wire. */
function withKey(valid: Valid, key: string, value: unknown): unknown {
  const text = JSON.stringify(valid).slice(0, -1);
  const sep = Object.keys(valid).length > 0 ? ',' : '';
  return JSON.parse(`${text}${sep}${JSON.stringify(key)}:${JSON.stringify(value ?? null)}}`);
}

export interface Hostile {
  /** What was done to the valid payload, for a failure message. */
  mutation: string;
  payload: unknown;
}

export function hostilePayloads(shape: Shape, valid: Valid): fc.Arbitrary<Hostile> {
  const names = Object.keys(shape);
  const required = names.filter((n) => shape[n]!.required);
  const limited = names.filter((n) => shape[n]!.kind === 'string' && shape[n]!.max !== undefined);
  const options: fc.Arbitrary<Hostile>[] = [
    fc.tuple(fc.constantFrom(...names), fc.constant(null)).chain(([name]) =>
      otherThan(shape[name]!.kind).map((value) => ({ mutation: `${name} of the wrong type`, payload: { ...valid, [name]: value } })),
    ),
    fc
      .oneof(fc.constantFrom(...KEYS_THAT_POLLUTE), fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !names.includes(k)))
      .chain((key) => fc.jsonValue({ maxDepth: 2 }).map((value) => ({ mutation: `unknown key ${JSON.stringify(key)}`, payload: withKey(valid, key, value) }))),
    fc
      .oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }))
      .map((payload) => ({ mutation: 'not an object', payload })),
  ];
  if (required.length > 0) {
    options.push(
      fc.constantFrom(...required).map((name) => {
        const { [name]: _dropped, ...rest } = valid;
        return { mutation: `${name} missing`, payload: rest };
      }),
    );
  }
  if (limited.length > 0) {
    options.push(
      fc.tuple(fc.constantFrom(...limited), fc.integer({ min: 1, max: 3 })).map(([name, times]) => {
        const max = shape[name]!.max!;
        return { mutation: `${name} over ${max} characters`, payload: { ...valid, [name]: '字'.repeat(max * times + 1) } };
      }),
    );
  }
  return fc.oneof(...options);
}

/** `count` hostile payloads for a shape, the same ones for the same seed. */
export function sampleHostile(shape: Shape, valid: Valid, count: number, seed: number): Hostile[] {
  return fc.sample(hostilePayloads(shape, valid), { numRuns: count, seed });
}
