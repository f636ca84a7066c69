// The ids the scoring contract names: its signals (with the conduct signals round 2 adds), its
// scenarios and their process steps. Labelled data is checked against these public ids,
// whatever the engine knows yet.
import { SIGNAL_IDS } from '../../server/scoring/types.ts';

/** The signal that answers to the customer's moment: a direct question left unanswered. */
const MOMENT_SIGNALS = ['listening.unanswered_question'] as const;

/** The contract's signals, then the conduct signals it adds with the scenario processes, then the decks' other signals and the moment's. */
export const CONTRACT_SIGNALS = [
  ...SIGNAL_IDS,
  'conduct.credential_request',
  'conduct.details_before_verification',
  'conduct.misinformation',
  'plain.cost_explained',
  'negotiate.several_options',
  'conduct.scam_warning',
  ...MOMENT_SIGNALS,
] as const;
export type ContractSignal = (typeof CONTRACT_SIGNALS)[number];
/**
 * The scenario processes of the scoring contract (shared/contracts/scoring.md, "Scenario
 * processes"): the labels are checked against these public step ids. `no_disclosure` is a
 * whole-call step: it has no turn of its own and does not count for order.
 */
export const CONTRACT_PROCESSES = {
  complaint: ['acknowledge', 'investigate', 'negotiate', 'follow_up'],
  collection: ['verify_identity', 'state_purpose', 'understand_reason', 'offer_options', 'agree_plan', 'confirm_next'],
  third_party: ['identify_speaker', 'no_disclosure', 'leave_callback'],
  application: ['discover_needs', 'explain_cost', 'documents_kyc', 'agree_next_step'],
  general: ['understand_problem', 'solve_or_guide', 'confirm_solved'],
} as const;
export type CallScenario = keyof typeof CONTRACT_PROCESSES;

/**
 * Whether a signal is measured on a case of this scenario. The complaint steps are the
 * complaint process: they cannot occur in a call of another scenario, so a label marking
 * them there (sets written before the scenarios had processes) is not counted.
 */
export function measuredIn(signal: string, scenario: CallScenario | undefined): boolean {
  return !signal.startsWith('complaint.') || scenario === undefined || scenario === 'complaint';
}
export const CONTRACT_SCENARIOS = Object.keys(CONTRACT_PROCESSES) as CallScenario[];

/**
 * The family a signal is reported in, as a trainer groups them: each empathy kind, dismissive,
 * reflection, questions, jargon, long sentences, the process steps, and each conduct fault.
 */
export function signalFamily(signal: string): string {
  if (signal === 'empathy.dismissive') return 'dismissive';
  if (signal.startsWith('empathy.')) return `empathy: ${signal.slice('empathy.'.length)}`;
  if (signal === 'listening.open_question' || signal === 'listening.closed_question') return 'questions';
  if (signal === 'plain.jargon') return 'jargon';
  if (signal === 'plain.long_sentence') return 'long sentences';
  if (signal.startsWith('complaint.') || signal.startsWith('negotiate.')) return 'process steps';
  return signal.slice(signal.indexOf('.') + 1).replaceAll('_', ' ');
}
