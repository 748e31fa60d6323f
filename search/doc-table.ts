// What the postgres engine keeps in memory about the documents in its index: per document number
// (search_document.n) the article's slug, language, kind, topics, medium and title. The database
// says which numbers match a query (GIN indexes); grouping them per article, filtering, counting
// the facets and picking the best candidates then happens here, over typed arrays, which costs a
// fraction of doing the same over thousands of rows in SQL.
//
// A document gets a new number whenever it changes, so what is known about a number never goes
// out of date; numbers of removed or changed documents simply stop being returned by the database.
import { kindTier } from "./types.ts";

export interface DocRow {
  n: number;
  slug: string;
  locale: string;
  kind: string;
  topics: string[];
  medium: string | null;
  title: string;
}

interface Doc {
  slug: number;
  locale: string;
  kind: number;
  medium: number;
  topics: number[];
  title: string;
  /** Position in the order of (kind's tier, lower-case title, slug) over all known documents. */
  order: number;
}

/** Document numbers, as an array or as the Int32Array they arrive in. */
export type Numbers = ArrayLike<number> & Iterable<number>;

export interface Matched {
  /** Document numbers found in the head (title, aliases, summary), with their head score. */
  headNs: Numbers;
  headScores: Numbers;
  /** Document numbers found in the body. */
  bodyNs: Numbers;
  /** Document numbers whose body has all the words; null: every body found does. */
  allBodyNs: Numbers | null;
  /** False when browsing (no words): every document scores 0. */
  scored: boolean;
}

export interface Filters {
  kind?: string | undefined;
  topic?: string | undefined;
  medium?: string | undefined;
  locale: string;
}

export interface Candidate {
  n: number;
  slug: string;
  /** The score from the head and whether the body has all words. */
  cheap: number;
  /** cheap plus the text rank, once known. */
  score: number;
  order: number;
}

export interface Aggregate {
  total: number;
  facets: { kind: Record<string, number>; topic: Record<string, number>; medium: Record<string, number> };
  /** The best k articles by cheap score, then title. */
  candidates: Candidate[];
}

class Interned {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

/** How a body that has all the words weighs against the head score. */
const ALL_WORDS_IN_BODY = 1.5;

export class DocTable {
  private byN = new Map<number, Doc>();
  /** The same documents in an array from the lowest number known (base) to the highest. */
  private dense: (Doc | undefined)[] = [];
  private base = 0;
  private fresh = true;
  private readonly slugs = new Interned();
  private readonly kinds = new Interned();
  private readonly media = new Interned();
  private readonly topics = new Interned();

  constructor(private readonly limit = 200_000) {}

  get size(): number {
    return this.byN.size;
  }

  private at(n: number): Doc | undefined {
    return this.dense[n - this.base];
  }

  /** The numbers in these lists that the table does not know yet. */
  missing(...lists: Iterable<number>[]): number[] {
    const out = new Set<number>();
    for (const ns of lists) for (const n of ns) if (this.at(n) === undefined) out.add(n);
    return [...out];
  }

  /** Forgets everything when old versions have piled up past the limit; true when it did. */
  makeRoom(extra: number): boolean {
    if (this.byN.size + extra <= this.limit) return false;
    this.byN.clear();
    this.dense = [];
    this.base = 0;
    return true;
  }

  add(rows: DocRow[]): void {
    if (!rows.length) return;
    for (const row of rows) {
      if (!Number.isSafeInteger(row.n) || row.n < 0) continue;
      this.byN.set(row.n, {
        slug: this.slugs.id(row.slug),
        locale: row.locale,
        kind: this.kinds.id(row.kind),
        medium: row.medium === null ? -1 : this.media.id(row.medium),
        topics: [...new Set(row.topics)].map((t) => this.topics.id(t)),
        title: row.title.toLowerCase(),
        order: 0,
      });
    }
    // Rebuilt on every addition: additions are rare once the index has been seen.
    let min = Number.POSITIVE_INFINITY;
    let max = -1;
    for (const n of this.byN.keys()) {
      if (n < min) min = n;
      if (n > max) max = n;
    }
    this.base = max < 0 ? 0 : min;
    this.dense = new Array(max < 0 ? 0 : max - min + 1);
    for (const [n, doc] of this.byN) this.dense[n - this.base] = doc;
    this.fresh = false;
  }

  /**
   * Numbers every known document by (the tier of its kind, lower-case title, slug), so that
   * ordering compares numbers: at equal score, sources below guides (kindTier), then by title.
   */
  private order(): void {
    if (this.fresh) return;
    const all = [...this.byN.values()];
    const slugs = this.slugs.values;
    const tiers = this.kinds.values.map(kindTier);
    all.sort(
      (a, b) =>
        tiers[a.kind]! - tiers[b.kind]! ||
        (a.title < b.title ? -1 : a.title > b.title ? 1 : compare(slugs[a.slug]!, slugs[b.slug]!)),
    );
    all.forEach((doc, i) => {
      doc.order = i;
    });
    this.fresh = true;
  }

  /**
   * Per article, the best-scoring matched document that passes the filters (on a tie, the one in
   * the searcher's language); the number of such articles; the facet counts (each facet counted
   * with the other filters applied); and the best k by cheap score, then title.
   */
  aggregate(matched: Matched, filters: Filters, k: number): Aggregate {
    this.order();
    const kind = filters.kind === undefined ? -1 : (this.kinds.ids.get(filters.kind) ?? -2);
    const medium = filters.medium === undefined ? -1 : (this.media.ids.get(filters.medium) ?? -2);
    const topic = filters.topic === undefined ? -1 : (this.topics.ids.get(filters.topic) ?? -2);
    const size = this.dense.length;
    const base = this.base;
    const headScore = new Float64Array(size);
    for (let i = 0; i < matched.headNs.length; i++) {
      const at = matched.headNs[i]! - base;
      if (at >= 0 && at < size) headScore[at] = matched.headScores[i] ?? 0;
    }
    let allBody: Uint8Array | null = null;
    if (matched.allBodyNs) {
      allBody = new Uint8Array(size);
      for (const n of matched.allBodyNs) if (n - base >= 0 && n - base < size) allBody[n - base] = 1;
    }
    const slugCount = this.slugs.values.length;
    const bestN = new Int32Array(slugCount).fill(-1);
    const bestCheap = new Float64Array(slugCount);
    const baseN = new Int32Array(slugCount).fill(-1);
    const touched: number[] = [];
    const consider = (n: number) => {
      const at = n - base;
      const doc = this.dense[at];
      if (!doc) return;
      const s = doc.slug;
      if (baseN[s] === -1) {
        baseN[s] = n;
        touched.push(s);
      }
      if (kind !== -1 && doc.kind !== kind) return;
      if (medium !== -1 && doc.medium !== medium) return;
      if (topic !== -1 && !doc.topics.includes(topic)) return;
      const cheap = matched.scored
        ? (allBody === null || allBody[at] === 1 ? ALL_WORDS_IN_BODY : 0) + headScore[at]!
        : 0;
      const current = bestN[s]!;
      if (
        current === -1 ||
        cheap > bestCheap[s]! ||
        (cheap === bestCheap[s]! &&
          doc.locale === filters.locale &&
          this.at(current)!.locale !== filters.locale)
      ) {
        bestN[s] = n;
        bestCheap[s] = cheap;
      }
    };
    for (const n of matched.headNs) consider(n);
    for (const n of matched.bodyNs) consider(n);

    // Facets, over every matched article, each with the other facets' filters applied.
    const kindCounts = new Int32Array(this.kinds.values.length);
    const mediumCounts = new Int32Array(this.media.values.length);
    const topicCounts = new Int32Array(this.topics.values.length);
    let total = 0;
    for (const s of touched) {
      const doc = this.at(baseN[s]!)!;
      const okKind = kind === -1 || doc.kind === kind;
      const okMedium = medium === -1 || doc.medium === medium;
      const okTopic = topic === -1 || doc.topics.includes(topic);
      if (okMedium && okTopic) kindCounts[doc.kind]!++;
      if (okKind && okTopic && doc.medium >= 0) mediumCounts[doc.medium]!++;
      if (okKind && okMedium) for (const t of doc.topics) topicCounts[t]!++;
      if (bestN[s] !== -1) total++;
    }

    // The best k: highest cheap score, then title order (a number), without sorting them all.
    const top: { s: number; cheap: number; order: number }[] = [];
    const worse = (a: { cheap: number; order: number }, b: { cheap: number; order: number }) =>
      a.cheap < b.cheap || (a.cheap === b.cheap && a.order > b.order);
    for (const s of touched) {
      const n = bestN[s]!;
      if (n === -1) continue;
      const item = { s, cheap: bestCheap[s]!, order: this.at(n)!.order };
      if (top.length === k && !worse(top[k - 1]!, item)) continue;
      let lo = 0;
      let hi = top.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (worse(item, top[mid]!)) lo = mid + 1;
        else hi = mid;
      }
      top.splice(lo, 0, item);
      if (top.length > k) top.pop();
    }

    return {
      total,
      facets: {
        kind: counts(this.kinds.values, kindCounts),
        topic: counts(this.topics.values, topicCounts),
        medium: counts(this.media.values, mediumCounts),
      },
      candidates: top.map((t) => ({
        n: bestN[t.s]!,
        slug: this.slugs.values[t.s]!,
        cheap: t.cheap,
        score: t.cheap,
        order: t.order,
      })),
    };
  }
}

function counts(values: string[], numbers: Int32Array): Record<string, number> {
  const out: Record<string, number> = {};
  numbers.forEach((count, i) => {
    if (count > 0) out[values[i]!] = count;
  });
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Candidates by score, then title order. */
export function byScore(a: Candidate, b: Candidate): number {
  return b.score - a.score || a.order - b.order;
}
