// Practice cases: after a session, the case owner writes up what the group learned; it leaves
// the group only when every member who was present consented, and then enters the kennisbank's
// review workflow as a draft of kind `praktijk` (docs/decisions/014-practice-cases.md).

import { and, arrayOverlaps, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { MessageKey } from "#app/i18n/index.ts";
import type { DB } from "#db/client.server.ts";
import { preparedFor } from "#db/prepared.server.ts";
import { institution, user } from "#db/schema/auth.ts";
import {
  intervisionMember,
  intervisionSession,
  practiceCase,
  practiceCaseConsent,
  sessionRsvp,
} from "#db/schema/intervisie.ts";
import { article } from "#db/schema/kennisbank.ts";
import { audit } from "../../audit.server.ts";
import { createArticle, getArticleTitles } from "../../kennisbank/articles.server.ts";
import type { ContentLocale } from "../../kennisbank/model.ts";
import { sourcesByKey } from "../../kennisbank/sources.server.ts";
import { notify } from "../../notifications/notifications.server.ts";
import { topics as topicList } from "../../taxonomy.ts";
import type { GroupAccess } from "../access.server.ts";
import {
  getSession,
  noAccess,
  notFound,
  requireSessionAccess,
  SessionError,
  type SessionRow,
  sessionLink,
  type Tx,
  type Viewer,
} from "./core.server.ts";

export const attributions = ["anoniem", "type", "namen"] as const;
export type Attribution = (typeof attributions)[number];

/** The registry source a case without sources of its own cites: the report that asks for practice examples. */
export const defaultCaseSource = "trendmonitor-2024";

// Each field's two messages: `form.case.<name>` when empty, `…Long` (with the bound) when too long.
const field = (empty: MessageKey, tooLong: MessageKey, max: number) =>
  z.string().trim().min(1, empty).max(max, tooLong);

export const caseSchema = z.object({
  title: field("form.case.title", "form.case.titleLong", 200),
  question: field("form.case.question", "form.case.questionLong", 4000),
  advice: field("form.case.advice", "form.case.adviceLong", 4000),
  action: field("form.case.action", "form.case.actionLong", 4000),
  outcome: field("form.case.outcome", "form.case.outcomeLong", 4000),
  topics: z.array(z.enum(topicList.map((t) => t.key) as [string, ...string[]])).min(1, "form.case.topics"),
  carriers: z
    .array(z.string().regex(/^[a-z0-9-]+$/, "form.case.carrier"))
    .max(20)
    .default([]),
  sourceKeys: z
    .array(z.string().regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, "form.case.source"))
    .max(20)
    .default([]),
  attribution: z.enum(attributions, {
    errorMap: () => ({ message: "form.case.attribution" }),
  }),
});
export type CaseInput = z.infer<typeof caseSchema>;

const ended = (session: SessionRow, now: Date) =>
  session.cancelledAt === null &&
  session.startsAt.getTime() + session.durationMinutes * 60_000 <= now.getTime();

/**
 * Who was present: members of the group whose answer for the session was "going" when it had
 * ended. There is no separate attendance record; before the end nobody was present yet.
 */
export async function presentMembers(
  db: DB | Tx,
  session: SessionRow,
  now = new Date(),
): Promise<{ userId: string; name: string }[]> {
  if (!ended(session, now)) return [];
  return db
    .select({ userId: sessionRsvp.userId, name: user.name })
    .from(sessionRsvp)
    .innerJoin(user, eq(user.id, sessionRsvp.userId))
    .innerJoin(
      intervisionMember,
      and(eq(intervisionMember.userId, sessionRsvp.userId), eq(intervisionMember.groupId, session.groupId)),
    )
    .where(and(eq(sessionRsvp.sessionId, session.id), eq(sessionRsvp.status, "going")))
    .orderBy(asc(user.name));
}

export interface CaseView {
  id: number;
  ownerId: string | null;
  title: string;
  question: string;
  advice: string;
  action: string;
  outcome: string;
  topics: string[];
  carriers: string[];
  sourceKeys: string[];
  attribution: Attribution;
  articleSlug: string | null;
  published: boolean;
  consents: { userId: string; name: string; given: boolean; nameInstitution: boolean }[];
}

async function caseRow(db: DB | Tx, sessionId: number) {
  const [row] = await db.select().from(practiceCase).where(eq(practiceCase.sessionId, sessionId));
  return row ?? null;
}

/**
 * What the session page shows about the practice case: only to members of the group (the text
 * is the group's until it is submitted). Null for others or when there is none.
 */
export async function caseForSession(
  db: DB,
  viewer: Viewer,
  /** The session's id, or its row and the viewer's access when the caller has them already. */
  target: number | { session: SessionRow; access: GroupAccess },
  now = new Date(),
): Promise<{
  present: { userId: string; name: string }[];
  isPresent: boolean;
  canDraft: boolean;
  ended: boolean;
  case: CaseView | null;
} | null> {
  const { session, access } =
    typeof target === "number" ? await requireSessionAccess(db, target, viewer) : target;
  if (access.membership === null) return null;
  const [present, row] = await Promise.all([presentMembers(db, session, now), caseRow(db, session.id)]);
  const isPresent = present.some((p) => p.userId === viewer.id);
  const canDraft = isPresent && session.roles.caseOwner === viewer.id && !row?.articleSlug;
  if (!row) return { present, isPresent, canDraft, ended: ended(session, now), case: null };
  const consents = await db
    .select({
      userId: practiceCaseConsent.userId,
      withdrawnAt: practiceCaseConsent.withdrawnAt,
      nameInstitution: practiceCaseConsent.nameInstitution,
    })
    .from(practiceCaseConsent)
    .where(eq(practiceCaseConsent.caseId, row.id));
  const byUser = new Map(consents.map((c) => [c.userId, c]));
  const published = row.articleSlug
    ? (await getArticleTitles(db, [row.articleSlug], "nl")).length > 0
    : false;
  return {
    present,
    isPresent,
    canDraft,
    ended: ended(session, now),
    case: {
      id: row.id,
      ownerId: row.ownerId,
      title: row.title,
      question: row.question,
      advice: row.advice,
      action: row.action,
      outcome: row.outcome,
      topics: row.topics,
      carriers: row.carriers,
      sourceKeys: row.sourceKeys,
      attribution: row.attribution as Attribution,
      articleSlug: row.articleSlug,
      published,
      consents: present.map((p) => {
        const c = byUser.get(p.userId);
        return {
          userId: p.userId,
          name: p.name,
          given: !!c && c.withdrawnAt === null,
          nameInstitution: c?.nameInstitution ?? false,
        };
      }),
    },
  };
}

async function requirePresent(db: DB | Tx, viewer: Viewer, sessionId: number, now: Date) {
  const { session, access } = await requireSessionAccess(db as DB, sessionId, viewer);
  if (access.membership === null) throw noAccess();
  const present = await presentMembers(db, session, now);
  if (!present.some((p) => p.userId === viewer.id)) {
    throw new SessionError("error.session.notPresent", 403);
  }
  return { session, present };
}

/**
 * The case owner writes (or rewrites) the case. The owner's own consent is given with it; a
 * rewrite asks the others again, since they consented to a different text.
 */
export async function draftCase(
  db: DB,
  viewer: Viewer,
  sessionId: number,
  input: CaseInput,
  now = new Date(),
): Promise<{ caseId: number; submitted: boolean }> {
  const { session } = await requirePresent(db, viewer, sessionId, now);
  if (session.roles.caseOwner !== viewer.id) {
    throw new SessionError("error.session.notPresenter", 403);
  }
  if (input.carriers.length) {
    const known = await db
      .select({ slug: article.slug })
      .from(article)
      .where(and(inArray(article.slug, input.carriers), eq(article.kind, "drager")));
    if (known.length !== new Set(input.carriers).size) throw new SessionError("error.session.unknownCarrier");
  }
  if (input.sourceKeys.length) {
    const known = await sourcesByKey(db, input.sourceKeys);
    const missing = input.sourceKeys.filter((k) => !known.has(k));
    if (missing.length)
      throw new SessionError("error.session.unknownSources", 400, { keys: missing.join(", ") });
  }
  const result = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(practiceCase)
      .where(eq(practiceCase.sessionId, sessionId))
      .for("update");
    if (existing?.articleSlug) {
      throw new SessionError("error.session.caseInKennisbank", 409);
    }
    const values = {
      title: input.title,
      question: input.question,
      advice: input.advice,
      action: input.action,
      outcome: input.outcome,
      topics: input.topics,
      carriers: [...new Set(input.carriers)],
      sourceKeys: [...new Set(input.sourceKeys)],
      attribution: input.attribution,
      updatedAt: now,
    };
    let caseId: number;
    if (existing) {
      caseId = existing.id;
      await tx.update(practiceCase).set(values).where(eq(practiceCase.id, caseId));
      await tx.delete(practiceCaseConsent).where(eq(practiceCaseConsent.caseId, caseId));
    } else {
      const [row] = await tx
        .insert(practiceCase)
        .values({ sessionId, ownerId: viewer.id, ...values })
        .returning({ id: practiceCase.id });
      caseId = row!.id;
    }
    await tx.insert(practiceCaseConsent).values({ caseId, userId: viewer.id, consentedAt: now });
    await audit(tx, {
      actorId: viewer.id,
      action: "intervisie.casus.opgesteld",
      subject: `praktijkcasus:${caseId}`,
      details: { sessionId },
    });
    return { caseId, submitted: await submitWhenComplete(tx, caseId, session, now) };
  });
  const present = await presentMembers(db, session, now);
  await notify(
    db,
    present.map((p) => p.userId).filter((id) => id !== viewer.id),
    (t) => ({
      title: t("notify.case.consent.title", { session: session.title }),
      body: t("notify.case.consent.body", { session: session.title }),
      link: `${sessionLink(sessionId)}#casus`,
    }),
  );
  return result;
}

/** A present member consents (again) or withdraws, until the case is submitted. */
export async function setConsent(
  db: DB,
  viewer: Viewer,
  sessionId: number,
  input: { give: boolean; nameInstitution?: boolean },
  now = new Date(),
): Promise<{ submitted: boolean }> {
  const { session } = await requirePresent(db, viewer, sessionId, now);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(practiceCase)
      .where(eq(practiceCase.sessionId, sessionId))
      .for("update");
    if (!row) throw new SessionError("error.session.noCase", 404);
    if (row.articleSlug) {
      throw new SessionError("error.session.caseSubmitted", 409);
    }
    if (input.give) {
      const values = { consentedAt: now, withdrawnAt: null, nameInstitution: input.nameInstitution ?? false };
      await tx
        .insert(practiceCaseConsent)
        .values({ caseId: row.id, userId: viewer.id, ...values })
        .onConflictDoUpdate({
          target: [practiceCaseConsent.caseId, practiceCaseConsent.userId],
          set: values,
        });
    } else {
      await tx
        .update(practiceCaseConsent)
        .set({ withdrawnAt: now })
        .where(and(eq(practiceCaseConsent.caseId, row.id), eq(practiceCaseConsent.userId, viewer.id)));
    }
    await audit(tx, {
      actorId: viewer.id,
      action: input.give ? "intervisie.casus.toestemming" : "intervisie.casus.ingetrokken",
      subject: `praktijkcasus:${row.id}`,
    });
    return { submitted: input.give ? await submitWhenComplete(tx, row.id, session, now) : false };
  });
}

/** When every present member consents, the case becomes a draft article in the review workflow. */
async function submitWhenComplete(tx: Tx, caseId: number, session: SessionRow, now: Date): Promise<boolean> {
  const present = await presentMembers(tx, session, now);
  const consents = await tx
    .select({
      userId: practiceCaseConsent.userId,
      nameInstitution: practiceCaseConsent.nameInstitution,
      institutionName: institution.name,
      institutionType: institution.type,
    })
    .from(practiceCaseConsent)
    .innerJoin(user, eq(user.id, practiceCaseConsent.userId))
    .leftJoin(institution, eq(institution.id, user.institutionId))
    .where(and(eq(practiceCaseConsent.caseId, caseId), isNull(practiceCaseConsent.withdrawnAt)));
  const given = new Set(consents.map((c) => c.userId));
  if (present.length === 0 || !present.every((p) => given.has(p.userId))) return false;
  const [row] = await tx.select().from(practiceCase).where(eq(practiceCase.id, caseId));
  if (!row || row.articleSlug) return false;

  const types = [...new Set(consents.flatMap((c) => (c.institutionType ? [c.institutionType] : [])))].sort();
  const names = [
    ...new Set(consents.flatMap((c) => (c.nameInstitution && c.institutionName ? [c.institutionName] : []))),
  ].sort();
  const attribution =
    row.attribution === "namen" && names.length
      ? `Met medewerking van ${names.join(", ")}${names.length < consents.length ? " en andere deelnemers" : ""}.`
      : row.attribution !== "anoniem" && types.length
        ? `Deelnemers uit: ${types.join(", ").toLowerCase()}.`
        : "De deelnemers blijven anoniem.";
  const keys = row.sourceKeys.length ? row.sourceKeys : [defaultCaseSource];
  const registry = await sourcesByKey(tx as unknown as DB, keys);
  const month = new Intl.DateTimeFormat("nl-NL", {
    month: "long",
    year: "numeric",
    timeZone: "Europe/Amsterdam",
  }).format(session.startsAt);
  const cite = row.sourceKeys.length
    ? row.sourceKeys.map((k) => `[@${k}]`).join(" ")
    : "[@?, praktijkcasus uit intervisie]";
  const body = [
    `## De vraag\n\n${row.question}`,
    `## Wat de groep adviseerde\n\n${row.advice}`,
    `## Wat de inbrenger deed\n\n${row.action}`,
    `## Wat er gebeurde\n\n${row.outcome}`,
    `## Over deze casus\n\nUit een intervisiebijeenkomst van ${month}. ${attribution} ${cite}`,
  ].join("\n\n");
  const slug = `praktijkcasus-${row.id}`;
  await createArticle(
    tx as unknown as DB,
    // Created by the system on behalf of the case owner, who is its author.
    { id: row.ownerId, role: "system" },
    {
      slug,
      kind: "praktijk",
      locale: "nl",
      title: row.title,
      summary: row.question.length > 280 ? `${row.question.slice(0, 277).trimEnd()}…` : row.question,
      body,
      note: `Praktijkcasus uit intervisie, met toestemming van alle ${present.length} aanwezigen.`,
      data: {
        topics: row.topics as never,
        institutionTypes: [],
        needsReview: row.sourceKeys.length === 0,
        uncertain: [],
        sources: keys.map((key) => ({ key, title: registry.get(key)?.title ?? key })),
        related: row.carriers,
      },
    },
  );
  await tx
    .update(practiceCase)
    .set({ articleSlug: slug, submittedAt: now })
    .where(eq(practiceCase.id, caseId));
  await audit(tx, {
    actorId: row.ownerId,
    action: "intervisie.casus.ingediend",
    subject: `praktijkcasus:${caseId}`,
  });
  return true;
}

/** Built once: the group page runs it on every view. */
const publishedCaseSlugs = preparedFor((db) =>
  db
    .select({ slug: practiceCase.articleSlug })
    .from(practiceCase)
    .innerJoin(intervisionSession, eq(intervisionSession.id, practiceCase.sessionId))
    .where(
      and(eq(intervisionSession.groupId, sql.placeholder("groupId")), isNotNull(practiceCase.articleSlug)),
    )
    .orderBy(asc(practiceCase.submittedAt))
    .prepare("published_case_slugs"),
);

/** A group's published cases (for its page). */
export async function publishedCasesOfGroup(db: DB, groupId: number, locale: ContentLocale) {
  const rows = await publishedCaseSlugs(db).execute({ groupId });
  return getArticleTitles(
    db,
    rows.map((r) => r.slug!),
    locale,
  );
}

/** Published cases about a guide: its carrier slug, or one of its topics ("Uit de praktijk"). */
export async function casesForGuide(db: DB, slug: string, topics: string[], locale: ContentLocale) {
  const rows = await db
    .select({ slug: practiceCase.articleSlug })
    .from(practiceCase)
    .where(
      and(
        isNotNull(practiceCase.articleSlug),
        topics.length
          ? sql`(${slug} = any(${practiceCase.carriers}) or ${arrayOverlaps(practiceCase.topics, topics)})`
          : sql`${slug} = any(${practiceCase.carriers})`,
      ),
    )
    .orderBy(asc(practiceCase.submittedAt));
  return getArticleTitles(
    db,
    rows.map((r) => r.slug!).filter((s) => s !== slug),
    locale,
  );
}

/** A member's consents, for the data download. */
export async function exportConsents(db: DB, userId: string) {
  return db
    .select({
      case: practiceCase.title,
      session: intervisionSession.title,
      nameInstitution: practiceCaseConsent.nameInstitution,
      consentedAt: practiceCaseConsent.consentedAt,
      withdrawnAt: practiceCaseConsent.withdrawnAt,
    })
    .from(practiceCaseConsent)
    .innerJoin(practiceCase, eq(practiceCase.id, practiceCaseConsent.caseId))
    .innerJoin(intervisionSession, eq(intervisionSession.id, practiceCase.sessionId))
    .where(eq(practiceCaseConsent.userId, userId));
}

export { getSession, notFound };
