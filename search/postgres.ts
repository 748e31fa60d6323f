import { type SQL, sql } from "drizzle-orm";
import { type DB, rowsOf } from "#db/client.server.ts";
import { type Decompounder, dutchDecompounder } from "./decompound.ts";
import { byScore, type DocRow, DocTable, type Matched, type Numbers } from "./doc-table.ts";
import { type ParsedQuery, type ParsedTerm, parseQuery, prefixToken, stopwords } from "./query-parser.ts";
import { type CompiledQuery, compileQuery, parseVector, type RankVector, rankCd } from "./rank-cd.ts";
import { fold, lexemesOf, windowFinder } from "./snippet-window.ts";
import { normaliseTerm } from "./synonyms.ts";
import { HEADLINE_MARKERS, markedSnippet, withEllipses } from "./text.ts";
import {
  clampQuery,
  type EngineHealth,
  type SearchDocument,
  type SearchEngine,
  type SearchLocale,
  type SearchQuery,
  type SearchResult,
} from "./types.ts";

// Weights for ts_rank_cd, in the order D, C, B, A: title and aliases above summary above body.
const WEIGHT_VALUES = [0.05, 0.2, 0.5, 1.0];
const WEIGHTS = sql.raw(`'{${WEIGHT_VALUES.join(", ")}}'`);
/**
 * With compounds in a query, what a document that has the word itself (not only its parts) gets
 * on top of its rank: less than a word in the title (2), more than any text rank in practice.
 */
const WHOLE_WORD = 1;
const WHOLE_WORD_BONUS = sql.raw(String(WHOLE_WORD));
/**
 * How many lexemes of documents' vectors the engine keeps for ranking (see rankHere): 57 bytes
 * each as parsed on the seed, plus the text that a long lexeme is a slice of, so at most about
 * 40 MB. The seed's 462 documents have 87,781.
 */
const VECTOR_ENTRIES = 500_000;
/**
 * After how many searches with a document among the candidates its vectors are read (see
 * noteCandidates): a search and the same search typed further (`umat`, `umatic`) are two, and
 * reading on every second sighting made the first round over 10,000 articles slower.
 */
const SIGHTINGS = 3;
/**
 * How many candidates beyond the page are ranked with ts_rank_cd (the best by cheap score, then
 * title). Ranking costs PostgreSQL about 0.07 ms per candidate, three times that with compounds in
 * the query; 5 instead of 20 changed nothing in the relevance set (docs/benchmarks.md).
 */
const RANK_EXTRA = 5;
/**
 * How much text around the best place ts_headline is given (characters). It parses and stems
 * all of it, about 0.1 ms per 700 characters; a headline is at most two fragments of 30 words
 * (about 400 characters), so 450 leaves room and costs PostgreSQL a third less than 700 did
 * (docs/benchmarks.md). Where no word of the query is in the body, the start of the body.
 */
const HEADLINE_WINDOW = 450;
const HEADLINE_OPTIONS = `StartSel=${HEADLINE_MARKERS.start}, StopSel=${HEADLINE_MARKERS.stop}, MaxWords=30, MinWords=14, MaxFragments=2, FragmentDelimiter="${HEADLINE_MARKERS.fragments}"`;

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

/**
 * The body vector: Dutch (C), English for English documents (C), exact words (D), and for Dutch
 * documents the parts of the compounds in the whole document (D, Dutch stems: "geluidsbanden"
 * adds "geluid" and "band"), so that a part ranks below the word itself (decision 011).
 */
function bodyVectorSql(doc: SearchDocument, compoundParts: string): SQL {
  const english = doc.locale === "en";
  return sql`
    setweight(to_tsvector('dutch', unaccent(${doc.body})), 'C') ||
    ${english ? sql`setweight(to_tsvector('english', unaccent(${doc.body})), 'C') ||` : sql``}
    ${compoundParts ? sql`setweight(to_tsvector('dutch', ${compoundParts}), 'D') ||` : sql``}
    setweight(to_tsvector('simple', unaccent(${doc.body})), 'D')`;
}

/** The parts of the compounds in a Dutch document (title, aliases, summary, body); "" for English. */
export function compoundPartsOf(doc: SearchDocument, decompounder: Decompounder): string {
  if (doc.locale !== "nl") return "";
  return decompounder.partsOfText(`${doc.title} ${doc.aliases.join(" ")} ${doc.summary} ${doc.body}`);
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
  const text = literal(alt);
  return sql`(${fn}('dutch', unaccent(${text})) || ${fn}('simple', unaccent(${text})) || ${fn}('english', unaccent(${text})))`;
}

/**
 * One word of the query: any of its alternatives (synonyms, typo corrections), as a prefix while
 * being typed, and for a Dutch compound all of its parts ("geluidsbanden": geluid & band).
 */
function termSql(term: ParsedTerm, corrections: string[], compound: string[] | null): SQL {
  const parts = [...new Set([...term.alternatives, ...corrections])].map(alternativeSql);
  if (compound) parts.push(sql`plainto_tsquery('dutch', ${literal(compound.join(" "))})`);
  const token = term.prefix ? prefixToken(term.text) : null;
  if (token) parts.push(sql`to_tsquery('simple', ${literal(`${token}:*`)})`);
  return sql`(${sql.join(parts, sql` || `)})`;
}

/** What a hit shows of a document. */
interface ShownRow {
  slug: string;
  locale: string;
  title: string;
  kind: string;
  summary: string;
  body: string | null;
}

export interface IndexState {
  version: number;
  epoch: string;
}

/** The tsquery texts of one search (see queryTexts). */
interface QueryTexts {
  /** Any of the words (each with its alternatives), and every phrase, and no excluded word. */
  exact: string;
  /**
   * As exact, without the compounds' parts. With compounds in the query, candidates are ranked by
   * exact plus parts, and a document that matches whole gets WHOLE_WORD_BONUS and its rank on top.
   */
  whole: string;
  /**
   * Any part of any compound in the query (null: none). Ranks below the whole words, so that of
   * the documents with all the parts, those where the parts are in the title or occur often come
   * first ("nitraatfilmopslag": the nitrate film guide); and marks the parts in the snippets.
   */
  parts: string | null;
  /** Each word with its alternatives. */
  terms: string[];
  /** As exact, with phrases loosened for the body index. */
  bodyAny: string;
  /** All of the words (loosened); null when that is the same as bodyAny. */
  bodyAll: string | null;
  /** Each word (loosened), when the body is to be matched word by word; see queryTexts. */
  bodyTerms: string[] | null;
  /** The query with the words found nowhere replaced by the most similar word (see suggestion). */
  suggestion: string | null;
}

export class PostgresEngine implements SearchEngine {
  readonly name = "postgres" as const;
  /** What each document number stands for (search/doc-table.ts). */
  private table = new DocTable();
  private epoch: string | null = null;
  /** The index's version as last read by a search of this engine (see query). */
  private seen: IndexState | null = null;
  /** tsquery texts built before, by query part: the dictionaries do not change while running. */
  private readonly builtQueries = new Map<string, string>();
  /** Body (b:) and head (h:) matches per word (loosened tsquery text), for one version of the index. */
  private termMatches: { version: string; lists: Map<string, Int32Array> } = {
    version: "",
    lists: new Map(),
  };
  /**
   * Bodies of documents shown lately, by number (a number's body never changes; see DocTable):
   * the ranking statement then does not send them again. A page of 20 guides is 100-150 kB of
   * text, which cost PostgreSQL and Node more than the rest of the statement (docs/benchmarks.md).
   */
  private readonly bodies = new Map<number, KeptBody>();
  private bodyChars = 0;
  /** Words known to be in the vocabulary (search_vocabulary only grows). */
  private readonly knownWords = new Set<string>();
  /**
   * Head and body vectors of documents, by number, for ranking here (see rankHere); like a body,
   * a number's vectors never change. Read in the background once a document has been a candidate
   * SIGHTINGS times (`candidateSeen`, then `vectorsDue`), one read at a time (`reading`).
   */
  private readonly vectors = new Map<number, { head: RankVector; body: RankVector }>();
  private vectorEntries = 0;
  private readonly candidateSeen = new Map<number, number>();
  private readonly vectorsDue = new Set<number>();
  private reading: Promise<void> | null = null;
  /** How many searches ranked their candidates here, and how many asked PostgreSQL. */
  readonly ranked = { here: 0, byDatabase: 0 };
  /** tsquery texts as compiled for ranking here; null: ranked by PostgreSQL (NOT, AND/OR in a phrase). */
  private readonly rankQueries = new Map<string, CompiledQuery | null>();
  /**
   * The typo fallback's answers for words found nowhere in the index (see correctionLookup), by
   * word, for one version of the index ("version:epoch"): the vocabulary changes only with the
   * index, so a typo such as "umatik" is not looked up again (a trigram search, about 1 ms of
   * PostgreSQL) until the index changes.
   */
  private typos: { version: string; rows: Map<string, CorrectionRow[]> } = { version: "", rows: new Map() };
  constructor(
    private readonly db: DB,
    /** Candidates ranked beyond the page (see RANK_EXTRA; other values for comparisons). */
    private readonly rankExtra = RANK_EXTRA,
    /** Whether candidates may be ranked here rather than by PostgreSQL (false for comparisons). */
    private readonly rankInProcess = true,
  ) {}

  async index(docs: SearchDocument[]): Promise<void> {
    if (!docs.length) return;
    // search_state first: every writer takes that row before any document row, so two writers
    // (a publish and a rebuild) wait for each other instead of deadlocking. (remove does the same.)
    await this.bump();
    const decompounder = await dutchDecompounder();
    const partsOf = new Map(docs.map((d) => [d.id, compoundPartsOf(d, decompounder)]));
    for (const doc of docs) {
      // A new number on every change (n = default): see DocTable.
      await this.db.execute(sql`
        with doc as (
          insert into search_document (id, slug, locale, kind, title, aliases, summary, body, topics, medium, institution_types, updated_at)
          values (${doc.id}, ${doc.slug}, ${doc.locale}, ${doc.kind}, ${doc.title}, ${doc.aliases.join(" ")}, ${doc.summary},
            ${doc.body}, ${toTextArray(doc.topics)}, ${doc.medium}, ${toTextArray(doc.institutionTypes)}, now())
          on conflict (id) do update set slug = excluded.slug, locale = excluded.locale, kind = excluded.kind,
            title = excluded.title, aliases = excluded.aliases, summary = excluded.summary, body = excluded.body,
            topics = excluded.topics, medium = excluded.medium, institution_types = excluded.institution_types,
            updated_at = now(), n = default
          returning id, n
        ),
        head as (
          insert into search_head (id, n, tsv) select id, n, ${headVectorSql(doc)} from doc
          on conflict (id) do update set n = excluded.n, tsv = excluded.tsv
        )
        insert into search_body (id, n, tsv) select id, n, ${bodyVectorSql(doc, partsOf.get(doc.id) ?? "")} from doc
        on conflict (id) do update set n = excluded.n, tsv = excluded.tsv`);
    }
    // And again after: a caller without a transaction then cannot remember results under a
    // version whose documents it did not see yet.
    await this.bump();
    const words = [
      ...new Set(
        docs.flatMap((d) =>
          vocabularyOf(`${d.title} ${d.aliases.join(" ")} ${d.summary} ${d.body} ${partsOf.get(d.id) ?? ""}`),
        ),
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
    await this.bump();
    await this.db.execute(
      sql`delete from search_document where id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
    await this.bump();
  }

  /** Marks the index as changed, in the caller's transaction (see searchState). */
  private async bump(): Promise<void> {
    await this.db.execute(sql`
      insert into search_state (id, version) values (1, 1)
      on conflict (id) do update set version = search_state.version + 1`);
  }

  /** The index's version and epoch: results remembered under them are still right. */
  async state(): Promise<IndexState> {
    const [row] = rowsOf<{ version: number | string; epoch: string }>(
      await this.db.execute(sql`select version, epoch from search_state where id = 1`),
    );
    return { version: Number(row?.version ?? 0), epoch: row?.epoch ?? "" };
  }

  /**
   * Keeps a shown document's body, up to about 4 million characters in all (oldest out first); the
   * folded copy a search may add (see query) takes as many again.
   */
  private rememberBody(n: number, slug: string, locale: string, body: string): void {
    if (this.bodies.has(n) || body.length > 200_000) return;
    this.bodies.set(n, { slug, locale, body });
    this.bodyChars += body.length;
    for (const [old, doc] of this.bodies) {
      if (this.bodyChars <= 4_000_000) break;
      this.bodies.delete(old);
      this.bodyChars -= doc.body.length;
    }
  }

  /** The index's version and epoch as "version:epoch". */
  private async version(): Promise<string> {
    return versionKey(await this.state());
  }

  /** Whether matching these texts needs no statement at this version (every list remembered). */
  private remembersLists(texts: QueryTexts | null, state: IndexState): boolean {
    const lists = this.termMatches.lists;
    if (!texts?.bodyTerms || this.termMatches.version !== versionKey(state) || lists.size > 400) return false;
    return texts.bodyTerms.every((t) => lists.has(`b:${t}`) && lists.has(`h:${t}`));
  }

  /** After a truncated or restored index, document numbers and known words start over. */
  private sync(state: IndexState): void {
    if (state.epoch === this.epoch) return;
    this.epoch = state.epoch;
    this.table = new DocTable();
    this.knownWords.clear();
    this.bodies.clear();
    this.bodyChars = 0;
    this.vectors.clear();
    this.vectorEntries = 0;
    this.candidateSeen.clear();
    this.vectorsDue.clear();
  }

  async health(): Promise<EngineHealth> {
    try {
      await this.db.execute(sql`select 1 from search_document limit 1`);
      return { engine: "postgres", ok: true };
    } catch (error) {
      return { engine: "postgres", ok: false, error: (error as Error).message };
    }
  }

  /**
   * Typo fallback, first half: the words of the query that may occur nowhere in the index (not
   * known to be in it from an earlier search), and the SQL that finds, for those that do not, the
   * most similar words that do (a JSON array of [word, similar word or null, begins a known word]).
   * When every such word was looked up before at version `at` of the index, no SQL: the answers
   * remembered then (`remembered`).
   */
  private correctionLookup(
    terms: ParsedTerm[],
    at: IndexState | null | undefined,
  ): { unknown: ParsedTerm[]; sql: SQL | null; remembered: CorrectionRow[] | null } {
    // Compounds too: "laserdisk" is laser + disk, and a typo for "laserdisc".
    const unknown = terms.filter(
      (t) =>
        !t.text.includes(" ") && t.text.length >= 4 && /\p{L}/u.test(t.text) && !this.knownWords.has(t.text),
    );
    if (!unknown.length) return { unknown, sql: null, remembered: null };
    const typos = this.typos;
    if (at && typos.version === versionKey(at) && unknown.every((t) => typos.rows.has(t.text))) {
      return { unknown, sql: null, remembered: unknown.flatMap((t) => typos.rows.get(t.text) ?? []) };
    }
    const typing = unknown.filter((t) => t.prefix);
    const begins = typing.length
      ? sql`case u.w ${sql.join(
          typing.map(
            (t) =>
              sql`when ${literal(t.text)} then exists (select 1 from search_vocabulary x where x.word like ${literal(
                `${t.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
              )})`,
          ),
          sql` `,
        )} else false end`
      : sql`false`;
    return {
      unknown,
      remembered: null,
      sql: sql`
        -- Known words first ("between" rather than "=": equality would be answered through the
        -- trigram index, slowly); the similarity search runs for unknown words only, and not for
        -- a word still being typed that begins a known word (the prefix finds that word already).
        with unknown as materialized (
          select t.w, t.typing from (values ${sql.join(
            unknown.map((c) => sql`(${literal(c.text)}, ${c.prefix ? sql`true` : sql`false`})`),
            sql`, `,
          )}) as t(w, typing)
          where not exists (select 1 from search_vocabulary x where x.word between t.w and t.w)
        ),
        -- Whether a word being typed begins a known word: a constant pattern per word, which the
        -- trigram index answers (a pattern made from a column made it read the whole table).
        checked as materialized (
          select u.w, u.typing, ${begins} as begins
          from unknown u
        )
        select coalesce(json_agg(json_build_array(c.w, v.word, c.begins)), '[]'::json)
        from checked c
        left join lateral (
          select word from search_vocabulary
          where not (c.typing and c.begins) and word % c.w and word <> c.w
          order by similarity(word, c.w) desc, word
          limit 3
        ) v on true`,
    };
  }

  /**
   * Typo fallback, second half: for words that occur nowhere in the index, the most similar words
   * that do (`fixes`, searched for too), and of those the ones to suggest: not for a word still
   * being typed that begins a word in the index ("plakk" for "plakkerige").
   */
  private corrections(
    unknown: ParsedTerm[],
    rows: CorrectionRow[],
    compounds: ReadonlyMap<string, string[]>,
  ): { fixes: Map<string, string[]>; suggested: Map<string, string[]> } {
    const fixes = new Map<string, string[]>();
    const suggested = new Map<string, string[]>();
    if (!unknown.length) return { fixes, suggested };
    const typing = new Set(unknown.filter((t) => t.prefix).map((t) => t.text));
    for (const [w, word, begins] of rows) {
      if (!word) continue;
      // A compound is searched for as its parts; a word that is only similar to one of them
      // ("geluid" for "geluidsbanden", "magneetband" for "magneetbandschimmel") is neither searched
      // for nor offered, a typo of the whole word is ("laserdisc" for "laserdisk": laser + disk).
      if (compounds.has(w) && Math.abs(word.length - w.length) > 2) continue;
      fixes.set(w, [...(fixes.get(w) ?? []), word]);
      if (!(typing.has(w) && begins)) suggested.set(w, fixes.get(w)!);
    }
    // Words in the vocabulary stay there (it only grows), so they need not be looked up again.
    const returned = new Set(rows.map((r) => r[0]));
    if (this.knownWords.size > 50_000) this.knownWords.clear();
    for (const t of unknown) if (!returned.has(t.text)) this.knownWords.add(t.text);
    return { fixes, suggested };
  }

  async query(input: SearchQuery, known?: IndexState): Promise<SearchResult> {
    const started = performance.now();
    const query = clampQuery(input);
    const parsed = parseQuery(query.q);
    const hasText = parsed.terms.length > 0 || parsed.phrases.length > 0;
    let texts: QueryTexts | null = null;
    // The index's version comes with the first statement of the search (see queryTexts), unless
    // the caller read it already, or nothing else is to be asked before ranking: then the last
    // version seen is assumed, and the ranking statement reads the version with the ranks.
    let read: IndexState | null = null;
    let assumed = false;
    if (hasText) {
      ({ texts, state: read, assumed } = await this.queryTexts(parsed, query.q, query.locale, known));
    } else if (parsed.excluded.length === 0 && query.q.trim() !== "" && !/^[\s"-]*$/.test(query.q)) {
      // Only stop words: nothing to look for.
      return this.empty(started);
    }
    // Assumed only when matching needs no statement either: lists read at another version than the
    // one they are remembered under could not be told apart later.
    if (assumed && !(read && this.remembersLists(texts, read))) {
      read = null;
      assumed = false;
    }
    const state = known ?? read ?? (await this.state());
    if (!known && !assumed) this.seen = state;
    this.sync(state);
    /** Whether the assumed version was the index's version when the search read it (see above). */
    const stillSeen = (version: unknown): boolean => {
      if (version === versionKey(state)) return true;
      this.seen = null;
      return false;
    };
    const again = () => this.query(input, known);

    // 1. Which document versions match, as numbers, straight from the GIN indexes.
    const matched = await this.matching(texts, state);
    // 2. Per article: the best-scoring version that passes the filters, the total, the facets and
    //    the best candidates by a cheap score, from what the engine keeps in memory.
    const table = this.table;
    await this.learn(table, matched.headNs, matched.bodyNs);
    const { total, facets, candidates } = table.aggregate(
      matched,
      { kind: query.kind, topic: query.topic, medium: query.medium, locale: query.locale },
      query.offset + query.limit + this.rankExtra,
    );

    // 3. The candidates are ranked with ts_rank_cd on head and body, and 4. what is shown (each
    //    article in the searcher's language where it has one) is read for the page they make, in
    //    the same statement: score = cheap + rank; on a tie guides before sources, then title
    //    order (as byScore).
    let page: { slug: string; score: number }[];
    let shown: (ShownRow & { h?: string | null })[];
    // The tsquery the snippets mark, and what ts_headline is given of a body (snippetSources).
    const marked = texts ? (texts.parts ? `(${texts.exact}) | (${texts.parts})` : texts.exact) : "";
    const snippetSource = texts ? snippetSources(texts, marked) : null;
    if (texts && snippetSource && candidates.length) {
      const ns = intArray(candidates.map((c) => c.n));
      // The bodies already known of the candidates' articles (any language), kept for this search.
      const slugs = new Set(candidates.map((c) => c.slug));
      const known = new Map<number, KeptBody>();
      for (const [n, doc] of this.bodies) if (slugs.has(doc.slug)) known.set(n, doc);
      const here = this.rankHere(texts, candidates);
      if (here) this.ranked.here++;
      else {
        this.ranked.byDatabase++;
        this.noteCandidates(candidates);
      }
      const version = assumed
        ? sql`, (select version::text || ':' || epoch from search_state where id = 1) as v`
        : sql``;
      const bodySql = known.size
        ? sql`case when d.n = any(${intArray([...known.keys()])}) then null else d.body end`
        : sql`d.body`;
      // What is shown of each article: in the searcher's language where it has one.
      const shownSql = sql`cross join lateral (
            select n, slug, locale, title, kind, summary, body from search_document d
            where d.slug = p.slug order by (d.locale = ${literal(query.locale)}) desc limit 1
          ) d`;
      let statement: SQL;
      if (here) {
        // Ranked here, to the same float4s (see rankHere), and put in order as the statement below
        // would (score, then title order); the snippets come with the page in the same statement,
        // from the bodies known (see snippetSource), as in the second statement below.
        const ranked = candidates
          .map((c, i) => ({ ...c, score: c.cheap + here[i]! }))
          .sort(byScore)
          .slice(query.offset, query.offset + query.limit);
        const onPage = new Set(ranked.map((r) => r.slug));
        const sources = [...known]
          .filter(([, doc]) => onPage.has(doc.slug))
          .map(([n, doc]) => {
            // The body in lower case without accents, as the window finder reads it, kept with it.
            doc.folded ??= fold(doc.body);
            return { n, ...snippetSource(doc.body, doc.locale, doc.folded) };
          });
        statement = sql`
          with p as (
            select * from unnest(${textArray(ranked.map((r) => r.slug))}, ${floatArray(ranked.map((r) => r.score))})
              with ordinality as p(slug, score, i)
          ),
          w as (
            select * from unnest(${intArray(sources.map((w) => w.n))}, ${textArray(sources.map((w) => w.text))},
              ${textArray(sources.map((w) => w.config))}) as w(n, text, config)
          )
          select p.score, d.n, d.slug, d.locale, d.title, d.kind, d.summary, ${bodySql} as body,
            (select ${headlineSql(sql`w.config`, sql`w.text`, marked)} from w where w.n = d.n) as h${version}
          from p ${shownSql}
          order by p.i`;
      } else {
        const rankBoth = (query: string) =>
          sql`(ts_rank_cd(${WEIGHTS}, h.tsv, ${literal(query)}::tsquery, 1) + ts_rank_cd(${WEIGHTS}, b.tsv, ${literal(query)}::tsquery, 1))`;
        const from = sql`from search_head h join search_body b on b.n = h.n
          where h.n = any(${ns}) and b.n = any(${ns})`;
        const ranks = texts.parts
          ? // With compounds: a document with the word itself ranks above those with its parts.
            // (offset 0 keeps the inner select apart: merged into the outer one, PostgreSQL would
            // rank the whole words twice, once for the test and once for the sum.)
            sql`select n, (e + p + case when w > 0 then ${WHOLE_WORD_BONUS} + w else 0 end)::float8 as r
              from (select h.n, ${rankBoth(texts.exact)} as e, ${rankBoth(texts.whole)} as w,
                ${rankBoth(texts.parts)} as p ${from} offset 0) y`
          : sql`select h.n, ${rankBoth(texts.exact)}::float8 as r ${from}`;
        statement = sql`
          with c as (
            select * from unnest(${ns}, ${floatArray(candidates.map((c) => c.cheap))},
              ${intArray(candidates.map((c) => c.order))}, ${textArray(candidates.map((c) => c.slug))})
              as c(n, cheap, ord, slug)
          ),
          x as (${ranks}),
          p as (
            select c.slug, c.ord, c.cheap + coalesce(x.r, 0) as score from c left join x on x.n = c.n
            order by score desc, c.ord offset ${integer(query.offset)} limit ${integer(query.limit)}
          )
          select p.score, d.n, d.slug, d.locale, d.title, d.kind, d.summary, ${bodySql} as body${version}
          from p ${shownSql}
          order by p.score desc, p.ord`;
      }
      const rows = rowsOf<ShownRow & { n: number; score: number | string; v?: string }>(
        await this.db.execute(statement),
      );
      if (assumed && !stillSeen(rows.length ? rows[0]!.v : await this.version())) return again();
      page = rows.map((r) => ({ slug: r.slug, score: Number(r.score) }));
      for (const row of rows) {
        if (row.body === null) row.body = known.get(row.n)?.body ?? null;
        else this.rememberBody(row.n, row.slug, row.locale, row.body);
      }
      shown = rows;
    } else {
      if (assumed && !stillSeen(await this.version())) return again();
      page = candidates.sort(byScore).slice(query.offset, query.offset + query.limit);
      shown = page.length
        ? rowsOf<ShownRow>(
            await this.db.execute(sql`
              select distinct on (slug) slug, locale, title, kind, summary, ${texts ? sql`body` : sql`null::text as body`}
              from search_document where slug in (${sql.join(
                page.map((p) => literal(p.slug)),
                sql`, `,
              )})
              order by slug, (locale = ${literal(query.locale)}) desc`),
          )
        : [];
    }
    const bySlug = new Map(shown.map((s) => [s.slug, s]));
    // The snippets that did not come with the page: in a statement of their own.
    const headlines = page.map((p) => bySlug.get(p.slug)?.h ?? undefined);
    const missing = snippetSource
      ? page.flatMap((p, i) => (headlines[i] === undefined && bySlug.has(p.slug) ? [i] : []))
      : [];
    if (snippetSource && missing.length) {
      const sources = missing.map((i) => {
        const doc = bySlug.get(page[i]!.slug)!;
        return snippetSource(doc.body ?? "", doc.locale);
      });
      const rows = rowsOf<{ h: string; i: number }>(
        await this.db.execute(sql`
          select ${headlineSql(sql`c`, sql`w`, marked)} as h, i::int as i
          from unnest(${textArray(sources.map((w) => w.text))}, ${textArray(sources.map((w) => w.config))})
            with ordinality as t(w, c, i)`),
      );
      for (const row of rows) headlines[missing[Number(row.i) - 1]!] = row.h;
    }

    return {
      hits: page.flatMap((p, i) => {
        const doc = bySlug.get(p.slug);
        if (!doc) return []; // removed between the statements
        const headline = headlines[i];
        return [
          {
            slug: doc.slug,
            locale: doc.locale,
            title: doc.title,
            kind: doc.kind,
            summary: doc.summary,
            snippet: markedSnippet(headline ? withEllipses(headline, doc.body ?? "") : doc.summary),
            score: Math.round(p.score * 10_000) / 10_000,
          },
        ];
      }),
      facets,
      total,
      engine: "postgres",
      tookMs: Math.round((performance.now() - started) * 10) / 10,
      ...(texts?.suggestion ? { suggestion: texts.suggestion } : {}),
    };
  }

  /**
   * The candidates' text ranks computed here, in the candidates' order, exactly as the ranking
   * statement would (ts_rank_cd on head and body, summed as float4; with compounds the whole-word
   * bonus in float8): null when a candidate's vectors are not known yet, or the query has NOT or
   * a phrase (rank-cd.ts ranks words, AND and OR only).
   */
  private rankHere(texts: QueryTexts, candidates: { n: number }[]): number[] | null {
    if (!this.rankInProcess) return null;
    const parsed = (text: string) => {
      if (!this.rankQueries.has(text)) {
        if (this.rankQueries.size > 10_000) this.rankQueries.clear();
        this.rankQueries.set(text, compileQuery(text));
      }
      return this.rankQueries.get(text) ?? null;
    };
    const exact = parsed(texts.exact);
    const whole = texts.parts ? parsed(texts.whole) : null;
    const parts = texts.parts ? parsed(texts.parts) : null;
    if (!exact || (texts.parts && !(whole && parts))) return null;
    const vectors = candidates.map((c) => this.vectors.get(c.n));
    if (vectors.some((v) => !v)) return null;
    const both = (v: { head: RankVector; body: RankVector }, q: CompiledQuery) =>
      Math.fround(rankCd(WEIGHT_VALUES, v.head, q) + rankCd(WEIGHT_VALUES, v.body, q));
    return vectors.map((v) => {
      const e = both(v!, exact);
      if (!whole || !parts) return e;
      const w = both(v!, whole);
      return Math.fround(e + both(v!, parts)) + (w > 0 ? WHOLE_WORD + w : 0);
    });
  }

  /**
   * Counts the candidates ranked by PostgreSQL; reads the vectors of those seen SIGHTINGS times, in the
   * background (a search does not wait for it; one read at a time).
   */
  private noteCandidates(candidates: { n: number }[]): void {
    if (!this.rankInProcess) return;
    if (this.candidateSeen.size > 50_000) this.candidateSeen.clear();
    for (const { n } of candidates) {
      if (this.vectors.has(n)) continue;
      const seen = (this.candidateSeen.get(n) ?? 0) + 1;
      if (seen < SIGHTINGS) this.candidateSeen.set(n, seen);
      else {
        this.candidateSeen.delete(n);
        this.vectorsDue.add(n);
      }
    }
    if (this.vectorsDue.size && !this.reading) {
      this.reading = this.readVectors().finally(() => {
        this.reading = null;
      });
    }
  }

  private async readVectors(): Promise<void> {
    try {
      while (this.vectorsDue.size) {
        // A few at a time: parsing them holds up the searches waiting for this process.
        const ns: number[] = [];
        // (noteCandidates makes only unknown numbers due; one read twice is kept once, see rememberVectors.)
        for (const n of this.vectorsDue) {
          this.vectorsDue.delete(n);
          ns.push(n);
          if (ns.length === 25) break;
        }
        const epoch = this.epoch;
        const rows = rowsOf<{ n: number; head: string; body: string }>(
          await this.db.execute(sql`
            select h.n, h.tsv::text as head, b.tsv::text as body
            from search_head h join search_body b on b.n = h.n
            where h.n = any(${intArray(ns)}) and b.n = any(${intArray(ns)})`),
        );
        if (epoch !== this.epoch) return; // a truncated or restored index: numbers start over
        for (const row of rows)
          this.rememberVectors(Number(row.n), parseVector(row.head), parseVector(row.body));
      }
    } catch {
      // Not read (the database went away, say): PostgreSQL goes on ranking those candidates.
    }
  }

  /** Keeps a document's vectors, up to VECTOR_ENTRIES lexemes in all (oldest out first). */
  private rememberVectors(n: number, head: RankVector, body: RankVector): void {
    if (this.vectors.has(n)) return;
    this.vectors.set(n, { head, body });
    this.vectorEntries += head.lexemes.length + body.lexemes.length;
    for (const [old, v] of this.vectors) {
      if (this.vectorEntries <= VECTOR_ENTRIES) break;
      this.vectors.delete(old);
      this.vectorEntries -= v.head.lexemes.length + v.body.lexemes.length;
    }
  }

  /** Resolves when the vectors being read in the background are in (for tests and benchmarks). */
  async vectorsRead(): Promise<void> {
    while (this.reading) await this.reading;
  }

  /**
   * The tsquery texts for a parsed query, built once in their own statement and then sent as
   * constants: built inline, the stable functions (to_tsquery, unaccent) would run for every row.
   */
  private async queryTexts(
    parsed: ParsedQuery,
    q: string,
    locale: SearchLocale,
    given: IndexState | undefined,
  ): Promise<{ texts: QueryTexts; state: IndexState | null; assumed: boolean }> {
    let known = given;
    let assumed = false;
    // Dutch compounds in a Dutch search: each also matches as all of its parts. Not in an English
    // search, where the documents' compounds are not split either (decision 011).
    const compounds = new Map<string, string[]>();
    if (locale === "nl") {
      const decompounder = await dutchDecompounder();
      for (const t of parsed.terms) {
        const compound = t.text.includes(" ") ? null : decompounder.split(t.text);
        if (compound) compounds.set(t.text, compound.leaves);
      }
    }
    const termCount = parsed.terms.length;
    const hasMust = parsed.phrases.length + parsed.excluded.length > 0;
    const mustAt = hasMust ? termCount : -1;
    const compoundTerms = parsed.terms.filter((t) => compounds.has(t.text));
    const leaves = [...new Set([...compounds.values()].flat())].sort();
    // Each part of the query as SQL, with a key; parts built before are taken from memory.
    const partsFor = (corrections: ReadonlyMap<string, string[]>) => {
      // Without phrases or excluded words each word is looked up on its own (see matching): the
      // first statement does that too, for the words it builds.
      const parts: { key: string; sql: SQL; lookup?: boolean }[] = parsed.terms.map((t) => {
        const fixes = corrections.get(t.text) ?? [];
        const compound = compounds.get(t.text) ?? null;
        return {
          key: JSON.stringify(["t", t.alternatives, fixes, t.prefix, compound]),
          sql: termSql(t, fixes, compound),
          lookup: !hasMust,
        };
      });
      if (hasMust) {
        const must: SQL[] = [];
        for (const phrase of parsed.phrases) {
          must.push(
            sql`(phraseto_tsquery('dutch', unaccent(${literal(phrase)})) || phraseto_tsquery('simple', unaccent(${literal(phrase)})))`,
          );
        }
        for (const word of parsed.excluded) {
          must.push(
            sql`!!(plainto_tsquery('dutch', unaccent(${literal(word)})) || plainto_tsquery('simple', unaccent(${literal(word)})))`,
          );
        }
        parts.push({
          key: JSON.stringify(["m", parsed.phrases, parsed.excluded]),
          sql: sql.join(must, sql` && `),
        });
      }
      // For ranking (see QueryTexts.whole and parts): each word without its compound parts, and
      // any part of any compound.
      for (const t of compoundTerms) {
        const fixes = corrections.get(t.text) ?? [];
        parts.push({
          key: JSON.stringify(["t", t.alternatives, fixes, t.prefix, null]),
          sql: termSql(t, fixes, null),
        });
      }
      if (leaves.length) {
        parts.push({
          key: JSON.stringify(["r", leaves]),
          sql: sql.join(
            leaves.map((leaf) => sql`plainto_tsquery('dutch', ${literal(leaf)})`),
            sql` || `,
          ),
        });
      }
      return parts;
    };
    // One statement for what this search needs from the database before it can look anything up:
    // the index's version (unless the caller read it), the typo fallback for words not known to be
    // in the index, and the tsquery texts, built as if no word needs a correction (nearly always
    // so; when one does, the parts with corrections are built in a second statement). Typos looked
    // up before at the version known or last seen (`typosAt`) are not looked up again: their
    // corrections are known at once, and the texts are built with them.
    const typosAt = known ?? this.seen;
    const lookup = this.correctionLookup(parsed.terms, typosAt);
    const remembered = lookup.remembered
      ? this.corrections(lookup.unknown, lookup.remembered, compounds)
      : null;
    let parts = partsFor(remembered?.fixes ?? new Map());
    // With nothing else to ask (every text built before, no unknown words) the version is not read
    // here either: the search goes on with the last version seen, and the ranking statement checks
    // it (see query).
    if (!known && !lookup.sql && this.seen && parts.every((p) => this.builtQueries.has(p.key))) {
      known = this.seen;
      assumed = true;
    }
    const first: SQL[] = [];
    if (!known) {
      first.push(sql`(select json_build_array(version::text, epoch) from search_state where id = 1) as s`);
    }
    if (lookup.sql) first.push(sql`(${lookup.sql}) as f`);
    const { row, lists } = await this.build(parts, first);
    let state: IndexState | null = null;
    if (!known) {
      const [version, epoch] = (typeof row?.s === "string" ? JSON.parse(row.s) : (row?.s ?? [])) as [
        string?,
        string?,
      ];
      state = { version: Number(version ?? 0), epoch: epoch ?? "" };
      // The typos' answers were remembered at the last version seen; the index has changed since.
      if (remembered && typosAt && versionKey(state) !== versionKey(typosAt)) {
        this.seen = null;
        return this.queryTexts(parsed, q, locale, given);
      }
    }
    this.rememberLists(lists, known ?? state ?? { version: 0, epoch: "" });
    const found = lookup.sql ? correctionRows(row?.f) : [];
    if (lookup.sql) this.rememberTypos(found, known ?? state);
    const { fixes: corrections, suggested } =
      remembered ?? this.corrections(lookup.unknown, found, compounds);
    if (!remembered && corrections.size) {
      parts = partsFor(corrections);
      this.rememberLists((await this.build(parts, [])).lists, known ?? state ?? { version: 0, epoch: "" });
    }
    const all = parts.map((p) => this.builtQueries.get(p.key) ?? "");
    const built = all.slice(0, termCount);
    const mustPart = mustAt >= 0 ? (all[mustAt] ?? "") : "";
    const afterMust = termCount + (mustAt >= 0 ? 1 : 0);
    const wholeOf = new Map(compoundTerms.map((t, i) => [t, all[afterMust + i] ?? ""]));
    const partsPart = leaves.length ? (all[afterMust + compoundTerms.length] ?? "") : "";
    // Each word's alternatives come back once per text-search configuration, mostly the same
    // lexemes: without the repeats the queries are a third as long (cheaper to match, rank and
    // headline).
    const terms = built.map(dedupeOr).filter((t) => t !== "");
    const join = (parts: string[], op: string) => parts.map((t) => `(${t})`).join(` ${op} `);
    // Any of the words: one flat OR without repeats where the words allow (synonyms of each
    // other share most of their alternatives), which is cheaper to match, rank and headline.
    const any = (parts: string[]) =>
      parts.some((t) => t.includes("(") || t.includes(")")) ? join(parts, "|") : dedupeOr(parts.join(" | "));
    const withMust = (part: string) => (mustPart ? (part ? join([part, mustPart], "&") : mustPart) : part);
    // For finding rows in the body index, word sequences ("open reel") count as all their words:
    // such a query is answered by the GIN index alone, while a phrase would make PostgreSQL
    // re-read each candidate's body vector. The exact query still ranks the top rows.
    const loose = terms.map(loosen);
    const bodyAll = [...loose, mustPart].filter(Boolean);
    const exact = withMust(terms.length ? any(terms) : "");
    const wholeTerms = parsed.terms
      .map((t, i) => (wholeOf.has(t) ? (wholeOf.get(t) ?? "") : (built[i] ?? "")))
      .map(dedupeOr)
      .filter((t) => t !== "");
    const texts: QueryTexts = {
      exact,
      whole: compoundTerms.length ? withMust(wholeTerms.length ? any(wholeTerms) : "") : exact,
      parts: partsPart || null,
      terms,
      bodyAny: withMust(loose.length ? any(loose) : ""),
      bodyAll: bodyAll.length > 1 ? join(bodyAll, "&") : null,
      // Without phrases or excluded words, each word is looked up on its own and "any" and "all"
      // are worked out from those lists: the index's lists are then read once, not twice.
      bodyTerms: !mustPart && loose.length > 0 ? loose : null,
      suggestion: suggestion(q, suggested),
    };
    return { texts, state: assumed ? known! : state, assumed };
  }

  /** Remembers the typo fallback's answers (see correctionLookup) at version `at` of the index. */
  private rememberTypos(rows: CorrectionRow[], at: IndexState | null): void {
    if (!at) return;
    const version = versionKey(at);
    if (this.typos.version !== version || this.typos.rows.size > 10_000) {
      this.typos = { version, rows: new Map() };
    }
    const byWord = new Map<string, CorrectionRow[]>();
    for (const row of rows) byWord.set(row[0], [...(byWord.get(row[0]) ?? []), row]);
    for (const [word, answers] of byWord) this.typos.rows.set(word, answers);
  }

  /**
   * Builds the tsquery texts of the parts not built before, in one statement with `extra`
   * columns (named); returns its row (null when there was nothing to ask). For the parts marked
   * `lookup` whose text has no phrase, negation or nesting, that statement
   * also looks up their matches in body and head, as matching would (`lists`, by text), where
   * loosening the text changes nothing (no phrases, no stop words in an AND).
   */
  private async build(
    parts: { key: string; sql: SQL; lookup?: boolean }[],
    extra: SQL[],
  ): Promise<{ row: Record<string, unknown> | null; lists: Map<string, { body: unknown; head: unknown }> }> {
    const lists = new Map<string, { body: unknown; head: unknown }>();
    const todo = parts.filter((p) => !this.builtQueries.has(p.key));
    if (!todo.length && !extra.length) return { row: null, lists };
    const columns = [...extra];
    if (todo.length) columns.push(sql`x.*`);
    todo.forEach((p, i) => {
      if (!p.lookup) return;
      const text = sql.raw(`x.p${i}`);
      const flat = sql`${text} <> '' and ${text} !~ '[<!()]'`;
      // Without the repeats (as dedupeOr): each item of an OR reads its list from the index.
      const deduped = sql`(select string_agg(distinct i, ' | ') from regexp_split_to_table(${text}, ' [|] ') i)::tsquery`;
      columns.push(
        sql`case when ${flat} then search_body_numbers(${deduped}) end as ${sql.raw(`b${i}`)}`,
        sql`case when ${flat} then search_head_numbers(${deduped}) end as ${sql.raw(`h${i}`)}`,
      );
    });
    const from = todo.length
      ? sql` from (select ${sql.join(
          todo.map((p, i) => sql`(${p.sql})::text as ${sql.raw(`p${i}`)}`),
          sql`, `,
        )}) x`
      : sql``;
    const [row] = rowsOf<Record<string, unknown>>(
      await this.db.execute(sql`select ${sql.join(columns, sql`, `)}${from}`),
    );
    if (this.builtQueries.size > 10_000) this.builtQueries.clear();
    todo.forEach((p, i) => {
      const text = String(row?.[`p${i}`] ?? "");
      this.builtQueries.set(p.key, text);
      const body = row?.[`b${i}`];
      const head = row?.[`h${i}`];
      // Looked up as built; the same as matching's lookup where loosen changes nothing.
      const same = dedupeOr(text);
      if (body != null && head != null && loosen(same) === same) lists.set(text, { body, head });
    });
    return { row: row ?? null, lists };
  }

  /**
   * Remembers body and head matches looked up while building (see build) under the words'
   * loosened texts, as matching does, for this version of the index.
   */
  private rememberLists(lists: Map<string, { body: unknown; head: unknown }>, state: IndexState): void {
    if (!lists.size) return;
    const version = versionKey(state);
    if (this.termMatches.version !== version || this.termMatches.lists.size > 400) {
      this.termMatches = { version, lists: new Map() };
    }
    for (const [text, found] of lists) {
      const key = loosen(dedupeOr(text));
      if (!key) continue;
      this.termMatches.lists.set(`b:${key}`, numbers(found.body));
      this.termMatches.lists.set(`h:${key}`, numbers(found.head));
    }
  }

  /**
   * The numbers of the matching document versions: in the head (exact query, with twice the
   * number of the words each has there) and in the body (see loosen), and which bodies have all
   * the words.
   */
  private async matching(texts: QueryTexts | null, state: IndexState): Promise<Matched> {
    if (!texts) {
      const [row] = rowsOf<{ ns: unknown }>(
        await this.db.execute(
          sql`select coalesce(string_agg(int4send(n), ''::bytea), ''::bytea) as ns from search_document`,
        ),
      );
      return { headNs: [], headScores: [], bodyNs: numbers(row?.ns), allBodyNs: null, scored: false };
    }
    // The search_* functions (migration 0009) read the GIN indexes only.
    const numbersFor = (query: string) => sql`search_body_numbers(${literal(query)}::tsquery)`;
    const bodyTerms = texts.bodyTerms;
    if (bodyTerms) {
      // Per word: its matches in the body, and in the head (title, aliases, summary), where the
      // number of words found counts towards the score. Remembered until the index changes:
      // while typing, and across searches, the same words come back ("ooc", "ooc convenant").
      const version = versionKey(state);
      // At most 400 lists (4 bytes a number: about 16 MB with 10,000 documents matching each).
      if (this.termMatches.version !== version || this.termMatches.lists.size > 400) {
        this.termMatches = { version, lists: new Map() };
      }
      const remembered = this.termMatches.lists;
      const todo = new Map<string, SQL>();
      for (const t of bodyTerms) {
        if (!remembered.has(`b:${t}`)) todo.set(`b:${t}`, numbersFor(t));
        if (!remembered.has(`h:${t}`)) todo.set(`h:${t}`, sql`search_head_numbers(${literal(t)}::tsquery)`);
      }
      if (todo.size) {
        const lookups = [...todo];
        const [row] = rowsOf<Record<string, unknown>>(
          await this.db.execute(
            sql`select ${sql.join(
              lookups.map(([, lookup], i) => sql`${lookup} as ${sql.raw(`l${i}`)}`),
              sql`, `,
            )}`,
          ),
        );
        lookups.forEach(([key], i) => {
          remembered.set(key, numbers(row?.[`l${i}`]));
        });
      }
      const none = new Int32Array(0);
      const body = anyAndAll(bodyTerms.map((t) => remembered.get(`b:${t}`) ?? none));
      const head = anyAndAll(bodyTerms.map((t) => remembered.get(`h:${t}`) ?? none));
      return {
        headNs: head.any,
        headScores: head.counts.map((c) => 2 * c),
        bodyNs: body.any,
        allBodyNs: body.all,
        scored: true,
      };
    }
    // With phrases or excluded words: the whole query at once.
    const terms = texts.terms.length
      ? sql`array[${sql.join(
          texts.terms.map((t) => sql`${literal(t)}::tsquery`),
          sql`, `,
        )}]`
      : sql`'{}'::tsquery[]`;
    const [row] = rowsOf<{ body: unknown; allbody: unknown; ns: unknown; covers: unknown }>(
      await this.db.execute(sql`
        select ${numbersFor(texts.bodyAny)} as body,
          ${texts.bodyAll ? numbersFor(texts.bodyAll) : sql`null::bytea`} as allbody, h.ns, h.covers
        from search_head_cover(${literal(texts.exact)}::tsquery, ${terms}) h`),
    );
    return {
      headNs: numbers(row?.ns),
      headScores: numbers(row?.covers),
      bodyNs: numbers(row?.body),
      allBodyNs: row?.allbody ? numbers(row.allbody) : null,
      scored: true,
    };
  }

  /**
   * Reads what the table does not know yet about these document numbers: all documents at once
   * when many are missing (a new process, or a rebuilt index), else just the missing ones.
   */
  private async learn(table: DocTable, ...lists: Numbers[]): Promise<void> {
    const missing = table.missing(...lists);
    if (!missing.length) return;
    const everything = table.makeRoom(missing.length) || missing.length > 50;
    const cols = sql`n, slug, locale, kind, topics, medium, title`;
    table.add(
      rowsOf<DocRow>(
        await this.db.execute(
          everything
            ? sql`select ${cols} from search_document`
            : sql`select ${cols} from search_document where n = any(${intArray(missing)})`,
        ),
      ),
    );
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

/** A shown document's body as the engine keeps it (see rememberBody), folded once a search needs it. */
type KeptBody = { slug: string; locale: string; body: string; folded?: string };

/** ts_headline of a text in a configuration (both SQL), marking the tsquery `marked`. */
function headlineSql(config: SQL, text: SQL, marked: string): SQL {
  return sql`ts_headline(${config}::regconfig, ${text}, ${literal(marked)}::tsquery, ${literal(HEADLINE_OPTIONS)})`;
}

/**
 * What ts_headline is given of a body, and in which configuration (each text read in its own
 * language: "shedding" is marked for "shed" in an English guide): about HEADLINE_WINDOW
 * characters around the best place. With compounds in the query, the snippet comes from where the
 * whole word is, if it is anywhere ("kwispelkoppen", not the first "koppen"); else from where the
 * parts are; else the start of the body.
 */
function snippetSources(
  texts: QueryTexts,
  marked: string,
): (body: string, locale: string, folded?: string) => { text: string; config: string } {
  const windowOf = windowFinder(lexemesOf(marked), HEADLINE_WINDOW);
  const wholeWindowOf = texts.parts ? windowFinder(lexemesOf(texts.whole), HEADLINE_WINDOW) : null;
  return (body, locale, folded) => ({
    text: wholeWindowOf?.(body, folded) ?? windowOf(body, folded) ?? body.slice(0, HEADLINE_WINDOW),
    config: locale === "en" ? "english" : "dutch",
  });
}

/** One answer of the typo fallback: [word, a similar word in the index or null, begins a known word]. */
type CorrectionRow = [string, string | null, boolean];

/** The typo fallback's answers as the statement returns them (JSON, as text on PGlite). */
function correctionRows(value: unknown): CorrectionRow[] {
  return (typeof value === "string" ? JSON.parse(value) : (value ?? [])) as CorrectionRow[];
}

/** An index version as the engine's memories are keyed: "version:epoch". */
function versionKey(state: IndexState): string {
  return `${state.version}:${state.epoch}`;
}

function toTextArray(values: string[]): SQL {
  if (!values.length) return sql`'{}'::text[]`;
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

/**
 * A text as an SQL string literal, for the statements of a search. postgres.js sends a statement
 * with parameters in two round trips (it first asks the server for the parameters' types), one
 * without in one; a search sends up to three statements, on a loaded machine each round trip
 * costs a wait for a core on both sides (docs/benchmarks.md). An escape string (E'…') with every
 * backslash and quote doubled reads back as exactly the text whatever
 * standard_conforming_strings is; NUL, which no PostgreSQL text can hold, is dropped.
 */
export function literal(value: string): SQL {
  return sql.raw(`E'${value.replace(/[\0\\']/g, (c) => (c === "'" ? "''" : c === "\\" ? "\\\\" : ""))}'`);
}

/** An integer the engine computed or the query schema bounded, as an SQL literal. */
function integer(value: number): SQL {
  return sql.raw(String(Number.isFinite(value) ? Math.trunc(value) : 0));
}

/** Texts as an SQL text[] of literals (see literal). */
function textArray(values: string[]): SQL {
  if (!values.length) return sql`'{}'::text[]`;
  return sql`array[${sql.join(values.map(literal), sql`, `)}]::text[]`;
}

/**
 * The query as typed, with each word that occurs nowhere in the index replaced by the most
 * similar word that does (the first correction); null when no word was replaced. The results
 * already include those words: this tells the searcher so, and offers the corrected search.
 */
export function suggestion(q: string, corrections: Map<string, string[]>): string | null {
  if (!corrections.size) return null;
  let changed = false;
  const out = q
    .trim()
    .split(/(\s+)/)
    .map((token) => {
      // Punctuation around a word ("plakkrige,") stays around its correction.
      const [, before = "", word = "", after = ""] =
        /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(token) ?? [];
      const best = corrections.get(normaliseTerm(word))?.[0];
      if (!best) return token;
      changed = true;
      return `${before}${best}${after}`;
    })
    .join("");
  return changed ? out : null;
}

/**
 * A tsquery's text with its phrase operators (<->, <N>) made into AND: same words, any order.
 * In a flat query, stop words drop out of such an AND ("niet in de handel" from the `simple`
 * configuration): nearly every text has them, so they do not narrow the match, but the index has
 * to read their long lists.
 */
export function loosen(tsquery: string): string {
  const loose = tsquery.replace(/<(?:\d+|-)>/g, "&");
  if (loose.includes("(") || loose.includes(")")) return loose;
  const items = loose.split(" | ").map((item) => {
    const words = item.split(" & ");
    if (words.length < 2) return item;
    const kept = words.filter((w) => !stopwords.has(/^'([^']*)'$/.exec(w.trim())?.[1] ?? ""));
    return (kept.length ? kept : words).join(" & ");
  });
  return dedupeOr(items.join(" | "));
}

/** The numbers in any of the lists (with in how many), and those in all of them. */
export function anyAndAll(lists: ArrayLike<number>[]): { any: number[]; counts: number[]; all: number[] } {
  let max = -1;
  for (const list of lists) for (let i = 0; i < list.length; i++) if (list[i]! > max) max = list[i]!;
  const seen = new Uint16Array(max + 1);
  const any: number[] = [];
  const all: number[] = [];
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const n = list[i]!;
      if (n < 0) continue;
      const count = ++seen[n]!;
      if (count === 1) any.push(n);
      if (count === lists.length) all.push(n);
    }
  }
  return { any, counts: any.map((n) => seen[n]!), all };
}

/** Numbers sent as bytea, four bytes each (int4send, big-endian); none for null. */
function numbers(value: unknown): Int32Array {
  if (!(value instanceof Uint8Array)) return new Int32Array(0);
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  const out = new Int32Array(value.byteLength >> 2);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4);
  return out;
}

/** An int[] literal of numbers the engine itself read (never user input). */
function intArray(values: number[]): SQL {
  return sql.raw(`'{${values.map((v) => Math.trunc(v)).join(",")}}'::int[]`);
}

/** A float8[] literal of scores the engine itself computed (never user input). */
function floatArray(values: number[]): SQL {
  return sql.raw(`'{${values.map((v) => (Number.isFinite(v) ? String(v) : "0")).join(",")}}'::float8[]`);
}

/**
 * A flat OR of tsquery items ('a' | 'b' <-> 'c' | 'a') without repeats, and without the items
 * that one of its single words already covers: in `'matic' | 'u' & 'matic' | 'sticky' <-> 'shed' |
 * 'sticky'` every text that has the second or third item has the first or fourth, so the OR
 * matches the same texts without them, and ts_rank_cd finds the same covers (a cover is the
 * shortest stretch that satisfies the query: one word). The text-search configurations and
 * synonyms give each word many such items ("u-matic" alone: five), and ranking costs PostgreSQL
 * per item and per position: a four-word query's ranks took 17 ms instead of under 2 ms
 * (docs/benchmarks.md). Anything nested is kept as is.
 */
export function dedupeOr(tsquery: string): string {
  if (tsquery.includes("(") || tsquery.includes(")")) return tsquery;
  const items = [
    ...new Set(
      tsquery
        .split(" | ")
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
  const single = new Set(items.filter((item) => !/ & | <(?:\d+|-)> |^!/.test(item)));
  if (single.size === 0 || single.size === items.length) return items.join(" | ");
  return items
    .filter((item) => {
      if (single.has(item) || item.includes("!")) return true;
      // An AND or a phrase of plain words: covered when one of its words stands alone.
      return !item.split(/ & | <(?:\d+|-)> /).some((word) => single.has(word.trim()));
    })
    .join(" | ");
}
