// PostgreSQL's ts_rank_cd (cover density, normalisation 1: divided by log(length + 1)), computed
// in the app server from a document's vector as PostgreSQL writes it (tsvector::text). Ranking 25
// candidates was about half of what a warm search cost PostgreSQL (docs/benchmarks.md, session 12);
// the vectors of a document number never change (see DocTable), so the engine reads them once
// and ranks here, with the same result to the last bit of PostgreSQL's float4 (decision 021).
//
// The algorithm is PostgreSQL's (src/backend/utils/adt/tsrank.c, calc_rank_cd): the positions
// where a query word occurs are put in order; a cover is the shortest stretch from one such
// position that satisfies the query; each cover adds (its number of positions / the sum of their
// inverse weights) / (1 + the words in it that are not query words). A phrase ('open' <-> 'reel')
// holds where its words stand at its distances, among the positions seen so far in the stretch,
// as PostgreSQL's TS_phrase_execute has it. Queries with NOT, or with AND or OR inside a phrase,
// are not ranked here (parseQuery gives null): the engine asks PostgreSQL.

/** A document's vector, read for ranking. */
export interface RankVector {
  /**
   * The lexemes in the vector's order, PostgreSQL's byte order, which for these texts is also
   * JavaScript's string order (they differ only beyond U+FFFF): an entry's number is its index.
   */
  readonly lexemes: string[];
  /** Positions of entry i: pos[start[i] .. start[i + 1]), each position * 4 + weight (D 0 .. A 3). */
  readonly start: Int32Array;
  readonly pos: Int32Array;
  /** PostgreSQL's cnt_length: all positions, and 1 for an entry without any. */
  readonly length: number;
}

/** A tsquery as PostgreSQL writes it, of words, &, | and phrases of words (see parseQuery). */
export type RankQuery =
  | { op: "word"; text: string; prefix: boolean; weights: number }
  | { op: "&" | "|"; left: RankQuery; right: RankQuery }
  | { op: "<>"; distance: number; left: RankQuery; right: RankQuery };

const WEIGHT_LETTER: Record<string, number> = { A: 3, B: 2, C: 1, D: 0 };

/**
 * The lexeme quoted at `start` in PostgreSQL's text form (quotes and backslashes inside doubled),
 * where it ends (just after its closing quote, or the text's end), and whether it was closed.
 */
function quoted(text: string, start: number): [string, number, boolean] {
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if ((c === "'" || c === "\\") && text[i + 1] === c) {
      value += c;
      i += 2;
    } else if (c === "'") return [value, i + 1, true];
    else {
      value += c;
      i++;
    }
  }
  return [value, i, false];
}

/**
 * Reads a tsvector's text ('word':1A,5 'other':3C). Quotes and backslashes inside a lexeme are
 * doubled; a position without a letter has weight D.
 */
export function parseVector(text: string): RankVector {
  const lexemes: string[] = [];
  const starts: number[] = [];
  const pos: number[] = [];
  let length = 0;
  let i = 0;
  while (i < text.length) {
    if (text[i] !== "'") {
      i++;
      continue;
    }
    const [lexeme, end] = quoted(text, i);
    i = end;
    lexemes.push(lexeme);
    starts.push(pos.length);
    if (text[i] === ":") {
      i++;
      for (;;) {
        let n = 0;
        while (i < text.length && text[i]! >= "0" && text[i]! <= "9")
          n = n * 10 + (text.charCodeAt(i++) - 48);
        const weight = WEIGHT_LETTER[text[i] ?? ""];
        if (weight !== undefined) i++;
        pos.push(n * 4 + (weight ?? 0));
        if (text[i] !== ",") break;
        i++;
      }
      length += pos.length - starts[starts.length - 1]!;
    } else {
      length += 1;
    }
  }
  starts.push(pos.length);
  return {
    lexemes,
    start: Int32Array.from(starts),
    pos: Int32Array.from(pos),
    length,
  };
}

/**
 * Reads a tsquery's text ('a':* & ( 'b' | 'c' ) | 'd' <-> 'e'); null for NOT, and for AND or OR
 * inside a phrase (ranked by PostgreSQL).
 */
export function parseQuery(text: string): RankQuery | null {
  let i = 0;
  const space = () => {
    while (text[i] === " ") i++;
  };
  const word = (): RankQuery | null => {
    space();
    if (text[i] === "(") {
      i++;
      const inner = or();
      space();
      if (!inner || text[i] !== ")") return null;
      i++;
      return inner;
    }
    if (text[i] !== "'") return null;
    const [value, end, closed] = quoted(text, i);
    if (!closed) return null;
    i = end;
    let prefix = false;
    let weights = 0;
    if (text[i] === ":") {
      i++;
      while (i < text.length && /[*ABCD]/.test(text[i]!)) {
        if (text[i] === "*") prefix = true;
        else weights |= 1 << WEIGHT_LETTER[text[i]!]!;
        i++;
      }
    }
    return { op: "word", text: value, prefix, weights };
  };
  const phraseOf = (q: RankQuery): boolean =>
    q.op === "word" || (q.op === "<>" && phraseOf(q.left) && phraseOf(q.right));
  const phrase = (): RankQuery | null => {
    let left = word();
    for (;;) {
      space();
      const operator = /^<(-|\d+)>/.exec(text.slice(i, i + 8));
      if (!left || !operator) return left;
      i += operator[0].length;
      const right = word();
      if (!right || !phraseOf(left) || !phraseOf(right)) return null;
      left = { op: "<>", distance: operator[1] === "-" ? 1 : Number(operator[1]), left, right };
    }
  };
  /** Operands joined by & (or |), left to right. */
  const joined = (operand: () => RankQuery | null, symbol: "&" | "|") => (): RankQuery | null => {
    let left = operand();
    for (;;) {
      space();
      if (!left || text[i] !== symbol) return left;
      i++;
      const right = operand();
      if (!right) return null;
      left = { op: symbol, left, right };
    }
  };
  const and = joined(phrase, "&");
  const or = joined(and, "|");
  const query = or();
  space();
  return query && i === text.length ? query : null;
}

/**
 * A query made ready for ranking many vectors: its words numbered; which of them make the query
 * hold on their own (`alone`: words of the query's outermost OR, or the query itself); and
 * whether it holds for the positions seen of each word (by number, ascending).
 */
export interface CompiledQuery {
  readonly words: readonly { text: string; prefix: boolean }[];
  readonly alone: Uint8Array;
  readonly holds: (seen: readonly number[][]) => boolean;
}

/** The compiled query for a tsquery's text; null where parseQuery gives null, or a word has weights. */
export function compileQuery(text: string): CompiledQuery | null {
  const query = parseQuery(text);
  if (!query) return null;
  const words: { text: string; prefix: boolean }[] = [];
  const alone: number[] = [];
  let weighted = false;
  const word = (q: Extract<RankQuery, { op: "word" }>) => {
    if (q.weights) weighted = true;
    return words.push({ text: q.text, prefix: q.prefix }) - 1;
  };
  /** How many positions a phrase spans beyond its first word. */
  const width = (q: RankQuery): number => (q.op === "<>" ? q.distance + width(q.left) + width(q.right) : 0);
  /** Where a phrase (of words and phrases) ends: ascending positions, none where it does not occur. */
  const phrase = (q: RankQuery): ((seen: readonly number[][]) => readonly number[]) => {
    if (q.op === "word") {
      const id = word(q);
      return (seen) => seen[id]!;
    }
    if (q.op !== "<>") throw new Error("phrases hold words and phrases only (parseQuery)");
    const left = phrase(q.left);
    const right = phrase(q.right);
    // The left part ends `distance` plus the right part's width before the right part ends.
    const offset = q.distance + width(q.right);
    return (seen) => {
      const l = left(seen);
      if (!l.length) return l;
      return follows(l, right(seen), offset);
    };
  };
  const compile = (q: RankQuery, outermost: boolean): ((seen: readonly number[][]) => boolean) => {
    if (q.op === "word") {
      const id = word(q);
      if (outermost) alone.push(id);
      return (seen) => seen[id]!.length > 0;
    }
    if (q.op === "<>") {
      const at = phrase(q);
      return (seen) => at(seen).length > 0;
    }
    const left = compile(q.left, outermost && q.op === "|");
    const right = compile(q.right, outermost && q.op === "|");
    return q.op === "&" ? (seen) => left(seen) && right(seen) : (seen) => left(seen) || right(seen);
  };
  const holds = compile(query, true);
  if (weighted) return null;
  const flags = new Uint8Array(words.length);
  for (const id of alone) flags[id] = 1;
  return { words, alone: flags, holds };
}

/** The positions in `right` that are `offset` after one in `left` (both ascending). */
function follows(left: readonly number[], right: readonly number[], offset: number): number[] {
  const at: number[] = [];
  let l = 0;
  let r = 0;
  while (l < left.length && r < right.length) {
    const lp = left[l]! + offset;
    const rp = right[r]!;
    if (lp < rp) l++;
    else if (lp > rp) r++;
    else {
      at.push(rp);
      l++;
      r++;
    }
  }
  return at;
}

const ENTRIES = 2 ** 20;
const inverses = new WeakMap<readonly number[], number[]>();

/** ts_rank_cd(weights, vector, query, 1) as PostgreSQL computes it (a float4). */
export function rankCd(weights: readonly number[], vector: RankVector, query: CompiledQuery): number {
  let inverse = inverses.get(weights);
  if (!inverse) {
    inverse = weights.map((w) => 1 / Math.fround(w));
    inverses.set(weights, inverse);
  }
  // The entries of the vector that words of the query match, with those words (get_docrep). The
  // entries are found from where the word would stand: the word itself, and for a prefix all the
  // entries after it that begin with it.
  const lexemes = vector.lexemes;
  const matched = new Map<number, number[]>();
  for (let word = 0; word < query.words.length; word++) {
    const w = query.words[word]!;
    let low = 0;
    let high = lexemes.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (lexemes[middle]! < w.text) low = middle + 1;
      else high = middle;
    }
    for (let entry = low; entry < lexemes.length; entry++) {
      if (w.prefix ? !lexemes[entry]!.startsWith(w.text) : lexemes[entry] !== w.text) break;
      const words = matched.get(entry);
      if (words) words.push(word);
      else matched.set(entry, [word]);
      if (!w.prefix) break;
    }
  }
  if (!matched.size) return 0;
  // Their positions in order of position (then weight), then entry: one item per position and
  // entry, as (position * 4 + weight) * ENTRIES + entry (a position is below 16384; a vector,
  // at most 1 MB, has fewer lexemes than ENTRIES). Per entry, whether a word alone makes the
  // query hold there.
  let count = 0;
  const start = vector.start;
  for (const entry of matched.keys()) count += start[entry + 1]! - start[entry]!;
  const items = new Float64Array(count);
  const decides = new Set<number>();
  let k = 0;
  for (const [entry, words] of matched) {
    for (let i = start[entry]!; i < start[entry + 1]!; i++) items[k++] = vector.pos[i]! * ENTRIES + entry;
    if (words.some((w) => query.alone[w] === 1)) decides.add(entry);
  }
  items.sort();

  // Per word, its positions seen in the stretch so far, ascending (going up, each is appended;
  // going down, put in front), each once (made when first needed).
  let seen: number[][] | null = null;
  let wdoc = 0;
  let from = 0;
  while (from < items.length) {
    let begin = from;
    let end = from;
    if (!decides.has(items[from]! % ENTRIES)) {
      seen ??= query.words.map(() => []);
      // The upper end of the next cover: the first item from `from` where the query holds.
      end = scan(items, from, items.length - 1, 1, matched, seen, query);
      if (end < 0) break;
      // Its lower end: going down from there, the first item where the query holds again.
      begin = scan(items, end, from, -1, matched, seen, query);
      if (begin < 0) {
        // Not found going down: PostgreSQL tries again from the next item.
        from++;
        continue;
      }
    }
    // (An item where a word alone makes the query hold is a cover of its own.)
    let inverseSum = 0;
    for (let i = begin; i <= end; i++) inverseSum += inverse[Math.floor(items[i]! / ENTRIES) & 3]!;
    const cpos = (end - begin + 1) / inverseSum;
    let noise =
      (Math.floor(items[end]! / ENTRIES) >> 2) - (Math.floor(items[begin]! / ENTRIES) >> 2) - (end - begin);
    if (noise < 0) noise = Math.trunc((end - begin) / 2);
    wdoc += cpos / (1 + noise);
    from = begin + 1;
  }
  if (lexemes.length > 0) wdoc /= Math.log(vector.length + 1);
  return Math.fround(wdoc);
}

/**
 * From item `first` towards `last` (step 1 or -1), the words of each item added to `seen`
 * (emptied first): the first item where the query holds, or -1.
 */
function scan(
  items: Float64Array,
  first: number,
  last: number,
  step: 1 | -1,
  matched: Map<number, number[]>,
  seen: number[][],
  query: CompiledQuery,
): number {
  for (const list of seen) list.length = 0;
  for (let i = first; step > 0 ? i <= last : i >= last; i += step) {
    const item = items[i]!;
    const at = Math.floor(item / ENTRIES) >> 2;
    for (const w of matched.get(item % ENTRIES)!) {
      const list = seen[w]!;
      if (step > 0) {
        if (list[list.length - 1] !== at) list.push(at);
      } else if (list[0] !== at) list.unshift(at);
    }
    if (query.holds(seen)) return i;
  }
  return -1;
}
