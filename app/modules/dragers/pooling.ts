// Pooling digitisation work (/dragers/samenwerken): demand per carrier added up across
// institutions, beside the digitisation lines that can take it. Pure functions.
//
// Privacy, as on the trends page (survey/aggregate.ts MIN_GROUP_SIZE): outside the moderators'
// view no institution is named beside its demand, and a carrier's total is shown only when at
// least MIN_GROUP_SIZE institutions asked for it; a smaller group shows "< 5" and no numbers.
// The grand total adds up only the carriers shown, so no hidden figure follows by subtraction.
import { MIN_GROUP_SIZE } from "../survey/aggregate.ts";

export { MIN_GROUP_SIZE };

export interface DemandPost {
  institutionId: number;
  institutionName: string;
  carrier: string;
  count: number;
  /** The institution's note with its demand: moderators only. */
  note?: string;
  /** Confirmed by a moderator: only those count outside the moderators' view. */
  confirmed?: boolean;
}

export interface LineOffer {
  institutionId: number;
  institutionName: string;
  carriers: string[];
  shared: string | null;
  suitability: string | null;
  terms: string;
  source: "survey" | "member";
  confirmed?: boolean;
}

/**
 * What a view may count and name. Outside the moderators' view only institutions a moderator
 * confirmed count (anyone can propose an institution, and a handful of made-up ones could
 * otherwise lift a real one's demand over the threshold and reveal it by subtraction), and lines
 * that only came from survey answers stay with the moderators until the institution offers
 * its line itself.
 */
export function visibleTo<T extends { confirmed?: boolean }>(
  view: PoolView,
  posts: readonly T[],
  isOwnOffer: (post: T) => boolean = () => true,
): T[] {
  if (view === "moderator") return [...posts];
  return posts.filter((p) => p.confirmed !== false && isOwnOffer(p));
}

export type PoolView = "public" | "member" | "moderator";

export interface PoolRow {
  carrier: string;
  title: string;
  /** Null when hidden (fewer than the minimum number of institutions). */
  total: number | null;
  institutions: number | null;
  hidden: boolean;
  /** Lines that list this carrier. */
  lines: number;
  /** Names of those lines: for members and moderators (the lines offered themselves). */
  lineNames: string[] | null;
  /** Demand per institution: moderators only. */
  demand: { institutionName: string; count: number; note: string }[] | null;
}

export interface Pool {
  rows: PoolRow[];
  /** Total items of the carriers shown (for moderators: all). */
  shownTotal: number;
  shownInstitutions: number | null;
  hiddenCarriers: number;
}

export function poolDemand(
  demands: readonly DemandPost[],
  offers: readonly LineOffer[],
  titles: ReadonlyMap<string, string>,
  view: PoolView,
  minGroupSize = MIN_GROUP_SIZE,
): Pool {
  const byCarrier = new Map<string, DemandPost[]>();
  for (const d of demands) {
    if (d.count <= 0) continue;
    const list = byCarrier.get(d.carrier) ?? [];
    list.push(d);
    byCarrier.set(d.carrier, list);
  }
  const collator = new Intl.Collator("nl", { sensitivity: "base", numeric: true });
  const rows: PoolRow[] = [...byCarrier.entries()].map(([carrier, posts]) => {
    const total = posts.reduce((s, p) => s + p.count, 0);
    const institutions = new Set(posts.map((p) => p.institutionId)).size;
    const hidden = view !== "moderator" && institutions < minGroupSize;
    const taking = offers.filter((o) => o.carriers.includes(carrier));
    return {
      carrier,
      title: titles.get(carrier) ?? carrier,
      total: hidden ? null : total,
      institutions: hidden ? null : institutions,
      hidden,
      lines: taking.length,
      lineNames: view === "public" ? null : taking.map((o) => o.institutionName).sort(collator.compare),
      demand:
        view === "moderator"
          ? posts
              .map((p) => ({ institutionName: p.institutionName, count: p.count, note: p.note ?? "" }))
              .sort((a, b) => b.count - a.count || collator.compare(a.institutionName, b.institutionName))
          : null,
    };
  });
  rows.sort((a, b) => (b.total ?? -1) - (a.total ?? -1) || collator.compare(a.title, b.title));
  const shown = rows.filter((r) => !r.hidden);
  const shownInstitutionIds = new Set(
    demands
      .filter((d) => d.count > 0 && shown.some((r) => r.carrier === d.carrier))
      .map((d) => d.institutionId),
  );
  return {
    rows,
    shownTotal: shown.reduce((s, r) => s + (r.total ?? 0), 0),
    // How many institutions are behind the shown totals: only when that group is large enough.
    shownInstitutions:
      view === "moderator" || shownInstitutionIds.size >= minGroupSize ? shownInstitutionIds.size : null,
    hiddenCarriers: rows.length - shown.length,
  };
}

/** A survey answer as a line offer's pre-filled terms ("Ja, tegen betaling" → offered for a fee). */
export function offerFromSurvey(answers: Record<string, string | null | undefined>): {
  shared: string;
  suitability: string | null;
} | null {
  if (answers.has_digitisation_street !== "Ja") return null;
  const shared = answers.street_shared;
  if (shared !== "Ja, kosteloos" && shared !== "Ja, tegen betaling") return null;
  return { shared, suitability: answers.street_suitability ?? null };
}
