/**
 * The message keys `t` accepts. Each area's English catalogue adds itself to
 * `AreaMessages` (a `declare module` beside it), so the keys of every area are known to the
 * type-check while this folder imports no area: the shared layer stays below the pages.
 */
import type { Vars } from './message.ts';

// Filled in by each area's messages/en.ts.
export interface AreaMessages {}

type KeysOf<A> = { [K in keyof A]: K & string }[keyof A];
type CountedKeysOf<A> = { [K in keyof A]: A[K] extends string ? never : K & string }[keyof A];

export type MessageKey = { [A in keyof AreaMessages]: KeysOf<AreaMessages[A]> }[keyof AreaMessages];
/** Keys with plural forms: they take a `count`. */
export type CountedKey = { [A in keyof AreaMessages]: CountedKeysOf<AreaMessages[A]> }[keyof AreaMessages];

/** A counted message must be given its `count`; the others may take values or none. */
export type VarsFor<K extends MessageKey> = K extends CountedKey ? [vars: Vars & { readonly count: number }] : [vars?: Vars];

/** `useI18n().t`: words a message key with its values in the interface language. */
export type Translate = <K extends MessageKey>(key: K, ...vars: VarsFor<K>) => string;
