// What the planner's pages (/dragers/planner, its CSV and its printable page) load: the carriers,
// the assumptions, and a plan from the query string or from the institution's saved inventory.
import type { DB } from "#db/client.server.ts";
import type { ContentLocale } from "../kennisbank/model.ts";
import type { CarrierAssumption } from "./assumptions.ts";
import { getSavedPlan, listAssumptions, listCarrierGuides } from "./dragers.server.ts";
import {
  buildPlan,
  type InventoryDraft,
  type InventoryErrors,
  inventoryQuery,
  type Plan,
  readInventory,
} from "./planner.ts";
import type { InventoryLine } from "./types.ts";

export interface PlannerData {
  carriers: { slug: string; title: string }[];
  assumptions: CarrierAssumption[];
  drafts: InventoryDraft[];
  errors: InventoryErrors;
  lines: InventoryLine[];
  plan: Plan | null;
  /** "query": from the URL; "saved": the institution's saved inventory; "none": empty form. */
  from: "query" | "saved" | "none";
  savedAt: string | null;
  query: string;
}

export async function loadPlanner(
  db: DB,
  locale: ContentLocale,
  params: URLSearchParams,
  institutionId: number | null,
): Promise<PlannerData> {
  const [guides, assumptionMap] = await Promise.all([listCarrierGuides(db, locale), listAssumptions(db)]);
  const carriers = guides
    .filter((g) => assumptionMap.has(g.slug))
    .map((g) => ({ slug: g.slug, title: g.title }));
  const titles = new Map(carriers.map((c) => [c.slug, c.title]));
  const assumptions = carriers.map((c) => assumptionMap.get(c.slug)!);
  const saved = institutionId ? await getSavedPlan(db, institutionId) : null;
  const base = { carriers, assumptions, savedAt: saved?.updatedAt ?? null };
  if (params.has("drager")) {
    const read = readInventory(params, new Set(titles.keys()), locale);
    if (!read.ok) {
      return {
        ...base,
        drafts: read.drafts,
        errors: read.errors,
        lines: [],
        plan: null,
        from: "query",
        query: "",
      };
    }
    return {
      ...base,
      drafts: read.drafts,
      errors: {},
      lines: read.lines,
      plan: read.lines.length ? buildPlan(read.lines, assumptionMap, titles) : null,
      from: "query",
      query: inventoryQuery(read.lines),
    };
  }
  if (saved) {
    const lines = saved.lines.filter((l) => titles.has(l.carrier));
    return {
      ...base,
      drafts: lines.map((l) => ({
        carrier: l.carrier,
        count: String(l.count),
        minutes: l.minutes === null ? "" : String(l.minutes),
        condition: l.condition,
      })),
      errors: {},
      lines,
      plan: lines.length ? buildPlan(lines, assumptionMap, titles) : null,
      from: "saved",
      query: inventoryQuery(lines),
    };
  }
  return { ...base, drafts: [], errors: {}, lines: [], plan: null, from: "none", query: "" };
}

/** A short summary of an institution's saved plan (for its profile page); null when none. */
export async function savedPlanSummary(
  db: DB,
  locale: ContentLocale,
  institutionId: number,
): Promise<{ items: number; digitisationHours: number; masterTb: number; first: string | null } | null> {
  const planner = await loadPlanner(db, locale, new URLSearchParams(), institutionId);
  if (planner.from !== "saved" || !planner.plan) return null;
  const { totals, rows } = planner.plan;
  return {
    items: totals.items,
    digitisationHours: totals.digitisationHours,
    masterTb: totals.masterTb,
    first: rows[0]?.title ?? null,
  };
}
