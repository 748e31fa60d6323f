// The stored answers behind the public trends. Only imported survey waves count: a member's
// self-assessment never changes the published figures (docs/decisions/005-survey-data.md).
// Reads only wave, institution type, answers and AI uses: no name, e-mail or free text leaves here.

import { asc, eq, sql } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { surveyResponse } from "#db/schema/survey.ts";
import type { FigureInput } from "./figures.ts";
import type { InstitutionType } from "./questionnaire.ts";

export interface TrendData {
  rows: FigureInput[];
  /** Waves with imported answers, oldest first. */
  waves: number[];
  /** Changes whenever an imported answer is added, changed or removed: a key for caches. */
  version: string;
}

/** What the imported answers are now: their count and the latest change (one index scan). */
async function trendVersion(db: DB): Promise<string> {
  const [row] = await db
    .select({
      n: sql<number>`count(*)::int`,
      last: sql<string>`coalesce(max(${surveyResponse.updatedAt})::text, '')`,
      maxId: sql<number>`coalesce(max(${surveyResponse.id}), 0)::int`,
    })
    .from(surveyResponse)
    .where(eq(surveyResponse.source, "import"));
  return `${row?.n ?? 0}:${row?.maxId ?? 0}:${row?.last ?? ""}`;
}

// The public pages read the same few thousand rows on every request; they change only on import.
const cache = new WeakMap<DB, TrendData>();

/** The imported answers, read again only when they changed since the last call. */
export async function loadTrendData(db: DB): Promise<TrendData> {
  const version = await trendVersion(db);
  const cached = cache.get(db);
  if (cached?.version === version) return cached;
  const data = await readTrendData(db);
  const fresh = { ...data, version };
  cache.set(db, fresh);
  return fresh;
}

/** Results computed from one version of the data (e.g. a wave's dashboard), kept until it changes. */
export function memoByVersion<T>(): (data: TrendData, key: string, compute: () => T) => T {
  let version = "";
  let entries = new Map<string, T>();
  return (data, key, compute) => {
    if (data.version !== version) {
      version = data.version;
      entries = new Map();
    }
    const found = entries.get(key);
    if (found !== undefined) return found;
    const value = compute();
    if (entries.size < 50) entries.set(key, value);
    return value;
  };
}

async function readTrendData(db: DB): Promise<Omit<TrendData, "version">> {
  const stored = await db
    .select({
      wave: surveyResponse.wave,
      institutionType: surveyResponse.institutionType,
      answers: surveyResponse.answers,
      aiUses: surveyResponse.aiUses,
    })
    .from(surveyResponse)
    .where(eq(surveyResponse.source, "import"))
    .orderBy(asc(surveyResponse.wave));
  const rows = stored.map((row) => ({ ...row, institutionType: row.institutionType as InstitutionType }));
  const waves = [...new Set(rows.map((row) => row.wave))];
  return { rows, waves };
}

/**
 * The wave a request asks for (`?wave=2024`): the latest when none is given, null when the given
 * one is not a wave with answers.
 */
export function pickWave(waves: readonly number[], param: string | null): number | null {
  if (param === null || param.trim() === "") return waves.at(-1) ?? null;
  const wave = /^\d{4}$/.test(param.trim()) ? Number(param) : Number.NaN;
  return waves.includes(wave) ? wave : null;
}
