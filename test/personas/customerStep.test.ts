/**
 * The scripted customer as a trainee meets it: deterministic for a seed, moved by what the
 * trainee says, asking about jargon by name, revealing facts to the right questions, and
 * ending the way the persona file says.
 */
import { describe, expect, it } from 'vitest';
import { exchange, startConversation } from '../../server/personas/conversation.ts';
import { findPersona, loadPersonaLibrary } from '../../server/personas/personaLibrary.ts';
import { scriptedVoice } from '../../server/personas/voice/scriptedVoice.ts';
import { playScripted } from '../support/scriptedPlay.ts';
import { patienceOf } from '../../server/personas/difficulty.ts';
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { createScorer } from '../../server/scoring/scorer.ts';

const { scoreTurn } = createScorer(loadDefaultRubric());
const persona = findPersona(loadPersonaLibrary(), 'late-disbursement', 'zh-Hant')!;

const play = playScripted;

const GOOD = [
  '陳先生，讓您等了這麼久，真的很抱歉。您是說兩週前就核准了，說好三個工作天撥款，到現在還沒收到，對嗎？這件事我來幫您處理。',
  '我幫您查一下案件狀態。可以跟我說說這段時間我們有沒有人跟您聯絡過補件的事？',
];

describe('the scripted customer', () => {
  it('gives the same conversation for the same seed', async () => {
    expect(await play(persona, 11, GOOD)).toEqual(await play(persona, 11, GOOD));
  });

  it('varies its lines with the seed', () => {
    const openings = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => startConversation(persona, seed).opening.text));
    expect(openings.size).toBeGreaterThan(1);
  });

  it('fills the opening from the hidden facts', () => {
    const { opening } = startConversation(persona, 1);
    expect(opening.text).not.toMatch(/\{[a-z_]+\}/);
    expect(opening.text).toContain(persona.facts.approved!);
  });

  it('calms down under empathy and a reflection', async () => {
    const { conversation } = await play(persona, 1, GOOD.slice(0, 1));
    expect(conversation.state.mood.anger).toBeLessThan(persona.mood.initial.anger);
    expect(conversation.state.mood.trust).toBeGreaterThan(persona.mood.initial.trust);
    expect(conversation.state.steps).toEqual(['acknowledge']);
  });

  it('asks what a jargon term means, naming it', async () => {
    const { replies, conversation } = await play(persona, 1, ['撥款要先經過風控覆核。']);
    expect(replies[0]).toContain('風控');
    expect(conversation.state.mood.confusion).toBeGreaterThan(persona.mood.initial.confusion);
  });

  it('reveals a hidden fact to an open question about it, once', async () => {
    const { conversation, replies } = await play(persona, 2, GOOD);
    expect(conversation.state.revealed).toContain('truth');
    expect(replies[1]).toMatch(/收入證明/);
  });

  it('does not reveal it to a closed question', async () => {
    const { conversation } = await play(persona, 2, ['您的申請編號是多少？']);
    expect(conversation.state.revealed).toEqual([]);
  });

  it('escalates after two turns with anger at the top', async () => {
    const { conversation, replies } = await play(persona, 3, ['請您冷靜一點，這不是我們的問題。', '規定就是這樣，您再急也沒用。']);
    expect(conversation.state.outcome).toBe('escalated');
    expect(persona.lines.escalated).toContain(replies[1]);
  });

  it('resolves once every step is done and the customer is calm', async () => {
    const { conversation } = await play(persona, 7, [
      ...GOOD,
      '我查到了，是我們的疏失。我現在就幫您補登資料，並幫您申請今天優先處理撥款。',
      '我今天下午四點前打電話給您，告訴您確定的撥款時間。',
    ]);
    expect(conversation.state.outcome).toBe('resolved');
    expect(conversation.state.steps).toEqual(['acknowledge', 'investigate', 'negotiate', 'follow_up']);
  });

  it('is abandoned when the trainee goes on too long without progress', async () => {
    const idle = Array.from({ length: patienceOf(persona) }, () => '好的。');
    const { conversation } = await play({ ...persona, end: { ...persona.end, escalate: { anger_at_least: 10, for_turns: 99 } } }, 1, idle);
    expect(conversation.state.outcome).toBe('abandoned');
  });

  it('refuses a reply after the end', async () => {
    const { conversation } = await play(persona, 3, ['請您冷靜一點，這不是我們的問題。', '規定就是這樣，您再急也沒用。']);
    await expect(exchange(persona, conversation, '抱歉', { scoreTurn, voice: scriptedVoice })).rejects.toThrow(/ended/);
  });
});

describe('what the customer takes as misconduct', () => {
  it('reacts to being asked for a verification code as to a threat: the rubric tags both misconduct', async () => {
    const { conversation } = startConversation(persona, 1);
    const asked = await exchange(persona, conversation, '請您把簡訊上的驗證碼唸給我，我幫您加快撥款。', { scoreTurn, voice: scriptedVoice });
    expect(asked.situation.score.signals).toContain('conduct.credential_request');
    expect(asked.situation.reaction).toBe('misconduct');
    expect(persona.lines.misconduct.some((line) => asked.reply.includes(line))).toBe(true);
    // Nothing is given away to someone who asked for a code.
    expect(asked.situation.reveal).toBeNull();
  });
});
