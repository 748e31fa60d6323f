import { type SQL, sql } from "drizzle-orm";
import { type DB, rowsOf } from "#db/client.server.ts";
import { type ParsedTerm, parseQuery, prefixToken } from "./query-parser.ts";
import { markedSnippet } from "./text.ts";
import {
  clampQuery,
  type EngineHealth,
  type SearchDocument,
  type SearchEngine,
  type SearchFacets,
  type SearchQuery,
  type SearchResult,
} from "./types.ts";

// Weights for ts_rank_cd, in the order D, C, B, A: title and aliases above summary above body.
const WEIGHTS = sql.raw(`'{0.05, 0.2, 0.5, 1.0}'`);
const HEADLINE_OPTIONS = `StartSel=\u0002, StopSel=\u0003, MaxWords=30, MinWords=14, MaxFragments=2, FragmentDelimiter=" … "`;

/** The head vector (title, aliases, summary): Dutch (stemmed), simple (exact words, codes), English for English documents. */
function headVectorSql(doc: SearchDocument): SQL {
  const head = `${doc.title} ${doc.aliases.join(" ")}`;
  const english = doc.locale === "en";
  return sql`
    setweight(to_tsvector('dutch', unaccent(${head})), 'A') ||
    setweight(to_tsvector('simple', unaccent(${head})), 'A') ||
    ${english ? sql`setweight(to_tsvector('english', unaccent(${head})), 'A') ||` : sql``}
    ${english ? sql`setweight(to_tsvector('english', unaccent(${doc.summary})), 'B') ||` : sql``}
    setweight(to_tsvector('dutch', unaccent(${doc.summary})), 'B') ||
    setweight(to_tsvector('simple', unaccent(${doc.summary})), 'B')`;
}

function bodyVectorSql(doc: SearchDocument): SQL {
  const english = doc.locale === "en";
  return sql`
    setweight(to_tsvector('dutch', unaccent(${doc.body})), 'C') ||
    ${english ? sql`setweight(to_tsvector('english', unaccent(${doc.body})), 'C') ||` : sql``}
    setweight(to_tsvector('simple', unaccent(${doc.body})), 'D')`;
}

/** Words of a text as the typo fallback compares them: lower case, no accents. */
export function vocabularyOf(text: string): string[] {
  const normal = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  const words = new Set<string>();
  for (const match of normal.matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu)) {
    const word = match[0];
    if (word.length >= 3 && word.length <= 40) words.add(word);
    if (word.includes("-")) {
      words.add(word.replace(/-/g, ""));
      for (const part of word.split("-")) if (part.length >= 3) words.add(part);
    }
  }
  return [...words];
}

function alternativeSql(alt: string): SQL {
  const fn = alt.includes(" ") ? sql.raw("phraseto_tsquery") : sql.raw("plainto_tsquery");
  return sql`(${fn}('dutch', unaccent(${alt})) || ${fn}('simple', unaccent(${alt})) || ${fn}('english', unaccent(${alt})))`;
}

function termSql(term: ParsedTerm, corrections: string[]): SQL {
  const parts = [...new Set([...term.alternatives, ...corrections])].map(alternativeSql);
  const token = term.prefix ? prefixToken(term.text) : null;
  if (token) parts.push(sql`to_tsquery('simple', ${`${token}:*`})`);
  return sql`(${sql.join(parts, sql` || `)})`;
}

export class PostgresEngine implements SearchEngine {
  readonly name = "postgres" as const;
  constructor(private readonly db: DB) {}

  async index(docs: SearchDocument[]): Promise<void> {
    if (!docs.length) return;
    for (const doc of docs) {
      await this.db.execute(sql`
        insert into search_document (id, slug, locale, kind, title, aliases, summary, body, topics, medium, institution_types, tsv_head, tsv_body, updated_at)
        values (${doc.id}, ${doc.slug}, ${doc.locale}, ${doc.kind}, ${doc.title}, ${doc.aliases.join(" ")}, ${doc.summary},
          ${doc.body}, ${toTextArray(doc.topics)}, ${doc.medium}, ${toTextArray(doc.institutionTypes)}, ${headVectorSql(doc)}, ${bodyVectorSql(doc)}, now())
        on conflict (id) do update set slug = excluded.slug, locale = excluded.locale, kind = excluded.kind,
          title = excluded.title, aliases = excluded.aliases, summary = excluded.summary, body = excluded.body,
          topics = excluded.topics, medium = excluded.medium, institution_types = excluded.institution_types,
          tsv_head = excluded.tsv_head, tsv_body = excluded.tsv_body, updated_at = now()`);
    }
    const words = [
      ...new Set(
        docs.flatMap((d) => vocabularyOf(`${d.title} ${d.aliases.join(" ")} ${d.summary} ${d.body}`)),
      ),
    ];
    for (let i = 0; i < words.length; i += 500) {
      const chunk = words.slice(i, i + 500);
      await this.db.execute(
        sql`insert into search_vocabulary (word) values ${sql.join(
          chunk.map((w) => sql`(${w})`),
          sql`, `,
        )} on conflict do nothing`,
      );
    }
  }

  async remove(ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.db.execute(
      sql`delete from search_document where id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  }

  async health(): Promise<EngineHealth> {
    try {
      await this.db.execute(sql`select 1 from search_document limit 1`);
      return { engine: "postgres", ok: true };
    } catch (error) {
      return { engine: "postgres", ok: false, error: (error as Error).message };
    }
  }

  /** Typo fallback: for words that occur nowhere in the index, the most similar words that do. */
  private async corrections(terms: ParsedTerm[]): Promise<Map<string, string[]>> {
    const candidates = terms.filter(
      (t) => !t.text.includes(" ") && t.text.length >= 4 && /\p{L}/u.test(t.text),
    );
    const found = new Map<string, string[]>();
    if (!candidates.length) return found;
    const rows = rowsOf<{ w: string; word: string | null }>(
      await this.db.execute(sql`
        select t.w, v.word
        from (values ${sql.join(
          candidates.map((c) => sql`(${c.text})`),
          sql`, `,
        )}) as t(w)
        left join lateral (
          select word from search_vocabulary
          where word % t.w and word <> t.w
          order by similarity(word, t.w) desc, word
          limit 3
        ) v on true
        -- "between" rather than "=": equality would be answered through the trigram index (slow).
        where not exists (select 1 from search_vocabulary x where x.word between t.w and t.w)`),
    );
    for (const row of rows) {
      if (!row.word) continue;
      found.set(row.w, [...(found.get(row.w) ?? []), row.word]);
    }
    return found;
  }

  async query(input: SearchQuery): Promise<SearchResult> {
    const started = performance.now();
    const query = clampQuery(input);
    const parsed = parseQuery(query.q);
    const hasText = parsed.terms.length > 0 || parsed.phrases.length > 0;
    // Documents match when they contain any of the words (and every "phrase", and no -word).
    // Ranking happens in two steps, so that long bodies are read for a few rows only:
    //  1. every match gets a cheap score from its small head vector (title, aliases, summary):
    //     how many of the words it has there, whether the body has all of them, head rank;
    //  2. the best CANDIDATES of those are re-ranked with the body's text-search rank.
    let tsquery: SQL | null = null;
    let cheap: SQL = sql`0::float8`;
    let allQuery: SQL | null = null;
    let termColumns: SQL[] = [];
    let bodyQuery: SQL | null = null;
    let allBodyQuery: SQL | null = null;
    let headCoverSql: SQL = sql`0`;
    if (hasText) {
      const corrections = await this.corrections(parsed.terms);
      const termQueries = parsed.terms.map((t) => termSql(t, corrections.get(t.text) ?? []));
      const must: SQL[] = [];
      for (const phrase of parsed.phrases) {
        must.push(
          sql`(phraseto_tsquery('dutch', unaccent(${phrase})) || phraseto_tsquery('simple', unaccent(${phrase})))`,
        );
      }
      for (const word of parsed.excluded) {
        must.push(
          sql`!!(plainto_tsquery('dutch', unaccent(${word})) || plainto_tsquery('simple', unaccent(${word})))`,
        );
      }
      // The queries are built once, in their own statement, and then sent as constants: built
      // inline, the stable functions (to_tsquery, unaccent) would run again for every row.
      const [texts] = rowsOf<Record<string, string>>(
        await this.db.execute(
          sql`select ${sql.join(
            [
              must.length ? sql`(${sql.join(must, sql` && `)})::text as m` : sql`''::text as m`,
              ...termQueries.map((tq, i) => sql`(${tq})::text as ${sql.raw(`t${i}`)}`),
            ],
            sql`, `,
          )}`,
        ),
      );
      // Each word's alternatives come back once per text-search configuration, mostly the same
      // lexemes: without the repeats the queries are a third as long (cheaper to match, rank and
      // headline).
      const termTexts = termQueries.map((_tq, i) => dedupeOr(texts?.[`t${i}`] ?? "")).filter((t) => t !== "");
      const mustPart = texts?.m ?? "";
      const join = (parts: string[], op: string) => parts.map((t) => `(${t})`).join(` ${op} `);
      const exactAny = [termTexts.length ? join(termTexts, "|") : "", mustPart].filter(Boolean);
      const exactAll = [...termTexts, mustPart].filter(Boolean);
      tsquery = sql`${exactAny.length ? join(exactAny, "&") : ""}::tsquery`;
      const all = sql`${exactAll.length ? join(exactAll, "&") : ""}::tsquery`;
      // For finding rows in the body index, word sequences ("open reel") count as all their
      // words: such a query is answered by the GIN index alone, while a phrase would make
      // PostgreSQL re-read each candidate's body vector. The exact query still ranks the top rows.
      const terms = termTexts.map(loosen);
      const anyLoose = [terms.length ? join(terms, "|") : "", mustPart].filter(Boolean);
      const allLoose = [...terms, mustPart].filter(Boolean);
      bodyQuery = sql`${anyLoose.length ? join(anyLoose, "&") : ""}::tsquery`;
      allBodyQuery = sql`${allLoose.length ? join(allLoose, "&") : ""}::tsquery`;
      termColumns = termQueries.map(
        (_tq, i) => sql`${dedupeOr(texts?.[`t${i}`] ?? "")}::tsquery as ${sql.raw(`t${i}`)}`,
      );
      const headCover = termQueries.length
        ? sql.join(
            termQueries.map((_tq, i) => sql`(d.tsv_head @@ ${sql.raw(`qq.t${i}`)})::int`),
            sql` + `,
          )
        : sql`0`;
      allQuery = all;
      headCoverSql = headCover;
      // Most matches are in the body only: the head terms are counted for head matches only.
      cheap = sql`(1.5 * (d.id in (select id from allbody))::int + coalesce(hh.cover, 0))`;
    } else if (parsed.excluded.length === 0 && query.q.trim() !== "" && !/^[\s"-]*$/.test(query.q)) {
      // Only stop words: nothing to look for.
      return this.empty(started);
    }

    const filters = (skip?: "kind" | "topic" | "medium"): SQL => {
      const parts: SQL[] = [sql`true`];
      if (query.kind && skip !== "kind") parts.push(sql`d.kind = ${query.kind}`);
      if (query.topic && skip !== "topic") parts.push(sql`${query.topic} = any(d.topics)`);
      if (query.medium && skip !== "medium") parts.push(sql`d.medium = ${query.medium}`);
      return sql.join(parts, sql` and `);
    };
    // The tsquery is written out in each place (not taken from a CTE), so that the planner can use
    // the GIN indexes; the body vector itself is only read for the top candidates.
    // Matching rows come from the two GIN indexes (head: exact query; body: see loosen), and are
    // then checked against the exact query, which reads only the small head vector for most rows.
    const match =
      tsquery && bodyQuery
        ? sql`(d.id in (select id from search_document where tsv_head @@ ${tsquery} union select id from search_document where tsv_body @@ ${bodyQuery}))`
        : sql`true`;
    // The rows found carry what ranking, filters and facets need, so the table is read once.
    const cols = sql`d.id, d.slug, d.title, d.locale, d.kind, d.topics, d.medium`;
    const headHits = tsquery
      ? sql`select ${cols}, 2 * (${headCoverSql}) as cover from search_document d cross join qq where d.tsv_head @@ ${tsquery}`
      : sql`select ${cols}, 0 as cover from search_document d where false`;
    const hits =
      tsquery && bodyQuery
        ? // "union all": a document found in both head and body comes twice, and the per-slug
          // steps below keep one; removing duplicates here would hash every row.
          sql`select id, slug, title, locale, kind, topics, medium from headhits union all select ${cols} from search_document d where d.tsv_body @@ ${bodyQuery}`
        : sql`select ${cols} from search_document d`;
    const facetSql = sql`
      select 'kind' as f, d.kind as v, count(*)::int as n from base d where ${filters("kind")} group by d.kind
      union all
      select 'topic', t, count(*)::int from base d, unnest(d.topics) t where ${filters("topic")} group by t
      union all
      select 'medium', d.medium, count(*)::int from base d where d.medium is not null and ${filters("medium")} group by d.medium`;
    const allBody =
      allQuery && allBodyQuery
        ? sql`select id from search_document where tsv_body @@ ${allBodyQuery}`
        : sql`select null::text as id where false`;
    const candidates = query.offset + query.limit + 40;
    const qq = tsquery
      ? sql`select ${sql.join([sql`${tsquery} as q`, ...termColumns], sql`, `)}`
      : sql`select null::tsquery as q`;

    // Half the corpus may match a common word; the planner then prefers a sequential scan, which
    // reads (and decompresses) every body vector. The GIN indexes find the same rows without
    // touching the bodies, so sequential scans are switched off for these statements only (and
    // merge joins, which sort thousands of text ids where a hash join does not).
    const { pageRows, total, facetRows } = await this.db.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('enable_seqscan', 'off', true), set_config('enable_mergejoin', 'off', true)`,
      );
      const pageRows = rowsOf<{
        slug: string;
        score: number;
        total: number;
        title: string;
        kind: string;
        summary: string;
        headline: string | null;
        facets: unknown;
      }>(
        await tx.execute(sql`
          with qq as materialized (${qq}),
          allbody as materialized (${allBody}),
          headhits as materialized (${headHits}),
          hits as materialized (${hits}),
          matched as (
            select distinct on (d.slug collate "C") d.slug, d.id, d.title, ${cheap} as cheap
            from hits d left join headhits hh on hh.id = d.id
            where ${filters()}
            order by d.slug collate "C", cheap desc, (d.locale = ${query.locale}) desc
          ),
          base as (
            select distinct on (d.slug collate "C") d.slug, d.kind, d.topics, d.medium
            from hits d
            order by d.slug collate "C"
          ),
          facet as (${facetSql}),
          counted as (select count(*) as total from matched),
          top as (
            select m.slug, m.title, m.cheap ${tsquery ? sql`+ ts_rank_cd(${WEIGHTS}, d.tsv_head, qq.q, 1) + ts_rank_cd(${WEIGHTS}, d.tsv_body, qq.q, 1)` : sql``} as score
            from (select * from matched order by cheap desc, lower(title), slug limit ${candidates}) m
            join search_document d on d.id = m.id cross join qq
          ),
          page as (
            select t.slug, t.title, t.score from top t order by t.score desc, lower(t.title), t.slug
            limit ${query.limit} offset ${query.offset}
          )
          select p.slug, p.score::float8 as score, (select total from counted)::int as total, disp.title, disp.kind, disp.summary,
            (select coalesce(json_agg(json_build_array(f, v, n)), '[]'::json) from facet) as facets,
            ${tsquery ? sql`ts_headline('dutch', left(disp.body, 4000), qq.q, ${HEADLINE_OPTIONS})` : sql`null`} as headline
          from page p cross join qq
          join lateral (
            select * from search_document x where x.slug = p.slug order by (x.locale = ${query.locale}) desc limit 1
          ) disp on true
          order by p.score desc, lower(p.title), p.slug`),
      );

      let total = pageRows[0]?.total ?? 0;
      if (!pageRows.length && query.offset > 0) {
        const counted = rowsOf<{ n: number }>(
          await tx.execute(sql`
            select count(distinct d.slug)::int as n from search_document d where ${match} and ${filters()}`),
        );
        total = counted[0]?.n ?? 0;
      }

      // The facets come with the page; only an empty page needs them counted on their own.
      const facetRows: [string, string, number][] = pageRows.length
        ? parseFacets(pageRows[0]?.facets)
        : rowsOf<{ f: string; v: string; n: number }>(
            await tx.execute(sql`
              with base as (
                select distinct on (d.slug collate "C") d.slug, d.kind, d.topics, d.medium
                from search_document d where ${match}
                order by d.slug collate "C"
              )
              ${facetSql}`),
          ).map((r) => [r.f, r.v, r.n]);
      return { pageRows, total, facetRows };
    });
    const facets: SearchFacets = { kind: {}, topic: {}, medium: {} };
    for (const [f, v, n] of facetRows) (facets[f as keyof SearchFacets] as Record<string, number>)[v] = n;

    return {
      hits: pageRows.map((r) => ({
        slug: r.slug,
        title: r.title,
        kind: r.kind,
        summary: r.summary,
        snippet: r.headline ? markedSnippet(r.headline) : markedSnippet(r.summary),
        score: Math.round(Number(r.score) * 10_000) / 10_000,
      })),
      facets,
      total,
      engine: "postgres",
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  private empty(started: number): SearchResult {
    return {
      hits: [],
      facets: { kind: {}, topic: {}, medium: {} },
      total: 0,
      engine: "postgres",
      tookMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }
}

function toTextArray(values: string[]): SQL {
  if (!values.length) return sql`'{}'::text[]`;
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

/** A tsquery's text with its phrase operators (<->, <N>) made into AND: same words, any order. */
export function loosen(tsquery: string): string {
  return tsquery.replace(/<(?:\d+|-)>/g, "&");
}

/** Facet rows sent as a JSON array of [facet, value, count] (a string on drivers that don't parse JSON). */
function parseFacets(value: unknown): [string, string, number][] {
  const rows = typeof value === "string" ? JSON.parse(value) : value;
  return Array.isArray(rows)
    ? (rows as [string, string, number][]).map(([f, v, n]) => [f, v, Number(n)])
    : [];
}

/** A flat OR of tsquery items ('a' | 'b' <-> 'c' | 'a') without repeats; anything nested is kept as is. */
export function dedupeOr(tsquery: string): string {
  if (tsquery.includes("(") || tsquery.includes(")")) return tsquery;
  const items = tsquery
    .split(" | ")
    .map((item) => item.trim())
    .filter(Boolean);
  return [...new Set(items)].join(" | ");
}
