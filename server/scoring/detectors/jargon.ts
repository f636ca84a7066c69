/**
 * Industry terms a customer may not know, each with the plain words to say instead. A term
 * does not count when the trainee explains it in the same breath ("年化利率，也就是一年的
 * 利息") or when the customer used it first: then it is the customer's own word. Terms of
 * either language are looked for in every reply: "我們有grace period" and "a 展期 of one
 * month" are as opaque as the term in the reply's own language.
 */
import { z } from 'zod';
import { defineDetector, WordLists, type Hit, type Localized } from './definition.ts';
import { compilePhrases, type PhraseMatcher } from '../../text/phraseMatcher.ts';
import { normalizeTerm } from '../../text/normalize.ts';
import { sentenceAt } from '../../text/segment.ts';
import type { Lang } from '../types.ts';

const Term = z.strictObject({
  term: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  plain: z.string().min(1),
});

const LETTERS: Record<Lang, RegExp> = { en: /[a-z]/, zh: /[\u3400-\u9fff]/ };

interface CompiledTerm {
  forms: string[];
  matcher: PhraseMatcher;
  plain: Localized;
}

export const jargon = defineDetector({
  type: 'jargon',
  description: 'industry terms, unexplained, with a plain alternative for each',
  schema: z.strictObject({
    type: z.literal('jargon'),
    terms: z.strictObject({ en: z.array(Term).default([]), zh: z.array(Term).default([]) }),
    /** Words that start an explanation right after a term. */
    explainers: WordLists,
    /** Words right before a term that show it names what was just explained. */
    named_after: WordLists.default({ en: [], zh: [] }),
    /** How far after the term an explainer may start, in characters. */
    explain_within: z.strictObject({ zh: z.number().int().nonnegative(), en: z.number().int().nonnegative() }),
  }),
  compile(params, tools) {
    const explainers = tools.phrases(params.explainers);
    const namedAfter = tools.phrases(params.named_after);
    const compileTerms = (lang: Lang, list: z.infer<typeof Term>[]): CompiledTerm[] =>
      list.map((t) => {
        const forms = Array.isArray(t.term) ? t.term : [t.term];
        // A term's plain words are in its own language; localize gives the Chinese both scripts.
        const plain = tools.localize({ en: t.plain, zh: t.plain });
        return { forms: forms.map(normalizeTerm), matcher: compilePhrases(forms, lang), plain };
      });
    // Every reply is searched for the terms of both languages, its own first (English
    // terms match as whole words, so they are found between Chinese characters too).
    const own: Record<Lang, CompiledTerm[]> = { en: compileTerms('en', params.terms.en), zh: compileTerms('zh', params.terms.zh) };
    const lookedFor = (lang: Lang): { lang: Lang; terms: CompiledTerm[] }[] => {
      const other: Lang = lang === 'en' ? 'zh' : 'en';
      return [
        { lang, terms: own[lang] },
        { lang: other, terms: own[other] },
      ];
    };
    // One matcher per term language finds candidates in a single pass; the per-term
    // matchers then say which term it was.
    const passes: Record<Lang, { lang: Lang; matcher: PhraseMatcher; terms: CompiledTerm[] }[]> = {
      en: lookedFor('en').map((p) => ({ lang: p.lang, matcher: compilePhrases(p.terms.flatMap((t) => t.forms), p.lang), terms: p.terms })),
      zh: lookedFor('zh').map((p) => ({ lang: p.lang, matcher: compilePhrases(p.terms.flatMap((t) => t.forms), p.lang), terms: p.terms })),
    };
    return (reply) => {
      const norm = reply.text.norm;
      const hits: Hit[] = [];
      // A pass in the other language runs only when the reply holds that language's letters.
      const candidates = passes[reply.lang]
        .filter((p) => p.lang === reply.lang || LETTERS[p.lang].test(norm))
        .flatMap((p) => p.matcher.find(norm).map((m) => ({ m, terms: p.terms })));
      for (const { m, terms } of candidates) {
        if (hits.some((h) => h.start < m.end && m.start < h.end)) continue;
        const term = terms.find((t) => t.matcher.test(m.phrase));
        if (!term) continue;
        if (reply.customer.some((c) => term.matcher.test(c.text.norm))) continue;
        const sentence = sentenceAt(reply.sentences, m.start);
        const within = params.explain_within[reply.lang];
        // Read a little past the window so an explainer that starts inside it is seen whole.
        const after = norm.slice(m.end, Math.min(sentence.end, m.end + within + 12));
        if (explainers[reply.lang].find(after).some((e) => e.start <= within)) continue;
        const before = norm.slice(Math.max(sentence.start, m.start - 16), m.start);
        if (namedAfter[reply.lang].find(before).some((e) => before.length - e.end <= 1)) continue;
        hits.push({ start: m.start, end: m.end, suggestion: term.plain[reply.locale] });
      }
      return hits.sort((a, b) => a.start - b.start);
    };
  },
});
