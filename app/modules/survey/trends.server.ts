// The stored answers behind the public trends. Only imported survey waves count: a member's
// self-assessment never changes the published figures (docs/decisions/005-survey-data.md).
// Reads only wave, institution type and answers: no name, e-mail or free text leaves here.

import { asc, eq } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { surveyResponse } from "#db/schema/survey.ts";
import type { AggregateInput } from "./aggregate.ts";
import type { InstitutionType } from "./questionnaire.ts";

export interface TrendData {
  rows: AggregateInput[];
  /** Waves with imported answers, oldest first. */
  waves: number[];
}

export async function loadTrendData(db: DB): Promise<TrendData> {
  const stored = await db
    .select({
      wave: surveyResponse.wave,
      institutionType: surveyResponse.institutionType,
      answers: surveyResponse.answers,
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
