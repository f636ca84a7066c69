/**
 * A scripted conversation played through the real scorer and the real customer step, as a
 * trainee would: each line scored once, the customer's step, the scripted voice.
 */
import { loadDefaultRubric } from '../../server/dataFiles/loadRubric.ts';
import { exchange, startConversation, type Conversation } from '../../server/personas/conversation.ts';
import type { PersonaFile } from '../../server/personas/schema.ts';
import { scriptedVoice } from '../../server/personas/voice/scriptedVoice.ts';
import { createScorer } from '../../server/scoring/scorer.ts';

const { scoreTurn } = createScorer(loadDefaultRubric());

export async function playScripted(p: PersonaFile, seed: number, lines: readonly string[]): Promise<{ conversation: Conversation; replies: string[] }> {
  let { conversation } = startConversation(p, seed);
  const replies: string[] = [];
  for (const line of lines) {
    const answer = await exchange(p, conversation, line, { scoreTurn, voice: scriptedVoice });
    conversation = answer.conversation;
    replies.push(answer.reply);
  }
  return { conversation, replies };
}
