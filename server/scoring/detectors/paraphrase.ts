/**
 * Paraphrases: the trainee tells the customer's situation back in their own words, framed
 * as the customer's ("It sounds like the money never arrived", "What I'm hearing is…",
 * 「聽起來您…」), or as a statement about the customer that shares the content of what they
 * just said ("You've been waiting since Monday for the refund", 「您一直在等這筆退款」).
 * reflection.ts finds restatements by the customer's own words and figures; this finds the
 * ones a listener words differently, where the frame itself says "this is you, as I heard
 * it". A statement about the customer that tells them what to do ("you can pay online",
 * 「您可以…」) or shares nothing of what they said is not one; neither is an open question.
 */
import { z } from 'zod';
import { defineDetector, WordLists, type Hit } from './definition.ts';
import type { SpokenTurn } from '../context.ts';
import type { Lang } from '../types.ts';
import { normalizeTerm } from '../../text/normalize.ts';
import { clauseStart } from '../../text/segment.ts';
import { contentPieces } from './echo.ts';

const MinShared = z.number().int().positive();

export const paraphrase = defineDetector({
  type: 'paraphrase',
  description: "the customer's situation told back to them, framed as theirs",
  schema: z.strictObject({
    type: z.literal('paraphrase'),
    /**
     * Openings that say outright that what follows is the customer's words told back ("what
     * I'm hearing is", "in other words", 「您的意思是」): a paraphrase whatever words follow.
     */
    says_back: WordLists,
    /** Openings that frame a statement as the customer's situation: "it sounds like", 「聽起來」. */
    frames: WordLists,
    /**
     * A sentence holding any of these says what the situation means for the customer ("you were
     * counting on it"): interpretation (empathy.interpretation), not a restatement.
     */
    unless: WordLists.optional(),
    /**
     * Openings of a statement about the customer ("you've been", "you feel", 「您一直」): a
     * paraphrase only when the sentence shares content with the customer's recent turns.
     */
    about_them: WordLists,
    /** Openings that tell the customer what to do or what they may do, not what they said: "you can", 「您可以」. */
    instructs: WordLists,
    /**
     * Words a clause may open with before its frame: "so", "okay so", 「所以」. A frame deep
     * inside a clause ("…the one it sounds like") frames nothing.
     */
    openers: WordLists,
    /** Words too common to show listening; the same list reflection.ts reads. */
    stopwords: WordLists,
    /**
     * Content pieces (echo.ts: English stems, Chinese character pairs) a framed statement must
     * share with the customer's recent turns: a frame around something they never said
     * ("it sounds like this is getting urgent") interprets rather than restates.
     */
    framed_shared: z.strictObject({ en: MinShared, zh: MinShared }).default({ en: 1, zh: 2 }),
    /** The same for a statement about the customer without a frame, which needs more. */
    about_shared: z.strictObject({ en: MinShared, zh: MinShared }).default({ en: 2, zh: 3 }),
    /** How many of the customer's latest turns the statement may draw on. */
    lookback: z.number().int().positive().default(2),
  }),
  compile(params, tools) {
    const saysBack = tools.phrases(params.says_back);
    const frames = tools.phrases(params.frames);
    const unless = params.unless ? tools.phrases(params.unless) : null;
    const aboutThem = tools.phrases(params.about_them);
    const instructs = tools.phrases(params.instructs);
    const openers: Record<Lang, Set<string>> = {
      // English openers compare word by word: "okay so" is "okay" then "so".
      en: new Set(params.openers.en.flatMap((o) => normalizeTerm(o).split(/\s+/))),
      zh: new Set(params.openers.zh.map(normalizeTerm)),
    };
    // Either language's stopwords: a mixed reply carries both scripts.
    const stop = new Set([...params.stopwords.en, ...params.stopwords.zh].map(normalizeTerm));
    const piecesOf = new WeakMap<SpokenTurn, string[]>();
    const customerPieces = (turn: SpokenTurn): string[] => {
      let pieces = piecesOf.get(turn);
      if (!pieces) {
        pieces = contentPieces(turn.text.norm, stop);
        piecesOf.set(turn, pieces);
      }
      return pieces;
    };
    /** Whether only opener words stand between the clause's start and `at`. */
    const opensClause = (norm: string, lang: Lang, floor: number, at: number): boolean => {
      const before = norm.slice(clauseStart(norm, floor, at), at).trim();
      if (before === '') return true;
      if (lang === 'zh') return openers.zh.has(before);
      return before.split(/[\s,.]+/).every((w) => w === '' || openers.en.has(w));
    };
    return (reply) => {
      // Nothing to tell back before the customer has said anything.
      if (reply.customer.length === 0) return [];
      const norm = reply.text.norm;
      const lang = reply.lang;
      const hits: Hit[] = [];
      let theirs: Set<string> | undefined;
      for (const span of reply.sentences) {
        // An open question about the topic is exploring, not telling back.
        if (reply.questions.some((q) => q.start === span.start && q.kind === 'open')) continue;
        const text = norm.slice(span.start, span.end);
        const opening = (m: { start: number }) => opensClause(norm, lang, span.start, span.start + m.start);
        if (instructs[lang].find(text).some(opening) || unless?.[lang].test(text)) continue;
        if (saysBack[lang].find(text).some(opening)) {
          hits.push({ start: span.start, end: span.end });
          continue;
        }
        const needed = frames[lang].find(text).some(opening)
          ? params.framed_shared[lang]
          : aboutThem[lang].find(text).some(opening)
            ? params.about_shared[lang]
            : 0;
        if (needed === 0) continue;
        theirs ??= new Set(reply.customer.slice(-params.lookback).flatMap(customerPieces));
        let shared = 0;
        for (const p of new Set(contentPieces(text, stop))) if (theirs.has(p)) shared++;
        if (shared >= needed) hits.push({ start: span.start, end: span.end });
      }
      return hits;
    };
  },
});
