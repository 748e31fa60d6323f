import { Meilisearch, type Settings } from "meilisearch";
import { type Decompounder, dutchDecompounder } from "./decompound.ts";
import { synonymGroups } from "./synonyms.ts";
import { escapeHtml } from "./text.ts";
import {
  clampQuery,
  type EngineHealth,
  kindTier,
  type SearchDocument,
  type SearchEngine,
  type SearchFacets,
  type SearchQuery,
  type SearchResult,
} from "./types.ts";

export const MEILI_INDEX = "kennisbank";

// Dutch and English words too common to help ranking.
const stopWords = [
  "de",
  "het",
  "een",
  "en",
  "of",
  "in",
  "op",
  "van",
  "voor",
  "met",
  "bij",
  "aan",
  "te",
  "is",
  "zijn",
  "om",
  "dat",
  "die",
  "dit",
  "als",
  "ook",
  "niet",
  "maar",
  "wordt",
  "worden",
  "je",
  "u",
  "we",
  "the",
  "a",
  "an",
  "and",
  "of",
  "to",
];

/** Index settings: searchable attributes in rank order, filters, facets, synonyms, typo tolerance. */
export function meiliSettings(): Settings {
  const synonyms: Record<string, string[]> = {};
  for (const group of synonymGroups) {
    for (const term of group) synonyms[term] = group.filter((t) => t !== term);
  }
  return {
    // parts: the parts of a Dutch document's compounds, last, so that a part ranks below the
    // word itself (decision 011; Meilisearch splits German compounds only).
    searchableAttributes: ["title", "aliases", "summary", "body", "parts"],
    filterableAttributes: ["kind", "topics", "medium", "locale", "slug"],
    sortableAttributes: ["title"],
    distinctAttribute: "slug",
    displayedAttributes: ["id", "slug", "locale", "kind", "title", "summary", "topics", "medium"],
    // tier last: at equal relevance the registered sources below the guides (kindTier, #22).
    rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness", "tier:asc"],
    stopWords,
    synonyms,
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
    faceting: { maxValuesPerFacet: 100 },
    pagination: { maxTotalHits: 10_000 },
  };
}

/**
 * A search document as Meilisearch stores it (its primary key may not contain ':'), with the
 * parts of its compounds when it is Dutch and a decompounder is given.
 */
export function toMeiliDocument(doc: SearchDocument, decompounder?: Decompounder) {
  return {
    id: doc.id.replace(":", "_"),
    slug: doc.slug,
    locale: doc.locale,
    kind: doc.kind,
    tier: kindTier(doc.kind),
    title: doc.title,
    aliases: doc.aliases,
    summary: doc.summary,
    body: doc.body,
    topics: doc.topics,
    medium: doc.medium,
    institutionTypes: doc.institutionTypes,
    parts:
      decompounder && doc.locale === "nl"
        ? decompounder.partsOfText(`${doc.title} ${doc.aliases.join(" ")} ${doc.summary} ${doc.body}`)
        : "",
  };
}

/**
 * A Dutch search with each compound preceded by its parts ("geluidsbanden" → "geluid banden
 * geluidsbanden"): documents with all the parts (in their text or in their parts field) match,
 * those with the word itself as well rank first, and Meilisearch's matching strategy ("last")
 * drops the whole word before the parts. Words in quotes or excluded are left as they are.
 */
export function meiliQueryText(q: string, locale: SearchQuery["locale"], decompounder: Decompounder): string {
  if (locale !== "nl" || q.includes('"')) return q;
  return q
    .split(/(\s+)/)
    .map((token) => {
      if (!/^\p{L}+$/u.test(token)) return token;
      const compound = decompounder.split(token);
      return compound ? `${compound.leaves.join(" ")} ${token}` : token;
    })
    .join("");
}

export function meiliId(docId: string): string {
  return docId.replace(":", "_");
}

const quote = (value: string) => `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

/** Filter expression for a query's kind, topic and medium. */
export function meiliFilter(query: Pick<SearchQuery, "kind" | "topic" | "medium">): string[] {
  const filter: string[] = [];
  if (query.kind) filter.push(`kind = ${quote(query.kind)}`);
  if (query.topic) filter.push(`topics = ${quote(query.topic)}`);
  if (query.medium) filter.push(`medium = ${quote(query.medium)}`);
  return filter;
}

/** Meilisearch's highlight (with our own markers) as escaped HTML with <mark>. */
export function meiliSnippet(cropped: string | undefined, fallback: string): string {
  if (!cropped) return escapeHtml(fallback);
  return escapeHtml(cropped).replaceAll("\u0002", "<mark>").replaceAll("\u0003", "</mark>");
}

export class MeiliEngine implements SearchEngine {
  readonly name = "meilisearch" as const;
  private readonly client: Meilisearch;

  constructor(host: string, apiKey?: string, timeoutMs = 1500) {
    this.client = new Meilisearch({ host, apiKey, timeout: timeoutMs });
  }

  private get documents() {
    return this.client.index(MEILI_INDEX);
  }

  async applySettings(options: { wait?: boolean } = {}): Promise<void> {
    const task = this.documents.updateSettings(meiliSettings());
    if (options.wait) await task.waitTask({ timeout: 60_000 });
    else await task;
  }

  /** Indexes and waits until Meilisearch has applied it (tests and full reindexing). */
  async indexAndWait(docs: SearchDocument[]): Promise<void> {
    if (docs.length) {
      const decompounder = await dutchDecompounder();
      await this.documents
        .addDocuments(
          docs.map((d) => toMeiliDocument(d, decompounder)),
          { primaryKey: "id" },
        )
        .waitTask({ timeout: 120_000 });
    }
  }

  async index(docs: SearchDocument[]): Promise<void> {
    if (!docs.length) return;
    const decompounder = await dutchDecompounder();
    await this.documents.addDocuments(
      docs.map((d) => toMeiliDocument(d, decompounder)),
      { primaryKey: "id" },
    );
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length) await this.documents.deleteDocuments(ids.map(meiliId));
  }

  async health(): Promise<EngineHealth> {
    try {
      await this.client.health();
      return { engine: "meilisearch", ok: true };
    } catch (error) {
      return { engine: "meilisearch", ok: false, error: (error as Error).message };
    }
  }

  async query(input: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const query = clampQuery(input);
    const q = meiliQueryText(query.q, query.locale, await dutchDecompounder());
    const response = await this.documents.search(q, {
      filter: meiliFilter(query),
      facets: ["kind", "topics", "medium"],
      limit: query.limit,
      offset: query.offset,
      attributesToCrop: ["body:30"],
      attributesToHighlight: ["body"],
      highlightPreTag: "\u0002",
      highlightPostTag: "\u0003",
      showRankingScore: true,
    });
    const dist = response.facetDistribution ?? {};
    const facets: SearchFacets = {
      kind: dist.kind ?? {},
      topic: dist.topics ?? {},
      medium: dist.medium ?? {},
    };
    return {
      hits: response.hits.map((h) => ({
        slug: String(h.slug),
        locale: String(h.locale),
        title: String(h.title),
        kind: String(h.kind),
        summary: String(h.summary),
        snippet: meiliSnippet((h._formatted as { body?: string } | undefined)?.body, String(h.summary)),
        score: Math.round(Number(h._rankingScore ?? 0) * 10_000) / 10_000,
      })),
      facets,
      total: response.estimatedTotalHits ?? response.hits.length,
      engine: "meilisearch",
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }
}
