// The dragers module's data access: the carrier catalogue (read from the published carrier
// guides), the planner's assumptions, saved inventories, line offers and demand posts.
import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { institution } from "#db/schema/auth.ts";
import { carrierAssumption, carrierPlan, digitisationDemand, digitisationOffer } from "#db/schema/dragers.ts";
import { article, articleRevision } from "#db/schema/kennisbank.ts";
import { surveyResponse } from "#db/schema/survey.ts";
import { audit } from "../audit.server.ts";
import type { CarrierFacts, ContentLocale } from "../kennisbank/model.ts";
import { type CarrierAssumption, defaultAssumptions } from "./assumptions.ts";
import { type DemandPost, type LineOffer, offerFromSurvey } from "./pooling.ts";
import type { InventoryLine } from "./types.ts";
import { toWizardCarrier, type WizardCarrier } from "./wizard.ts";

export interface Actor {
  id: string;
}

// ---------------------------------------------------------------- the carrier catalogue

export interface CatalogueCarrier {
  slug: string;
  title: string;
  facts: CarrierFacts;
}

/**
 * Published, not archived carrier guides with their fact boxes, titled in the asked locale where
 * translated, sorted by title. (Reads the kennisbank's tables; never writes them.)
 */
export async function listCarrierGuides(db: DB, locale: ContentLocale): Promise<CatalogueCarrier[]> {
  const rows = await db
    .select({
      slug: article.slug,
      locale: articleRevision.locale,
      title: articleRevision.title,
      data: articleRevision.data,
    })
    .from(article)
    .innerJoin(articleRevision, eq(articleRevision.articleId, article.id))
    .where(
      and(eq(article.kind, "drager"), isNull(article.archivedAt), eq(articleRevision.status, "published")),
    );
  const bySlug = new Map<string, CatalogueCarrier>();
  for (const row of rows) {
    if (!row.data.carrier) continue;
    const current = bySlug.get(row.slug);
    if (row.locale === "nl" && !current)
      bySlug.set(row.slug, { slug: row.slug, title: row.title, facts: row.data.carrier });
    if (row.locale === locale && locale !== "nl") {
      bySlug.set(row.slug, { slug: row.slug, title: row.title, facts: row.data.carrier });
    }
  }
  // An English-only guide without a Dutch version is not listed (Dutch is the default).
  const nlSlugs = new Set(rows.filter((r) => r.locale === "nl").map((r) => r.slug));
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  return [...bySlug.values()]
    .filter((c) => nlSlugs.has(c.slug))
    .sort((a, b) => collator.compare(a.title, b.title));
}

export async function wizardCarriers(db: DB, locale: ContentLocale): Promise<WizardCarrier[]> {
  return (await listCarrierGuides(db, locale)).map((c) => toWizardCarrier(c.slug, c.title, c.facts));
}

// ---------------------------------------------------------------- assumptions

/** Every carrier's assumptions: the table's rows, with the defaults for carriers without a row. */
export async function listAssumptions(db: DB): Promise<Map<string, CarrierAssumption>> {
  const rows = await db
    .select({
      carrier: carrierAssumption.carrier,
      minutesPerItem: carrierAssumption.minutesPerItem,
      transferFactor: carrierAssumption.transferFactor,
      masterGbPerHour: carrierAssumption.masterGbPerHour,
      masterFormat: carrierAssumption.masterFormat,
      accessGbPerHour: carrierAssumption.accessGbPerHour,
      accessFormat: carrierAssumption.accessFormat,
      degradationScore: carrierAssumption.degradationScore,
      obsolescenceScore: carrierAssumption.obsolescenceScore,
      certainty: carrierAssumption.certainty,
      sources: carrierAssumption.sources,
      note: carrierAssumption.note,
    })
    .from(carrierAssumption);
  const map = new Map<string, CarrierAssumption>(defaultAssumptions.map((a) => [a.carrier, a]));
  for (const row of rows) map.set(row.carrier, row);
  return map;
}

export interface AssumptionMeta {
  updatedAt: string | null;
  updatedBy: string | null;
}

/** When and by whom each carrier's assumptions were last changed (seeded rows: no one). */
export async function assumptionHistory(db: DB): Promise<Map<string, AssumptionMeta>> {
  const rows = await db
    .select({
      carrier: carrierAssumption.carrier,
      updatedAt: carrierAssumption.updatedAt,
      name: sql<
        string | null
      >`(select name from app_user where app_user.id = ${carrierAssumption.updatedBy})`,
    })
    .from(carrierAssumption);
  return new Map(rows.map((r) => [r.carrier, { updatedAt: r.updatedAt.toISOString(), updatedBy: r.name }]));
}

/** Inserts the default assumptions for carriers without a row (idempotent; never overwrites). */
export async function seedAssumptions(db: DB): Promise<number> {
  const inserted = await db
    .insert(carrierAssumption)
    .values(defaultAssumptions.map((a) => ({ ...a })))
    .onConflictDoNothing({ target: carrierAssumption.carrier })
    .returning({ carrier: carrierAssumption.carrier });
  return inserted.length;
}

export async function saveAssumption(db: DB, actor: Actor, value: CarrierAssumption): Promise<void> {
  const before = (await listAssumptions(db)).get(value.carrier) ?? null;
  await db.transaction(async (tx) => {
    const set = { ...value, updatedBy: actor.id, updatedAt: new Date() };
    await tx
      .insert(carrierAssumption)
      .values(set)
      .onConflictDoUpdate({ target: carrierAssumption.carrier, set });
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of Object.keys(value) as (keyof CarrierAssumption)[]) {
      const from = before?.[key] ?? null;
      const to = value[key];
      if (JSON.stringify(from) !== JSON.stringify(to)) changed[key] = { from, to };
    }
    await audit(tx, {
      actorId: actor.id,
      action: "dragers.assumption.save",
      subject: `carrier:${value.carrier}`,
      details: { changed },
    });
  });
}

// ---------------------------------------------------------------- saved inventories

export async function getSavedPlan(
  db: DB,
  institutionId: number,
): Promise<{ lines: InventoryLine[]; updatedAt: string } | null> {
  const [row] = await db
    .select({ lines: carrierPlan.lines, updatedAt: carrierPlan.updatedAt })
    .from(carrierPlan)
    .where(eq(carrierPlan.institutionId, institutionId));
  return row ? { lines: row.lines, updatedAt: row.updatedAt.toISOString() } : null;
}

export async function savePlan(
  db: DB,
  actor: Actor,
  institutionId: number,
  lines: readonly InventoryLine[],
): Promise<void> {
  await db.transaction(async (tx) => {
    const set = { lines: [...lines], updatedBy: actor.id, updatedAt: new Date() };
    await tx
      .insert(carrierPlan)
      .values({ institutionId, ...set })
      .onConflictDoUpdate({ target: carrierPlan.institutionId, set });
    await audit(tx, {
      actorId: actor.id,
      action: "dragers.plan.save",
      subject: `institution:${institutionId}`,
      details: { lines: lines.length, items: lines.reduce((s, l) => s + l.count, 0) },
    });
  });
}

export async function deletePlan(db: DB, actor: Actor, institutionId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(carrierPlan).where(eq(carrierPlan.institutionId, institutionId));
    await audit(tx, {
      actorId: actor.id,
      action: "dragers.plan.delete",
      subject: `institution:${institutionId}`,
    });
  });
}

// ---------------------------------------------------------------- pooling: offers and demand

export async function listOffers(db: DB): Promise<LineOffer[]> {
  const rows = await db
    .select({
      institutionId: digitisationOffer.institutionId,
      institutionName: institution.name,
      carriers: digitisationOffer.carriers,
      shared: digitisationOffer.shared,
      suitability: digitisationOffer.suitability,
      terms: digitisationOffer.terms,
      source: digitisationOffer.source,
      confirmed: institution.confirmed,
    })
    .from(digitisationOffer)
    .innerJoin(institution, eq(institution.id, digitisationOffer.institutionId));
  return rows;
}

export async function listDemand(db: DB): Promise<DemandPost[]> {
  return db
    .select({
      institutionId: digitisationDemand.institutionId,
      institutionName: institution.name,
      carrier: digitisationDemand.carrier,
      count: digitisationDemand.count,
      note: digitisationDemand.note,
      confirmed: institution.confirmed,
    })
    .from(digitisationDemand)
    .innerJoin(institution, eq(institution.id, digitisationDemand.institutionId));
}

export async function demandOf(db: DB, institutionId: number) {
  return db
    .select({
      carrier: digitisationDemand.carrier,
      count: digitisationDemand.count,
      note: digitisationDemand.note,
    })
    .from(digitisationDemand)
    .where(eq(digitisationDemand.institutionId, institutionId));
}

export async function saveOffer(
  db: DB,
  actor: Actor,
  institutionId: number,
  value: { carriers: string[]; shared: string | null; suitability: string | null; terms: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const set = { ...value, source: "member" as const, updatedBy: actor.id, updatedAt: new Date() };
    await tx
      .insert(digitisationOffer)
      .values({ institutionId, ...set })
      .onConflictDoUpdate({ target: digitisationOffer.institutionId, set });
    await audit(tx, {
      actorId: actor.id,
      action: "dragers.offer.save",
      subject: `institution:${institutionId}`,
      details: { carriers: value.carriers, shared: value.shared },
    });
  });
}

export async function deleteOffer(db: DB, actor: Actor, institutionId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(digitisationOffer).where(eq(digitisationOffer.institutionId, institutionId));
    await audit(tx, {
      actorId: actor.id,
      action: "dragers.offer.delete",
      subject: `institution:${institutionId}`,
    });
  });
}

/** Sets an institution's demand for one carrier; a count of 0 removes it. */
export async function saveDemand(
  db: DB,
  actor: Actor,
  institutionId: number,
  value: { carrier: string; count: number; note: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (value.count === 0) {
      await tx
        .delete(digitisationDemand)
        .where(
          and(
            eq(digitisationDemand.institutionId, institutionId),
            eq(digitisationDemand.carrier, value.carrier),
          ),
        );
    } else {
      const set = { count: value.count, note: value.note, createdBy: actor.id, updatedAt: new Date() };
      await tx
        .insert(digitisationDemand)
        .values({ institutionId, carrier: value.carrier, ...set })
        .onConflictDoUpdate({ target: [digitisationDemand.institutionId, digitisationDemand.carrier], set });
    }
    await audit(tx, {
      actorId: actor.id,
      action: value.count === 0 ? "dragers.demand.delete" : "dragers.demand.save",
      subject: `institution:${institutionId}`,
      details: { carrier: value.carrier, count: value.count },
    });
  });
}

/** The newest survey answers about a digitisation line, for an institution (null: none linked). */
export async function surveyLineAnswers(
  db: DB,
  institutionId: number,
): Promise<{ shared: string; suitability: string | null } | null> {
  const [row] = await db
    .select({ answers: surveyResponse.answers })
    .from(surveyResponse)
    .where(eq(surveyResponse.institutionId, institutionId))
    .orderBy(desc(surveyResponse.answeredAt), desc(surveyResponse.id))
    .limit(1);
  return row ? offerFromSurvey(row.answers as Record<string, string | null>) : null;
}

/**
 * Pre-fills line offers from the survey: every institution whose newest linked response says it
 * has a digitisation line and shares it (has_digitisation_street = Ja, street_shared = Ja, ...)
 * gets an offer with source "survey" and no carriers yet, unless it already has one. Returns
 * how many were added.
 */
export async function prefillOffersFromSurvey(db: DB, actor: Actor | null): Promise<number> {
  const rows = await db
    .select({
      institutionId: surveyResponse.institutionId,
      answers: surveyResponse.answers,
      answeredAt: surveyResponse.answeredAt,
      id: surveyResponse.id,
    })
    .from(surveyResponse)
    .where(isNotNull(surveyResponse.institutionId))
    .orderBy(desc(surveyResponse.answeredAt), desc(surveyResponse.id));
  const newest = new Map<number, Record<string, string | null>>();
  for (const row of rows) {
    if (row.institutionId !== null && !newest.has(row.institutionId)) {
      newest.set(row.institutionId, row.answers as Record<string, string | null>);
    }
  }
  const values = [...newest.entries()].flatMap(([institutionId, answers]) => {
    const offer = offerFromSurvey(answers);
    return offer
      ? [
          {
            institutionId,
            carriers: [] as string[],
            ...offer,
            terms: "",
            source: "survey" as const,
            updatedBy: actor?.id ?? null,
          },
        ]
      : [];
  });
  if (!values.length) return 0;
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(digitisationOffer)
      .values(values)
      .onConflictDoNothing({ target: digitisationOffer.institutionId })
      .returning({ institutionId: digitisationOffer.institutionId });
    if (inserted.length) {
      await audit(tx, {
        actorId: actor?.id ?? null,
        action: "dragers.offer.prefill",
        subject: "digitisation_offer",
        details: { institutions: inserted.map((r) => r.institutionId) },
      });
    }
    return inserted.length;
  });
}
