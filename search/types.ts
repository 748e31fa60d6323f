// The search engine contract. Nothing here knows Remix or the kennisbank tables: documents go
// in, hits come out.

export type SearchLocale = "nl" | "en";

/** One language version of one article, flattened for search. */
export interface SearchDocument {
  /** `${slug}:${locale}` */
  id: string;
  slug: string;
  locale: SearchLocale;
  kind: string;
  title: string;
  /** Names, aliases, markings: weighted like the title. */
  aliases: string[];
  summary: string;
  /** Plain text of the body and the fact box. */
  body: string;
  topics: string[];
  medium: string | null;
  institutionTypes: string[];
}

/**
 * Where a kind stands among results of equal score, lowest first: the registered sources (kind
 * `bron`) come below the guides (#22), also when nothing is searched for and every score is 0.
 */
export function kindTier(kind: string): number {
  return kind === "bron" ? 1 : 0;
}

export interface SearchQuery {
  q: string;
  locale: SearchLocale;
  kind?: string;
  topic?: string;
  medium?: string;
  limit?: number;
  offset?: number;
}

export interface SearchHit {
  slug: string;
  /** The language of the hit's text (a Dutch guide on an English page when it has no English version). */
  locale: string;
  title: string;
  kind: string;
  summary: string;
  /** Plain text, HTML-escaped, with the matched words between <mark> and </mark>. */
  snippet: string;
  score: number;
}

export interface SearchFacets {
  kind: Record<string, number>;
  topic: Record<string, number>;
  medium: Record<string, number>;
}

export interface SearchResult {
  hits: SearchHit[];
  facets: SearchFacets;
  total: number;
  engine: "postgres" | "meilisearch";
  tookMs: number;
  /** True when Meilisearch was configured but could not answer, so postgres did. */
  fallback?: boolean;
  /**
   * The query with the words found nowhere replaced by the most similar words that are there
   * (postgres only). The hits already include those words.
   */
  suggestion?: string;
}

export interface EngineHealth {
  engine: "postgres" | "meilisearch";
  ok: boolean;
  error?: string;
}

export interface SearchEngine {
  readonly name: "postgres" | "meilisearch";
  index(docs: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  query(query: SearchQuery): Promise<SearchResult>;
  health(): Promise<EngineHealth>;
}

export const MAX_LIMIT = 100;

export function clampQuery(
  query: SearchQuery,
): Required<Omit<SearchQuery, "kind" | "topic" | "medium">> & Pick<SearchQuery, "kind" | "topic" | "medium"> {
  return {
    ...query,
    q: query.q.slice(0, 200),
    limit: Math.min(Math.max(Math.trunc(query.limit ?? 20), 1), MAX_LIMIT),
    offset: Math.min(Math.max(Math.trunc(query.offset ?? 0), 0), 10_000),
  };
}
