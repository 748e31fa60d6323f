// Institution profiles: the newest answers for an institution (an imported survey response that
// a moderator linked, or a member's self-assessment, whichever is dated later) give its type,
// size, knowledge needs and what it can offer (docs/domain.md §4), with kennisbank articles per need.
// Only the institution's members and moderators may see a profile.

import { randomUUID } from "node:crypto";
import { desc, eq } from "drizzle-orm";
import type { DB } from "#db/client.server.ts";
import { institution } from "#db/schema/auth.ts";
import { surveyResponse } from "#db/schema/survey.ts";
import { audit } from "../audit.server.ts";
import { can, type Role } from "../auth/permissions.ts";
import { type ArticleListItem, listPublishedArticles } from "../kennisbank/articles.server.ts";
import type { ContentLocale } from "../kennisbank/model.ts";
import type { TopicKey } from "../taxonomy.ts";
import { contentHash } from "./import.server.ts";
import { needsAndOffers } from "./parse.ts";
import type { Answers } from "./questionnaire.ts";
import type { SelfAssessment } from "./self-assessment.ts";

/** Articles shown per need. */
export const ARTICLES_PER_NEED = 3;

export interface ProfileResponse {
  id: number;
  source: "import" | "self";
  wave: number;
  answeredAt: string;
  institutionType: string;
  province: string | null;
  answers: Answers;
  aiUses: string[];
}

export interface InstitutionProfile {
  institution: { id: number; name: string; type: string; confirmed: boolean };
  /** The newest answers, or null when there are none yet. */
  latest: ProfileResponse | null;
  needs: TopicKey[];
  offers: TopicKey[];
  /** Every response for the institution, newest first (no answers, just when and where from). */
  history: { id: number; source: "import" | "self"; wave: number; answeredAt: string }[];
}

/** Members of the institution and moderators (view:beheer) may see its profile. */
export function canViewProfile(
  viewer: { role: Role; institutionId: number | null },
  institutionId: number,
): boolean {
  return viewer.institutionId === institutionId || can(viewer.role, "view:beheer");
}

export async function getInstitutionProfile(
  db: DB,
  institutionId: number,
): Promise<InstitutionProfile | null> {
  const [found] = await db
    .select({
      id: institution.id,
      name: institution.name,
      type: institution.type,
      confirmed: institution.confirmed,
    })
    .from(institution)
    .where(eq(institution.id, institutionId));
  if (!found) return null;
  const responses = await db
    .select({
      id: surveyResponse.id,
      source: surveyResponse.source,
      wave: surveyResponse.wave,
      answeredAt: surveyResponse.answeredAt,
      institutionType: surveyResponse.institutionType,
      province: surveyResponse.province,
      answers: surveyResponse.answers,
      aiUses: surveyResponse.aiUses,
    })
    .from(surveyResponse)
    .where(eq(surveyResponse.institutionId, institutionId))
    .orderBy(desc(surveyResponse.answeredAt), desc(surveyResponse.id));
  const newest = responses[0];
  const latest: ProfileResponse | null = newest
    ? { ...newest, answeredAt: newest.answeredAt.toISOString() }
    : null;
  const { needs, offers } = latest ? needsAndOffers(latest) : { needs: [], offers: [] };
  return {
    institution: found,
    latest,
    needs,
    offers,
    history: responses.map((r) => ({
      id: r.id,
      source: r.source,
      wave: r.wave,
      answeredAt: r.answeredAt.toISOString(),
    })),
  };
}

/**
 * Per need, the published articles to start with: practice guides (kind "praktijk") first, then
 * the rest in the kennisbank's order; at most three.
 */
export async function startingArticles(
  db: DB,
  locale: ContentLocale,
  needs: readonly TopicKey[],
): Promise<Partial<Record<TopicKey, ArticleListItem[]>>> {
  const lists = await Promise.all(needs.map((topic) => listPublishedArticles(db, { locale, topic })));
  const result: Partial<Record<TopicKey, ArticleListItem[]>> = {};
  needs.forEach((topic, i) => {
    const articles = lists[i] ?? [];
    const ordered = [
      ...articles.filter((a) => a.kind === "praktijk"),
      ...articles.filter((a) => a.kind !== "praktijk"),
    ];
    result[topic] = ordered.slice(0, ARTICLES_PER_NEED);
  });
  return result;
}

/**
 * Stores a dated self-assessment for the member's institution. It never counts in the public
 * trends (only imported survey waves do); it becomes the profile when it is the newest.
 */
export async function saveSelfAssessment(
  db: DB,
  actor: { id: string; institutionId: number },
  input: SelfAssessment,
  now = new Date(),
): Promise<number> {
  return db.transaction(async (tx) => {
    const hash = contentHash({
      line: 0,
      respondentId: "",
      wave: now.getUTCFullYear(),
      institutionName: null,
      contactEmail: null,
      ...input,
    });
    const [row] = await tx
      .insert(surveyResponse)
      .values({
        source: "self",
        respondentId: `zelf-${randomUUID()}`,
        wave: now.getUTCFullYear(),
        answeredAt: now,
        institutionId: actor.institutionId,
        institutionType: input.institutionType,
        province: input.province,
        answers: input.answers,
        aiUses: input.aiUses,
        contentHash: hash,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: surveyResponse.id });
    const id = (row as { id: number }).id;
    await audit(tx, {
      actorId: actor.id,
      action: "survey.self_assessment",
      subject: `institution:${actor.institutionId}`,
      details: { responseId: id },
    });
    return id;
  });
}
