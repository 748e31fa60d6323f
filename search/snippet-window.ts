// Where in a long text the snippet should come from. ts_headline parses and stems the whole text
// it is given, which for a long article costs more than finding and ranking it; so it is given a
// short window around the best place instead. This file finds that place, from the query's
// lexemes (a Dutch or English stem is nearly always the start of the word it came from).

/** The lexemes of a tsquery's text, e.g. `'band' & 'open' <-> 'reel' | 'umat':*`. */
export function lexemesOf(tsquery: string): string[] {
  const found = new Set<string>();
  for (const match of tsquery.matchAll(/'((?:[^']|'')+)'/g)) found.add(match[1]!.replace(/''/g, "'"));
  return [...found];
}

/** Lower case without accents, one UTF-16 unit for one (so that offsets stay the same). */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  const base =
    lower.length === text.length
      ? lower
      : text.replace(/[\s\S]/g, (c) => {
          const l = c.toLowerCase();
          return l.length === 1 ? l : c;
        });
  return base.replace(/[^\x00-\x7f]/g, (c) => {
    const plain = c.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    return plain.length === 1 ? plain : c;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

const MAX_MATCHES = 400;

/**
 * The part of `text` (at most `size` characters, cut at spaces) with the most different lexemes
 * and then the most matches, starting a little before its first match; null when no word starts
 * with any lexeme (not even with one shortened by a letter), so the caller can use the start.
 */
export function snippetWindow(text: string, lexemes: string[], size = 700): string | null {
  return windowFinder(lexemes, size)(text);
}

/**
 * snippetWindow for many texts and the same lexemes: the patterns are built once. A caller that
 * keeps a text's fold(text) can pass it along.
 */
export function windowFinder(
  lexemes: string[],
  size = 700,
): (text: string, folded?: string) => string | null {
  const usable = lexemes.map((l) => fold(l)).filter((l) => l.length >= 2);
  const exact = usable.length ? compiled(usable) : null;
  let shortened: Matcher | null | undefined;
  return (text, known) => {
    if (text.length <= size) return text;
    if (!exact) return null;
    const folded = known ?? fold(text);
    let matches = exact(folded);
    if (!matches.length) {
      shortened ??= compiled(usable.map((l) => (l.length > 4 ? l.slice(0, -1) : l)));
      matches = shortened(folded);
    }
    if (!matches.length) return null;
    return bestWindow(text, matches, size);
  };
}

function bestWindow(text: string, matches: Match[], size: number): string {
  let best = { start: matches[0]!.at, distinct: 0, count: 0 };
  const reach = size - 120;
  for (let i = 0; i < matches.length; i++) {
    const seen = new Set<number>();
    let count = 0;
    for (let j = i; j < matches.length && matches[j]!.at < matches[i]!.at + reach; j++) {
      seen.add(matches[j]!.lexeme);
      count++;
    }
    if (seen.size > best.distinct || (seen.size === best.distinct && count > best.count)) {
      best = { start: matches[i]!.at, distinct: seen.size, count };
    }
  }
  let from = Math.max(0, best.start - 100);
  let to = Math.min(text.length, from + size);
  if (from > 0) {
    const space = text.indexOf(" ", from);
    if (space >= 0 && space < best.start) from = space + 1;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(" ", to);
    if (space > best.start) to = space;
  }
  return text.slice(from, to);
}

interface Match {
  at: number;
  lexeme: number;
}
type Matcher = (folded: string) => Match[];

/**
 * Matchers made before, by their lexemes: making one (a regular expression with Unicode classes)
 * cost about as much as running it over a page of texts, and the same words come back.
 */
const matchers = new Map<string, Matcher>();

function compiled(lexemes: string[]): Matcher {
  const key = lexemes.join("\u0000");
  let found = matchers.get(key);
  if (!found) {
    if (matchers.size >= 1000) matchers.clear();
    found = matcher(lexemes);
    matchers.set(key, found);
  }
  return found;
}

/** Finds where words start with one of the lexemes (the longest first), at most MAX_MATCHES. */
function matcher(lexemes: string[]): Matcher {
  const sorted = [...new Set(lexemes)].sort((a, b) => b.length - a.length);
  const index = new Map(sorted.map((l, i) => [l, i]));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${sorted.map(escapeRegExp).join("|")})`, "gu");
  return (folded) => {
    const matches: Match[] = [];
    for (const match of folded.matchAll(pattern)) {
      matches.push({ at: match.index, lexeme: index.get(match[0]) ?? 0 });
      if (matches.length >= MAX_MATCHES) break;
    }
    return matches;
  };
}
