/**
 * Which of a list of locales best serves a language tag: the same tag, else the same
 * language in the same script (zh-TW and zh-HK read Traditional Chinese, zh and zh-SG
 * Simplified), else the same language. `Intl.Locale` fills in the likely script, so no
 * list of regions is kept here.
 */

function languageAndScript(tag: string): { language: string; script: string | undefined } | null {
  try {
    const full = new Intl.Locale(tag).maximize();
    return { language: full.language, script: full.script };
  } catch {
    // Not a well-formed tag (an old browser's, a typo in storage): it matches nothing.
    return null;
  }
}

export function bestLocaleMatch<L extends string>(tag: string, candidates: readonly L[]): L | null {
  const exact = candidates.find((c) => c.toLowerCase() === tag.toLowerCase());
  if (exact) return exact;
  const wanted = languageAndScript(tag);
  if (!wanted) return null;
  const known = candidates.map((c) => ({ locale: c, parts: languageAndScript(c) }));
  const sameScript = known.find(({ parts }) => parts?.language === wanted.language && parts.script === wanted.script);
  const sameLanguage = known.find(({ parts }) => parts?.language === wanted.language);
  return (sameScript ?? sameLanguage)?.locale ?? null;
}

/** The first of the reader's languages (most wanted first) that a candidate serves, else the fallback. */
export function localeForLanguages<L extends string>(languages: readonly string[], candidates: readonly L[], fallback: L): L {
  for (const tag of languages) {
    const match = bestLocaleMatch(tag, candidates);
    if (match) return match;
  }
  return fallback;
}
