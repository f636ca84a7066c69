/**
 * The persona file format: a simulated customer with a story, hidden facts, a mood that the
 * trainee's words move, lines for each situation, the end conditions, and the conversations
 * that prove it behaves. One YAML file per persona and locale, `personas/<id>/<locale>.yaml`;
 * the JSON Schema for editors (`personas/persona.schema.json`) is generated from this one.
 *
 * The signals a persona names (mood effects, what reveals a fact) are the rubric's, and so
 * are the steps of its scenario's process (its stage lines, when it resolves, what its tests
 * expect): the format checks their shape, and `personaFileFor` checks them against the
 * loaded rubric. What trainees see (the name, summary and briefing) must not give a hidden
 * fact away (hiddenFactShown.ts).
 */
import { z } from 'zod';
import { Mood, MoodValue } from '../domain/mood.ts';
import type { KnownSignals } from '../scoring/types.ts';
import type { ProblemDetail } from '../domain/fileProblem.ts';
import { hiddenFactsShown } from './hiddenFactShown.ts';
import { Difficulty, Temper } from './difficulty.ts';
import { CRITERIA, Locale, ProductSheet, Scenario, SignalId, StepId } from '../scoring/types.ts';

const Text = z.string().trim().min(1);
/** Several ways to say the same thing; the customer picks one with the session's seeded random source. */
const Lines = z.array(Text).min(1);


/** How much a signal in the trainee's reply moves each axis (negative calms or lowers). */
const MoodDelta = z.strictObject({
  anger: z.number().min(-10).max(10).optional(),
  trust: z.number().min(-10).max(10).optional(),
  confusion: z.number().min(-10).max(10).optional(),
});
export type MoodDelta = z.infer<typeof MoodDelta>;

/** A signal of the rubric the persona is played against (checked by `personaFileFor`). */
export const SignalName = SignalId.meta({ description: 'a signal id of the rubric, such as listening.open_question' });
/** A step of the process of the persona's scenario (checked by `personaFileFor`). */
export const StepName = StepId.meta({ description: "a step of the scenario's process, such as verify_identity" });

/**
 * How a signal moves the mood. A conduct fault (a signal the rubric tags misconduct) must
 * raise anger and lower trust; where this customer would not react so, `because` says why
 * (she cannot yet tell the promise is empty), so the exception is a decision, not a slip.
 */
const SignalEffect = MoodDelta.extend({ because: Text.optional() });

/** How each signal moves the mood; signals not named leave it alone. */
export const MoodEffects = z.partialRecord(SignalName, SignalEffect);

/** A fact the customer keeps to themselves until the trainee asks the right question. */
const Reveal = z.strictObject({
  /** Name of the fact in `facts` that this reveals. */
  fact: z.string().min(1),
  /** Revealed by a reply carrying any of these signals (when absent: any the rubric tags open_question)… */
  when_signals: z.array(SignalName).min(1).optional(),
  /** …that also mentions one of these words (any script; empty: any such reply). */
  about: z.array(Text).default([]),
  say: Lines,
});

export const PersonaTest = z.strictObject({
  name: Text,
  seed: z.number().int().nonnegative().default(1),
  turns: z
    .array(
      z.strictObject({
        say: Text,
        expect: z
          .strictObject({
            anger: z.enum(['up', 'down', 'same']).optional(),
            trust: z.enum(['up', 'down', 'same']).optional(),
            confusion: z.enum(['up', 'down', 'same']).optional(),
            /** The step of the call's process the trainee took last ("none" before the first). */
            stage: StepName.optional(),
            /** A fact revealed by this turn. */
            reveals: z.string().min(1).optional(),
            /** Words the customer's reply must contain (the jargon term it asks about…). */
            reply_contains: Text.optional(),
            ended: z.boolean().optional(),
          })
          .default({}),
      }),
    )
    .min(1),
  outcome: z.enum(['resolved', 'escalated', 'abandoned', 'ongoing']),
});
export type PersonaTest = z.infer<typeof PersonaTest>;

/** A custom issue's params naming what was not found, for the reader's language (FileProblem.detail). */
function unknownName(of: 'fact' | 'reveal' | 'signal' | 'step', name: string): { detail: ProblemDetail } {
  return { detail: { kind: 'unknown_name', of, name } };
}

export const PersonaFile = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    version: z.number().int().positive(),
    locale: Locale,
    scenario: Scenario,
    /** What the level means (patience, anger, jargon, reveals, escalation): difficulty.ts. */
    difficulty: Difficulty,
    /**
     * A retired persona is no longer offered to trainees (the list of customers, new
     * sessions) but stays for the sessions played with it, their replays and reports.
     */
    retired: z.boolean().default(false),
    /** What the trainee sees before starting. */
    name: Text,
    summary: Text,
    briefing: z.strictObject({
      /** What the trainee is told of the situation. */
      situation: Text,
      /** The criteria the trainee will be scored on, the goals shown during the session. */
      goals: z.array(z.enum(CRITERIA)).min(1),
      /** What this customer asks of the trainee beyond the scenario's process, in the persona's language. */
      own_goals: z.array(Text).default([]),
    }),
    /** What the customer knows and the trainee does not: amounts, dates, what really happened, what they want. */
    facts: z.record(z.string().regex(/^[a-z_]+$/, 'lower-case letters and _'), Text),
    reveals: z.array(Reveal).default([]),
    /** The loan's figures and rules (rate, fees, penalty, dates, documents): what the trainee says is checked against them. */
    product: ProductSheet.optional(),
    opening: Lines,
    mood: z.strictObject({
      initial: Mood,
      /** How each rubric signal in the trainee's reply moves the mood. */
      effects: MoodEffects,
      /** Applied every turn before the signals: impatience grows when nothing is done. */
      each_turn: MoodDelta.default({}),
    }),
    /** Overrides of what the difficulty sets (difficulty.ts): only where this customer differs from its level. */
    temper: Temper.optional(),
    lines: z.strictObject({
      /** Asking what a jargon term means; `{term}` is the term the trainee used. */
      jargon: Lines,
      dismissive: Lines,
      /** Threats, insults, disclosure, false promises. */
      misconduct: Lines,
      calmer: Lines,
      angrier: Lines,
      /**
       * Said when the trainee first takes a step of the call's process, as the customer moves
       * with them, by step id; a step without lines gets the customer's usual reply.
       */
      stages: z.record(StepName, Lines),
      /** When nothing else applies: what the customer still wants. */
      waiting: Lines,
      escalated: Lines,
      resolved: Lines,
      abandoned: Lines,
    }),
    end: z.strictObject({
      /** When anger ends the call; what is left out comes from the difficulty. */
      escalate: z.strictObject({ anger_at_least: MoodValue.optional(), for_turns: z.number().int().positive().optional() }).optional(),
      resolve: z.strictObject({
        /**
         * Steps of the scenario's process that must be done: taken by the trainee, or, for a
         * whole-call step (no_disclosure), broken by no reply so far.
         */
        steps: z.array(StepName).min(1),
        anger_at_most: MoodValue.default(10),
        confusion_at_most: MoodValue.default(10),
        trust_at_least: MoodValue.default(0),
        /** Facts that must have come out first (the real cause, the scam call). */
        revealed: z.array(z.string().min(1)).default([]),
      }),
      abandon: z.strictObject({
        /** Left out: the difficulty's. */
        after_turns: z.number().int().positive().optional(),
        /** The customer also gives up when confusion stays this high… */
        confusion_at_least: MoodValue.optional(),
        /** …for this many turns in a row. */
        for_turns: z.number().int().positive().default(2),
      }),
    }),
    tests: z.array(PersonaTest).min(1),
  })
  .superRefine((p, ctx) => {
    p.reveals.forEach((r, i) => {
      // The file's own facts only: "toString" or "constructor" is in every object, not in facts.
      if (!Object.hasOwn(p.facts, r.fact)) ctx.addIssue({ code: 'custom', path: ['reveals', i, 'fact'], message: `no fact "${r.fact}" in facts`, params: unknownName('fact', r.fact) });
    });
    for (const { path, fact, evidence } of hiddenFactsShown(p)) {
      const detail: ProblemDetail = { kind: 'hidden_fact_shown', fact, evidence };
      ctx.addIssue({
        code: 'custom',
        path,
        message: `gives away the hidden fact "${fact}" (${evidence.join(', ')}): what trainees see must not tell what the customer keeps until asked`,
        params: { detail },
      });
    }
    p.end.resolve.revealed.forEach((fact, i) => {
      if (!p.reveals.some((r) => r.fact === fact)) {
        ctx.addIssue({ code: 'custom', path: ['end', 'resolve', 'revealed', i], message: `no reveal of "${fact}" in reveals`, params: unknownName('reveal', fact) });
      }
    });
  });
export type PersonaFile = z.infer<typeof PersonaFile>;

/**
 * The persona format with every signal it names checked against a rubric's, and every step
 * against its scenario's process there: an unknown one is a problem on its own line and
 * field, like any other mistake in the file.
 */
export function personaFileFor(signals: KnownSignals): typeof PersonaFile {
  const unknown = (id: string): string => `no signal "${id}" in the rubric ${signals.rubric}`;
  return PersonaFile.superRefine((p, ctx) => {
    const process = signals.processes[p.scenario];
    const notAStep = (step: string): string =>
      process
        ? `"${step}" is not a step of the ${p.scenario} process (${process.steps.join(', ')})`
        : `the rubric ${signals.rubric} has no process for the scenario ${p.scenario}, so no step "${step}"`;
    const isStep = (step: string): boolean => process?.steps.includes(step) ?? false;
    p.end.resolve.steps.forEach((step, i) => {
      if (!isStep(step)) ctx.addIssue({ code: 'custom', path: ['end', 'resolve', 'steps', i], message: notAStep(step), params: unknownName('step', step) });
    });
    for (const step of Object.keys(p.lines.stages)) {
      if (!isStep(step)) ctx.addIssue({ code: 'custom', path: ['lines', 'stages', step], message: notAStep(step), params: unknownName('step', step) });
      else if (process?.wholeCall.includes(step)) {
        ctx.addIssue({ code: 'custom', path: ['lines', 'stages', step], message: `"${step}" is judged on the whole call: no turn takes it, so it has no stage line` });
      }
    }
    p.tests.forEach((t, i) =>
      t.turns.forEach((turn, j) => {
        const stage = turn.expect.stage;
        if (stage !== undefined && stage !== 'none' && !isStep(stage)) {
          ctx.addIssue({ code: 'custom', path: ['tests', i, 'turns', j, 'expect', 'stage'], message: notAStep(stage), params: unknownName('step', stage) });
        }
      }),
    );
    for (const id of Object.keys(p.mood.effects)) {
      if (!signals.ids.has(id)) ctx.addIssue({ code: 'custom', path: ['mood', 'effects', id], message: unknown(id), params: unknownName('signal', id) });
    }
    for (const id of signals.misconduct) {
      const effect = p.mood.effects[id];
      if (!effect) {
        ctx.addIssue({ code: 'custom', path: ['mood', 'effects'], message: `no effect for "${id}", a conduct fault in the rubric ${signals.rubric}: say how it raises anger and lowers trust` });
      } else if (!((effect.anger ?? 0) > 0 && (effect.trust ?? 0) < 0) && !effect.because) {
        ctx.addIssue({ code: 'custom', path: ['mood', 'effects', id], message: `"${id}" is a conduct fault: it must raise anger and lower trust, or say why not in "because"` });
      }
    }
    p.reveals.forEach((r, i) =>
      r.when_signals?.forEach((id, j) => {
        if (!signals.ids.has(id)) ctx.addIssue({ code: 'custom', path: ['reveals', i, 'when_signals', j], message: unknown(id), params: unknownName('signal', id) });
      }),
    );
  });
}

/**
 * What a trainee may see of a persona: no hidden facts, no lines, no tests. The briefing
 * names the steps of its scenario's process in the rubric the persona is played with, whose
 * goal texts the client shows in its own language (`GET /api/signals` `processes`).
 */
export function publicPersona(p: PersonaFile, signals: KnownSignals): PublicPersona {
  return {
    id: p.id,
    version: p.version,
    name: p.name,
    locale: p.locale,
    scenario: p.scenario,
    difficulty: p.difficulty,
    summary: p.summary,
    briefing: { ...p.briefing, steps: [...(signals.processes[p.scenario]?.steps ?? [])] },
    // The product sheet is what the trainee would have on the desk: the figures to quote.
    ...(p.product ? { product: p.product } : {}),
  };
}

const persona = PersonaFile.shape;

/** One line of `GET /api/personas`: what the list of customers shows. */
export const PersonaListing = z.object({
  id: persona.id,
  name: persona.name,
  locale: persona.locale,
  scenario: persona.scenario,
  difficulty: persona.difficulty,
  summary: persona.summary,
});
export type PersonaListing = z.infer<typeof PersonaListing>;

/**
 * A persona as `GET /api/personas/:id` answers it: what `publicPersona` gives. The briefing
 * adds `steps`, the step ids of the scenario's process in order (empty without one); the
 * product sheet, when the persona has one, is the figures the trainee may quote.
 */
export const PublicPersona = PersonaListing.extend({
  version: persona.version,
  briefing: persona.briefing.extend({ steps: z.array(StepId) }),
  product: persona.product,
});
export type PublicPersona = z.infer<typeof PublicPersona>;
