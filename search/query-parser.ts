import { multiWordTerms, normaliseTerm, synonymsOf } from "./synonyms.ts";

export interface ParsedTerm {
  /** What the searcher typed (normalised). */
  text: string;
  /** The typed term and its synonyms; any of them matches. */
  alternatives: string[];
  /** Match as a prefix too (the word being typed). */
  prefix: boolean;
}

export interface ParsedQuery {
  terms: ParsedTerm[];
  phrases: string[];
  excluded: string[];
}

/** Dutch and English words too common to look for on their own. */
export const stopwords: ReadonlySet<string> = new Set(
  (
    "de het een en of in op van voor met bij aan te is zijn om dat die dit wat hoe wie welke waar " +
    "the a an and or of in on for with to is are how what which who where do does my our ik we mijn ons je"
  ).split(" "),
);

/**
 * Splits a search box query: "quoted phrases", -excluded words, and words, each word with its
 * synonyms. Multi-word synonyms ("open reel") are recognised as one term. The last word is a
 * prefix while the searcher is still typing it (no trailing space).
 */
export function parseQuery(raw: string): ParsedQuery {
  let rest = normaliseTerm(raw.replace(/[“”„]/g, '"'));
  const typing = !/\s$/.test(raw) && raw.length > 0;
  const phrases: string[] = [];
  rest = rest.replace(/"([^"]*)"?/g, (_m, p: string) => {
    const phrase = p.replace(/[^\p{L}\p{N}\s./-]/gu, " ").trim();
    if (phrase) phrases.push(phrase);
    return " ";
  });
  const excluded: string[] = [];
  rest = rest.replace(/(^|\s)-([\p{L}\p{N}][\p{L}\p{N}./-]*)/gu, (_m, pre: string, w: string) => {
    excluded.push(w);
    return pre;
  });
  const terms: ParsedTerm[] = [];
  // Multi-word synonyms first, so that "open reel" is one term.
  for (const term of multiWordTerms) {
    const at = ` ${rest} `.indexOf(` ${term} `);
    if (at >= 0) {
      terms.push({ text: term, alternatives: [term, ...synonymsOf(term)], prefix: false });
      rest = ` ${rest} `.replace(` ${term} `, " ").trim();
    }
  }
  const words = rest
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter(Boolean);
  words.forEach((word, i) => {
    const last = i === words.length - 1;
    // A stop word that is also a carrier name or code (DAT, MD) is kept.
    if (stopwords.has(word) && !(last && typing) && synonymsOf(word).length === 0) return;
    terms.push({
      text: word,
      alternatives: [word, ...synonymsOf(word)],
      prefix: last && typing && word.length >= 2,
    });
  });
  return { terms, phrases, excluded };
}

/** A safe prefix token for to_tsquery: letters and digits only. */
export function prefixToken(word: string): string | null {
  const token = word.replace(/[^\p{L}\p{N}]/gu, "");
  return token.length >= 2 ? token : null;
}
