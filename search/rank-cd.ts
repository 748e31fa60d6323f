// PostgreSQL's ts_rank_cd (cover density, normalisation 1: divided by log(length + 1)), computed
// in the app server from a document's vector as PostgreSQL writes it (tsvector::text). Ranking 25
// candidates was about half of what a warm search cost PostgreSQL (docs/benchmarks.md, session 12);
// the vectors of a document number never change (see DocTable), so the engine reads them once
// and ranks here, with the same result to the last bit of PostgreSQL's float4.
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
    let lexeme = "";
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if ((c === "'" || c === "\\") && text[i + 1] === c) {
        lexeme += c;
        i += 2;
      } else if (c === "'") {
        i++;
        break;
      } else {
        lexeme += c;
        i++;
      }
    }
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
    i++;
    let value = "";
    while (i < text.length) {
      const c = text[i]!;
      if ((c === "'" || c === "\\") && text[i + 1] === c) {
        value += c;
        i += 2;
      } else if (c === "'") break;
      else {
        value += c;
        i++;
      }
    }
    if (text[i] !== "'") return null;
    i++;
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

/** The query's words. */
function operands(query: RankQuery, out: Extract<RankQuery, { op: "word" }>[] = []) {
  if (query.op === "word") out.push(query);
  else {
    operands(query.left, out);
    operands(query.right, out);
  }
  return out;
}

/**
 * Whether the query holds with the words seen at these positions (ascending, by word number in
 * `ids`).
 */
function holds(query: RankQuery, ids: Map<object, number>, seen: number[][]): boolean {
  if (query.op === "word") return seen[ids.get(query)!]!.length > 0;
  if (query.op === "&") return holds(query.left, ids, seen) && holds(query.right, ids, seen);
  if (query.op === "|") return holds(query.left, ids, seen) || holds(query.right, ids, seen);
  return phraseAt(query, ids, seen) !== null;
}

/**
 * Where a phrase (of words and phrases) ends, and how many positions it spans beyond its first
 * word (`width`); null where it does not occur. The left part must end `distance` plus the right
 * part's width before the right part ends.
 */
function phraseAt(
  query: RankQuery,
  ids: Map<object, number>,
  seen: number[][],
): { at: number[]; width: number } | null {
  if (query.op === "word") {
    const at = seen[ids.get(query)!]!;
    return at.length ? { at, width: 0 } : null;
  }
  if (query.op !== "<>") return null;
  const left = phraseAt(query.left, ids, seen);
  const right = left && phraseAt(query.right, ids, seen);
  if (!left || !right) return null;
  const offset = query.distance + right.width;
  const at: number[] = [];
  let l = 0;
  let r = 0;
  while (l < left.at.length && r < right.at.length) {
    const lp = left.at[l]! + offset;
    const rp = right.at[r]!;
    if (lp < rp) l++;
    else if (lp > rp) r++;
    else {
      at.push(rp);
      l++;
      r++;
    }
  }
  return at.length ? { at, width: query.distance + left.width + right.width } : null;
}

/** ts_rank_cd(weights, vector, query, 1) as PostgreSQL computes it (a float4). */
export function rankCd(weights: readonly number[], vector: RankVector, query: RankQuery): number {
  const words = operands(query);
  const ids = new Map<object, number>(words.map((w, i) => [w, i]));
  // Every position of every entry a word of the query matches (get_docrep).
  const found: { pos: number; entry: number; word: number }[] = [];
  words.forEach((w, word) => {
    const take = (entry: number) => {
      for (let k = vector.start[entry]!; k < vector.start[entry + 1]!; k++) {
        const p = vector.pos[k]!;
        if (w.weights === 0 || w.weights & (1 << (p & 3))) found.push({ pos: p, entry, word });
      }
    };
    // The entries from where the word would stand: the word itself, and for a prefix all the
    // entries after it that begin with it.
    const lexemes = vector.lexemes;
    let low = 0;
    let high = lexemes.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (lexemes[middle]! < w.text) low = middle + 1;
      else high = middle;
    }
    if (w.prefix) {
      for (let entry = low; entry < lexemes.length && lexemes[entry]!.startsWith(w.text); entry++)
        take(entry);
    } else if (lexemes[low] === w.text) take(low);
  });
  if (!found.length) return 0;
  // In order of position (then weight), then entry; one item per position and entry.
  found.sort((a, b) => a.pos - b.pos || a.entry - b.entry);
  const items: { pos: number; entry: number; words: number[] }[] = [];
  for (const f of found) {
    const last = items[items.length - 1];
    if (last && last.pos === f.pos && last.entry === f.entry) last.words.push(f.word);
    else items.push({ pos: f.pos, entry: f.entry, words: [f.word] });
  }

  const inverse = weights.map((w) => 1 / Math.fround(w));
  // Per word, its positions seen in the stretch so far, ascending (going up, each is appended;
  // going down, put in front), each once.
  let seen: number[][] = words.map(() => []);
  const fill = (item: { pos: number; words: number[] }, up: boolean) => {
    const at = item.pos >> 2;
    for (const w of item.words) {
      const list = seen[w]!;
      if (up ? list[list.length - 1] !== at : list[0] !== at) {
        if (up) list.push(at);
        else list.unshift(at);
      }
    }
  };
  let wdoc = 0;
  let from = 0;
  while (from < items.length) {
    // The upper end of the next cover: the first item from `from` where the query holds.
    seen = words.map(() => []);
    let end = -1;
    for (let k = from; k < items.length; k++) {
      fill(items[k]!, true);
      if (holds(query, ids, seen)) {
        end = k;
        break;
      }
    }
    if (end < 0) break;
    // Its lower end: going down from there, the first item where the query holds again.
    seen = words.map(() => []);
    let begin = -1;
    for (let k = end; k >= from; k--) {
      fill(items[k]!, false);
      if (holds(query, ids, seen)) {
        begin = k;
        break;
      }
    }
    if (begin < 0) {
      // Not found going down (a phrase can need a position below `from`): PostgreSQL tries again
      // from the next item.
      from++;
      continue;
    }
    let inverseSum = 0;
    for (let k = begin; k <= end; k++) inverseSum += inverse[items[k]!.pos & 3]!;
    const cpos = (end - begin + 1) / inverseSum;
    let noise = (items[end]!.pos >> 2) - (items[begin]!.pos >> 2) - (end - begin);
    if (noise < 0) noise = Math.trunc((end - begin) / 2);
    wdoc += cpos / (1 + noise);
    from = begin + 1;
  }
  if (vector.lexemes.length > 0) wdoc /= Math.log(vector.length + 1);
  return Math.fround(wdoc);
}
