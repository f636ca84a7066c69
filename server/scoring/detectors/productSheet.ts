/**
 * Figures the trainee states, checked against the persona's product sheet: a rate, a fee, the
 * penalty, a date said beside the words for it ("年利率是5%", "due on the 20th"). Finds the
 * figures that contradict the sheet (with the right figure as the suggestion) or those that
 * agree with it, and a required document said not to be needed. Without a sheet it finds
 * nothing: there is nothing to be right or wrong against.
 */
import { z } from 'zod';
import { defineDetector, LocalText, WordLists, type Hit } from './definition.ts';
import { isAsked } from '../context.ts';
import type { ReplyContext } from '../context.ts';
import { PRODUCT_FACT_IDS, PRODUCT_FACTS, sheetFigures, type FigureKind, type ProductFact } from '../productSheet.ts';
import { normalizeTerm } from '../../text/normalize.ts';
import type { Span } from '../../text/segment.ts';

const FactId = z.enum(PRODUCT_FACT_IDS as [ProductFact, ...ProductFact[]]);

interface Figure extends Span {
  value: number;
  kind: FigureKind;
}

interface Cue extends Span {
  fact: ProductFact;
}

/** The kind of a figure, from the words around it: "7.2%", "15號", "the 15th", "3 working days", "200元". */
function kindOf(norm: string, start: number, end: number, unit: string | undefined): FigureKind | null {
  const after = norm.slice(end, end + 16);
  if (/^\s*(%|percent\b|per cent\b)/.test(after) || /百分之\s*$/.test(norm.slice(Math.max(0, start - 4), start))) return 'percent';
  if (unit === '号' || unit === '日' || /^(st|nd|rd|th)\b/.test(after)) return 'day_of_month';
  if (unit === '天' || unit === '工' || /^\s*-?(working |business |calendar )?days?\b/.test(after)) return 'days';
  if (unit === undefined || unit === '元' || unit === '块' || unit === 'yuan' || unit === 'dollar' || unit === 'k') return 'amount';
  return null;
}

function figuresIn(reply: ReplyContext, sentence: Span): Figure[] {
  const norm = reply.text.norm;
  return reply.numbers
    .filter((n) => n.start >= sentence.start && n.end <= sentence.end)
    .flatMap((n) => {
      const kind = kindOf(norm, n.start, n.end, n.unit);
      return kind ? [{ start: n.start, end: n.end, value: n.value, kind }] : [];
    });
}

/** Cue words found in the sentence; a cue inside a longer one of another fact gives way (罰息利率 is the penalty, not the rate). */
function cuesIn(text: string, offset: number, found: Array<{ fact: ProductFact; start: number; end: number }>): Cue[] {
  const all = found.map((c) => ({ fact: c.fact, start: offset + c.start, end: offset + c.end }));
  return all
    .filter((c) => !all.some((o) => o !== c && o.fact !== c.fact && o.start <= c.start && o.end >= c.end && o.end - o.start > c.end - c.start))
    .sort((a, b) => a.start - b.start);
}

/**
 * Each cue's figure: the first of its kind after it, before the next cue of another fact of
 * that kind; else, when no such cue came before, the nearest before it ("3 days of grace").
 * A figure after another fact's cue is that cue's.
 */
function figureOf(cue: Cue, cues: readonly Cue[], figures: readonly Figure[]): Figure | undefined {
  const kind = PRODUCT_FACTS[cue.fact];
  const rival = (c: Cue): boolean => c.fact !== cue.fact && PRODUCT_FACTS[c.fact] === kind;
  const next = cues.find((c) => c.start >= cue.end && rival(c))?.start ?? Infinity;
  const after = figures.find((f) => f.kind === kind && f.start >= cue.end && f.start < next);
  if (after) return after;
  if (cues.some((c) => c.end <= cue.start && rival(c))) return undefined;
  return figures.filter((f) => f.kind === kind && f.end <= cue.start).pop();
}

/** Whether a word saying "none" ("免", "no … fee") stands right beside the cue. */
function saidFree(text: string, offset: number, cue: Cue, free: { find(norm: string): ReadonlyArray<{ start: number; end: number }> }, reach: number): boolean {
  return free.find(text).some((m) => offset + m.end >= cue.start - reach && offset + m.start <= cue.end + reach);
}

function formatFigure(value: number): string {
  return String(Math.round(value * 10000) / 10000);
}

export const productSheet = defineDetector({
  type: 'product_sheet',
  description: "figures and document rules the trainee states that contradict (or agree with) the persona's product sheet",
  schema: z.strictObject({
    type: z.literal('product_sheet'),
    /** contradiction: a stated figure differs from the sheet; agreement: it is the sheet's. */
    finds: z.enum(['contradiction', 'agreement']),
    /** The words for each fact: a figure of the fact's kind beside one of them is its figure. */
    facts: z.partialRecord(FactId, WordLists),
    /** A fee said to be nothing ("免手續費", "no arrangement fee") states the figure 0. */
    free: WordLists.optional(),
    /** The right figure, said as the suggestion of a contradiction; `{value}` is the sheet's figure. */
    right: z.partialRecord(FactId, LocalText).optional(),
    /** A required document said not to be needed is a contradiction. */
    documents: z
      .strictObject({
        not_needed: WordLists,
        /** `{value}` is the document as the sheet names it. */
        right: LocalText,
      })
      .optional(),
    /** A sentence holding any of these does not count (jargon, when plain numbers are the point). */
    unless: WordLists.optional(),
  }),
  compile(params, tools) {
    const facts = (Object.entries(params.facts) as Array<[ProductFact, WordLists]>).map(([fact, lists]) => ({ fact, matcher: tools.phrases(lists) }));
    const free = params.free ? tools.phrases(params.free) : null;
    const unless = params.unless ? tools.phrases(params.unless) : null;
    const right = Object.fromEntries(Object.entries(params.right ?? {}).map(([fact, text]) => [fact, tools.localize(text)]));
    const documents = params.documents && { notNeeded: tools.phrases(params.documents.not_needed), right: tools.localize(params.documents.right) };
    const contradiction = params.finds === 'contradiction';
    return (reply) => {
      const sheet = reply.earlier.product;
      if (!sheet) return [];
      const figures = sheetFigures(sheet);
      const norm = reply.text.norm;
      const hits: Hit[] = [];
      for (const sentence of reply.sentences) {
        if (isAsked(reply, sentence)) continue;
        const text = norm.slice(sentence.start, sentence.end);
        if (unless?.[reply.lang].test(text)) continue;
        const cues = cuesIn(
          text,
          sentence.start,
          facts.filter((f) => figures[f.fact] !== undefined).flatMap((f) => f.matcher[reply.lang].find(text).map((m) => ({ fact: f.fact, start: m.start, end: m.end }))),
        );
        const stated = figuresIn(reply, sentence);
        const done = new Set<ProductFact>();
        for (const cue of cues) {
          if (done.has(cue.fact)) continue;
          const figure = figureOf(cue, cues, stated);
          const none = !figure && PRODUCT_FACTS[cue.fact] === 'amount' && free !== null && saidFree(text, sentence.start, cue, free[reply.lang], reply.lang === 'zh' ? 4 : 12);
          if (!figure && !none) continue;
          done.add(cue.fact);
          const value = figure ? figure.value : 0;
          const sheetValue = figures[cue.fact]!;
          const agrees = Math.abs(value - sheetValue) < 1e-9;
          if (agrees === contradiction) continue;
          const hit: Hit = { start: Math.min(cue.start, figure?.start ?? cue.start), end: Math.max(cue.end, figure?.end ?? cue.end) };
          const template = right[cue.fact];
          if (contradiction && template) hit.suggestion = template[reply.locale].replaceAll('{value}', formatFigure(sheetValue));
          hits.push(hit);
        }
        if (contradiction && documents && sheet.documents) {
          // The document after the words ("不需要收入證明", "you don't need payslips") or right before them ("工資流水不需要").
          const reach = reply.lang === 'zh' ? 4 : 12;
          for (const cue of documents.notNeeded[reply.lang].find(text)) {
            const named = sheet.documents.flatMap((document) => {
              const term = normalizeTerm(document);
              const after = text.indexOf(term, cue.end);
              const before = text.lastIndexOf(term, cue.start - term.length);
              if (after >= 0) return [{ document, start: cue.start, end: after + term.length }];
              if (before >= 0 && cue.start - (before + term.length) <= reach) return [{ document, start: before, end: cue.end }];
              return [];
            })[0];
            if (!named) continue;
            hits.push({
              start: sentence.start + named.start,
              end: sentence.start + named.end,
              suggestion: documents.right[reply.locale].replaceAll('{value}', named.document),
            });
            break;
          }
        }
      }
      return hits;
    };
  },
});
