// "Where do I stand?": a confirmed institution's own newest answers beside the aggregates of
// comparable institutions (issue #20, part 4). Comparable = the same institution type, and the
// same AV staff band (`fte_av`) when at least 5 such institutions answered; otherwise the type
// alone. The privacy rule of docs/domain.md §6 holds: a group of fewer than 5 institutions shows
// nothing at all, and a question fewer than 5 of them answered shows "< 5". Only one group is
// ever shown (never the band beside the type), so no hidden figure can be worked out by
// subtracting one shown group from another. Never another institution's answers, names or ids.
//
// Who counts: every other institution's newest linked response (imported or self-assessment),
// and the imported responses of the newest wave that are not linked to any institution (each
// respondent answered for one institution). The own institution never counts in its own pool.

import { and, desc, eq, isNotNull, isNull, ne } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { surveyResponse } from "#db/schema/survey.ts";
import { MIN_GROUP_SIZE, percentHalfUp } from "./aggregate.ts";
import { type AiUse, type Answers, aiUseLabels, type ChoiceColumn, labelsOf } from "./questionnaire.ts";

/** The questions compared, in display order: digitisation degree, the nine needs, OOC, born digital, AI. */
export const comparisonColumns = [
  "digitisation_degree",
  "need_metadata",
  "need_digitisation",
  "need_copyright",
  "need_outsourcing",
  "need_storage",
  "need_born_digital",
  "need_avg",
  "need_ai",
  "need_carriers",
  "ooc_known",
  "born_digital_policy",
  "ai_metadata_use",
] as const satisfies readonly ChoiceColumn[];
export type ComparisonColumn = (typeof comparisonColumns)[number];

export interface ComparedQuestion {
  column: ComparisonColumn | "ai_uses";
  /** The own institution's answer(s); null when it did not answer. */
  own: string[] | null;
  /** Comparable institutions that answered; null when 1 to 4 did (then hidden). */
  n: number | null;
  hidden: boolean;
  /** Per label, in questionnaire order: whole percent of n (empty when hidden). */
  shares: { label: string; percent: number }[];
}

export interface Comparison {
  /** What the comparison group is: same type and staff band, or same type only. */
  basis: "type_and_band" | "type";
  institutionType: string;
  band: string | null;
  /** Institutions in the group (at least 5). */
  size: number;
  questions: ComparedQuestion[];
}

export type ComparisonResult =
  | { status: "ok"; comparison: Comparison }
  /** No own answers yet: nothing to compare. */
  | { status: "no_answers" }
  /** Fewer than 5 comparable institutions: nothing shown. */
  | { status: "too_few" };

interface PoolRow {
  institutionType: string;
  answers: Answers;
  aiUses: string[];
}

const columns = {
  institutionId: surveyResponse.institutionId,
  institutionType: surveyResponse.institutionType,
  answers: surveyResponse.answers,
  aiUses: surveyResponse.aiUses,
  wave: surveyResponse.wave,
} as const;

/** The other institutions' newest answers and the newest wave's unlinked imported answers. */
async function comparablePool(db: DB, ownInstitutionId: number): Promise<PoolRow[]> {
  const linked = await db
    .select(columns)
    .from(surveyResponse)
    .where(and(isNotNull(surveyResponse.institutionId), ne(surveyResponse.institutionId, ownInstitutionId)))
    .orderBy(desc(surveyResponse.answeredAt), desc(surveyResponse.id));
  const seen = new Set<number>();
  const pool: PoolRow[] = [];
  for (const row of linked) {
    if (row.institutionId === null || seen.has(row.institutionId)) continue;
    seen.add(row.institutionId);
    pool.push(row);
  }
  const [latestWave] = await db
    .select({ wave: surveyResponse.wave })
    .from(surveyResponse)
    .where(eq(surveyResponse.source, "import"))
    .orderBy(desc(surveyResponse.wave))
    .limit(1);
  if (latestWave) {
    const unlinked = await db
      .select(columns)
      .from(surveyResponse)
      .where(
        and(
          eq(surveyResponse.source, "import"),
          eq(surveyResponse.wave, latestWave.wave),
          isNull(surveyResponse.institutionId),
        ),
      );
    pool.push(...unlinked);
  }
  return pool;
}

function compareQuestion(
  column: ComparisonColumn | "ai_uses",
  own: PoolRow,
  group: readonly PoolRow[],
): ComparedQuestion {
  if (column === "ai_uses") {
    // Asked together with ai_metadata_use: the base is those who answered that question.
    const answered = group.filter((row) => row.answers.ai_metadata_use !== null);
    const n = answered.length;
    const hidden = n < MIN_GROUP_SIZE;
    return {
      column,
      own: own.answers.ai_metadata_use === null ? null : [...own.aiUses],
      n: hidden ? null : n,
      hidden,
      shares: hidden
        ? []
        : aiUseLabels.map((label: AiUse) => ({
            label,
            percent: percentHalfUp(answered.filter((row) => row.aiUses.includes(label)).length, n),
          })),
    };
  }
  const answers = group
    .map((row) => row.answers[column])
    .filter((a): a is NonNullable<typeof a> => a !== null);
  const n = answers.length;
  const hidden = n < MIN_GROUP_SIZE;
  const ownAnswer = own.answers[column];
  return {
    column,
    own: ownAnswer === null ? null : [ownAnswer],
    n: hidden ? null : n,
    hidden,
    shares: hidden
      ? []
      : (labelsOf(column) as readonly string[]).map((label) => ({
          label,
          percent: percentHalfUp(answers.filter((a) => a === label).length, n),
        })),
  };
}

/**
 * The comparison for an institution. The caller must have checked that the viewer belongs to
 * the institution (or moderates) and that it is confirmed.
 */
export async function compareInstitution(db: DB, institutionId: number): Promise<ComparisonResult> {
  const [own] = await db
    .select(columns)
    .from(surveyResponse)
    .where(eq(surveyResponse.institutionId, institutionId))
    .orderBy(desc(surveyResponse.answeredAt), desc(surveyResponse.id))
    .limit(1);
  if (!own) return { status: "no_answers" };
  const pool = await comparablePool(db, institutionId);
  const sameType = pool.filter((row) => row.institutionType === own.institutionType);
  const band = own.answers.fte_av;
  const sameBand = band === null ? [] : sameType.filter((row) => row.answers.fte_av === band);
  let basis: Comparison["basis"];
  let group: PoolRow[];
  if (sameBand.length >= MIN_GROUP_SIZE) {
    basis = "type_and_band";
    group = sameBand;
  } else if (sameType.length >= MIN_GROUP_SIZE) {
    basis = "type";
    group = sameType;
  } else {
    return { status: "too_few" };
  }
  return {
    status: "ok",
    comparison: {
      basis,
      institutionType: own.institutionType,
      band: basis === "type_and_band" ? band : null,
      size: group.length,
      questions: [...comparisonColumns, "ai_uses" as const].map((column) =>
        compareQuestion(column, own, group),
      ),
    },
  };
}
