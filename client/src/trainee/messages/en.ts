/**
 * The trainee's pages' text (the customers, the briefing, the chat, the scorecard, assigned
 * practice) in English: the reference catalogue. Every other interface language has exactly
 * its keys (the type-check and test/client/catalogues.test.ts say which are missing). `{name}`
 * marks a value put in at run time; a message with plural forms is chosen by `count`
 * (shared/i18n/message.ts).
 */
import type { Catalogue } from '../../shared/i18n/message.ts';
// The list of every area's keys, which this file adds to below.
import type {} from '../../shared/i18n/messageKeys.ts';

export const traineeEn = {
  'picker.title': 'Choose a customer',
  'picker.intro': 'Each customer has a story, a mood and things they will only tell you if you ask well.',
  'picker.filters': 'Filters',
  'picker.scenario': 'Scenario',
  'picker.difficulty': 'Difficulty',
  'picker.locale': 'Conversation language',
  'picker.all': 'All',
  'picker.count': { one: '{shown} of {count} customer', other: '{shown} of {count} customers' },
  'picker.empty': 'No customer fits these filters.',
  'picker.loading': 'Loading the customers…',
  'picker.unfinished': 'Unfinished conversations',
  'picker.continue': 'Continue',
  'picker.startedAt': 'started {time}',

  'scenario.complaint': 'Complaint',
  'scenario.collection': 'Collection',
  'scenario.third_party': 'Third party',
  'scenario.application': 'Application',
  'scenario.general': 'General',
  'difficulty.easy': 'Easy',
  'difficulty.medium': 'Medium',
  'difficulty.hard': 'Hard',
  // What each level does to the customer (server/personas/difficulty.ts), in one line.
  'difficulty.easy.means': 'Forgiving: slips cost less, jargon barely confuses, only lasting anger ends the call.',
  'difficulty.medium.means': 'As the customer is written: their patience, temper and what earns each fact.',
  'difficulty.hard.means': 'Short-fused: slips and jargon hit harder, facts wait for trust, one turn of fury ends the call.',

  'briefing.title': 'Briefing',
  'briefing.known': 'What you know',
  'briefing.situation': 'The situation',
  'briefing.goals': 'You will be scored on',
  'briefing.steps': 'The steps of this call',
  'briefing.ownGoals': 'And for this customer',
  'briefing.language': 'The conversation is in {language}.',
  'briefing.keys': 'Enter sends your reply; Shift+Enter starts a new line.',
  'briefing.start': 'Start the conversation',
  'briefing.starting': 'Starting…',
  'briefing.back': '← All customers',
  'briefing.loading': 'Loading the briefing…',

  'goal.empathy': "Name the customer's feelings and show you understand what this means for them.",
  'goal.active_listening': 'Restate what you heard, in their facts and numbers, and ask open questions.',
  'goal.plain_language': 'Say it in everyday words, in short sentences; explain any term you must use.',
  'goal.complaint_process': 'Take the steps of this call, in order (listed below).',
  'goal.conduct': 'No threats, no telling others about the debt, no promises you cannot keep.',


  'outcome.resolved': 'resolved',
  'outcome.escalated': 'escalated',
  'outcome.abandoned': 'the customer gave up',
  'outcome.ended': 'ended by you',

  'chat.loading': 'Loading the conversation…',
  'chat.you': 'You',
  'chat.typing': '{name} is typing…',
  'chat.placeholder': 'Your reply…',
  'chat.keysHint': 'Enter sends · Shift+Enter new line',
  'chat.send': 'Send',
  'chat.sending': 'sending…',
  'chat.queued': 'waiting for the connection, will be sent',
  'chat.hints': 'Hints',
  'chat.moodToggle': 'Mood',
  'chat.goals': 'Goals',
  'chat.end': 'End and score',
  'chat.ending': 'Ending…',
  'chat.ended': 'The conversation has ended: {outcome}.',
  'chat.toScorecard': 'See your scorecard',
  'chat.sayFailed': 'Your reply was not sent: {message}',
  'chat.replyDelayed': "The customer's reply is delayed; it will appear as soon as it is ready.",
  'chat.hintsFor': 'Hints for your reply',
  'chat.tip': 'Tip:',
  'chat.modelFound': 'Found by the model',
  'chat.modelCounted': "counted in this reply's score",
  'chat.modelNotCounted': 'not counted in the score',
  'chat.modelFailed': "The model could not read this reply; the hints above are the rules' own.",

  'scorecard.title': 'Scorecard',
  'scorecard.loading': 'Loading the scorecard…',
  'scorecard.overall': 'Overall',
  'scorecard.outcome': 'Outcome: {outcome}',
  'scorecard.criteria': 'Each criterion',
  'scorecard.steps': 'The steps of this call, as they happened',
  'scorecard.stepAt': 'reply {n}',
  'scorecard.stepMissing': 'not done',
  'scorecard.inOrder': 'In the recommended order.',
  'scorecard.outOfOrder': 'Not in the recommended order: {steps}.',
  'scorecard.stepWholeCall': 'kept through the call',
  'scorecard.faults': 'Conduct faults',
  'scorecard.failed': 'This session failed because of {faults} in {replies}: a fault like this fails the call whatever else went well.',
  'scorecard.failedAnywhere': 'This session failed because of {faults}: a fault like this fails the call whatever else went well.',
  'scorecard.best': 'Your best reply',
  'scorecard.weakest': 'Your weakest reply',
  'scorecard.replyScore': 'reply {n} · {score} points',
  'scorecard.highlightNote': 'Highlighted: the words that earned points (green) or cost them (amber).',
  'scorecard.moodChart': "The customer's mood, turn by turn",
  'scorecard.noReplies': 'You did not reply in this conversation.',
  'scorecard.listening': 'Restatements: {reflections} · open questions: {open} · closed questions: {closed}',
  'scorecard.again': 'Practise with this customer again',
  'scorecard.other': 'Choose another customer',

  'assigned.title': 'Assigned to you',
  'assigned.briefing': 'Assigned practice',
  'assigned.due': 'due {date}',
  'assigned.overdue': 'overdue since {date}',
  'assigned.status.pending': 'Not started',
  'assigned.status.in_progress': 'In progress',
  'assigned.status.completed': 'Completed',
  'assigned.start': 'Start',
  'assigned.continue': 'Continue',
  'assigned.view': 'View',
  'assigned.moodHidden': 'Hidden by your coach for this practice: read the customer from what they say.',
  'assigned.moodHiddenShort': 'Mood hidden by your coach',
  'assigned.hintsOn': 'Hints on (set by your coach)',
  'assigned.hintsOff': 'Hints off (set by your coach)',
} satisfies Catalogue;

export type TraineeKey = keyof typeof traineeEn;

declare module '../../shared/i18n/messageKeys.ts' {
  interface AreaMessages {
    trainee: typeof traineeEn;
  }
}
