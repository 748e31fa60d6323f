// Practice cases (issue 23, part 2): who may draft and consent, the consent rules, the step
// into the kennisbank's review workflow, and the pages that show published cases.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadEnv } from "#app/modules/env.server.ts";
import { exportIntervision } from "#app/modules/intervisie/personal-data.server.ts";
import { transitionRevision, upsertPublishedContent } from "#app/modules/kennisbank/articles.server.ts";
import type { ArticleContent } from "#app/modules/kennisbank/model.ts";
import { loader as groupLoader } from "#app/routes/intervisie.groepen.$id.tsx";
import {
  action as sessionAction,
  loader as sessionLoader,
} from "#app/routes/intervisie.sessies.$id/route.tsx";
import { loader as articleLoader } from "#app/routes/kennisbank.$slug.tsx";
import type { Database } from "#db/client.server.ts";
import { intervisionGroup, intervisionSession, practiceCase, sessionRsvp } from "#db/schema/intervisie.ts";
import { article, articleRevision } from "#db/schema/kennisbank.ts";
import { readSeedContent } from "#db/seed/content.server.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { createGroup, joinGroup, type Person, person, system } from "#tests/support/factories.ts";
import { body, contextFor, get, post, status, thrownResponse } from "#tests/support/remix.ts";

let database: Database;
let context: AppLoadContext;
let mailDir: string;

// The real U-matic guide of the seed.
const umatic: ArticleContent = readSeedContent().find((c) => c.slug === "u-matic" && c.locale === "nl")!;

beforeEach(async () => {
  database = await createTestDatabase();
  mailDir = mkdtempSync(path.join(os.tmpdir(), "avk-casus-mail-"));
  context = contextFor(database, { env: loadEnv({ NODE_ENV: "test", MAIL_DIR: mailDir }) });
});
afterEach(async () => {
  await database?.close();
  rmSync(mailDir, { recursive: true, force: true });
});

/** A group with a session that ended an hour ago; `going` answered yes, `absent` no. */
async function endedSession() {
  const groupId = await createGroup(database.db);
  const owner = await person(database.db, "member", "Olga Inbrenger");
  const going = [
    await person(database.db, "member", "Anna"),
    await person(database.db, "member", "Bram"),
    await person(database.db, "member", "Cor"),
  ];
  const absent = await person(database.db, "member", "Dirk Afwezig");
  await joinGroup(database.db, groupId, [owner, ...going, absent]);
  const [session] = await database.db
    .insert(intervisionSession)
    .values({
      groupId,
      title: "Casus: U-matic digitaliseren",
      startsAt: new Date(Date.now() - 3 * 3_600_000),
      durationMinutes: 120,
      method: "vijfstappen",
      capacity: 8,
      roles: { caseOwner: owner.id },
      notes: "VERTROUWELIJK: het budget van de gemeente is gehalveerd.",
    })
    .returning({ id: intervisionSession.id });
  for (const m of [owner, ...going]) {
    await database.db
      .insert(sessionRsvp)
      .values({ sessionId: session!.id, userId: m.id, answer: "yes", status: "going" });
  }
  await database.db
    .insert(sessionRsvp)
    .values({ sessionId: session!.id, userId: absent.id, answer: "no", status: "not_going" });
  return { groupId, sessionId: session!.id, owner, going, absent };
}

const call = (id: number, who: Person, fields: Record<string, string>) =>
  sessionAction({
    request: post(`/intervisie/sessies/${id}`, fields, { Cookie: who.cookie }),
    params: { id: String(id) },
    context,
  });
const load = (id: number, who: Person) =>
  sessionLoader({
    request: get(`/intervisie/sessies/${id}`, { Cookie: who.cookie }),
    params: { id: String(id) },
    context,
  });

const caseFields = {
  intent: "casus",
  title: "Een U-matic-collectie laten digitaliseren met een klein budget",
  question: "Hoe kies ik een leverancier voor 300 U-matic-banden?",
  advice: "Vraag drie offertes en laat een proefbatch van tien banden doen.",
  action: "Ik vroeg drie offertes aan en liet een proefbatch doen.",
  outcome: "De proefbatch liet zien welke banden eerst gebakken moesten worden.",
  topics: "digitisation",
  carriers: "u-matic",
  attribution: "anoniem",
};

async function caseArticle() {
  const [row] = await database.db.select().from(practiceCase);
  return row ?? null;
}

describe("practice cases", () => {
  beforeEach(async () => {
    await upsertPublishedContent(database.db, system, umatic);
  });

  it("goes to review only when every member present consented; a withdrawal makes it wait", async () => {
    const { sessionId, owner, going } = await endedSession();
    const drafted = await call(sessionId, owner, caseFields);
    expect(status(drafted)).toBe(200);
    const [anna, bram, cor] = going as [Person, Person, Person];
    await call(sessionId, anna, { intent: "casus-toestemming" });
    await call(sessionId, bram, { intent: "casus-toestemming" });
    await call(sessionId, anna, { intent: "casus-intrekken" });
    await call(sessionId, cor, { intent: "casus-toestemming" });
    expect((await caseArticle())?.articleSlug).toBeNull();
    expect(await database.db.select().from(article).where(eq(article.kind, "praktijk"))).toHaveLength(0);

    const page = body<{ practice: { case: { consents: { name: string; given: boolean }[] } } }>(
      await load(sessionId, owner),
    );
    expect(page.practice.case.consents.filter((c) => !c.given).map((c) => c.name)).toEqual(["Anna"]);

    await call(sessionId, anna, { intent: "casus-toestemming" });
    const submitted = await caseArticle();
    expect(submitted?.articleSlug).toMatch(/^praktijkcasus-\d+$/);
    const [rev] = await database.db
      .select()
      .from(articleRevision)
      .innerJoin(article, eq(article.id, articleRevision.articleId))
      .where(eq(article.slug, submitted!.articleSlug!));
    expect(rev!.article.kind).toBe("praktijk");
    expect(rev!.article_revision.status).toBe("draft");
    expect(rev!.article_revision.authorId).toBe(owner.id);
    expect(rev!.article_revision.data.related).toEqual(["u-matic"]);
    expect(rev!.article_revision.data.sources.map((s) => s.key)).toEqual(["trendmonitor-2024"]);
    expect(rev!.article_revision.body).toContain("[@?, praktijkcasus uit intervisie]");
    // Session notes are never copied.
    expect(rev!.article_revision.body).not.toContain("VERTROUWELIJK");

    // Consents are fixed once submitted.
    const late = await call(sessionId, anna, { intent: "casus-intrekken" });
    expect(status(late)).toBe(409);

    // Not public before a moderator publishes it.
    const slug = submitted!.articleSlug!;
    const before = await thrownResponse(() =>
      articleLoader({ request: get(`/kennisbank/${slug}`), params: { slug }, context }),
    );
    expect(before.status).toBe(404);
    const guideBefore = body<{ fromPractice: unknown[] }>(
      await articleLoader({ request: get("/kennisbank/u-matic"), params: { slug: "u-matic" }, context }),
    );
    expect(guideBefore.fromPractice).toEqual([]);

    const moderator = await person(database.db, "moderator", "Mia Moderator");
    await transitionRevision(database.db, moderator, rev!.article_revision.id, "review");
    await transitionRevision(database.db, moderator, rev!.article_revision.id, "publish");
    const guide = body<{ fromPractice: { slug: string; title: string }[] }>(
      await articleLoader({ request: get("/kennisbank/u-matic"), params: { slug: "u-matic" }, context }),
    );
    expect(guide.fromPractice.map((c) => c.title)).toEqual([caseFields.title]);
    // A case is written in Dutch: on the English guide it keeps its Dutch title, marked as Dutch.
    const englishGuide = body<{ fromPractice: { title: string; locale: string }[] }>(
      await articleLoader({ request: get("/en/kennisbank/u-matic"), params: { slug: "u-matic" }, context }),
    );
    expect(englishGuide.fromPractice).toEqual([
      expect.objectContaining({ title: caseFields.title, locale: "nl" }),
    ]);

    const group = body<{ cases: { slug: string }[] }>(
      await groupLoader({
        request: get("/intervisie/groepen/1", { Cookie: owner.cookie }),
        params: { id: String((await database.db.select().from(intervisionGroup))[0]!.id) },
        context,
      }),
    );
    expect(group.cases.map((c) => c.slug)).toEqual([slug]);

    const exported = await exportIntervision(database.db, anna.id);
    expect(exported.practiceCaseConsents).toHaveLength(1);
    expect(exported.practiceCaseConsents[0]!.withdrawnAt).toBeNull();
  });

  it("only the case owner drafts; only members present consent; outsiders get 403, unknown sessions 404", async () => {
    const { sessionId, owner, going, absent } = await endedSession();
    const [anna] = going as [Person];
    const byOther = await call(sessionId, anna, caseFields);
    expect(status(byOther)).toBe(403);
    expect(await caseArticle()).toBeNull();

    await call(sessionId, owner, caseFields);
    const notPresent = await call(sessionId, absent, { intent: "casus-toestemming" });
    expect(status(notPresent)).toBe(403);
    expect(body<{ errors: { form: string } }>(notPresent).errors.form).toMatch(/aanwezig/);

    const outsider = await person(database.db, "member", "Buiten Staander");
    const refused = await thrownResponse(() => call(sessionId, outsider, { intent: "casus-toestemming" }));
    expect(refused.status).toBe(403);
    const hidden = await thrownResponse(() => load(sessionId, outsider));
    expect(hidden.status).toBe(403);
    const unknown = await thrownResponse(() => call(sessionId + 999, anna, { intent: "casus-toestemming" }));
    expect(unknown.status).toBe(404);

    // A moderator who is not a member sees the session, but not the group's case text.
    const moderator = await person(database.db, "moderator", "Mia Moderator");
    const modView = body<{ practice: unknown }>(await load(sessionId, moderator));
    expect(modView.practice).toBeNull();
    const modConsent = await call(sessionId, moderator, { intent: "casus-toestemming" });
    expect(status(modConsent)).toBe(403);
  });

  it("cannot be drafted before the session ended, and bad input comes back with messages", async () => {
    const { sessionId, owner } = await endedSession();
    await database.db
      .update(intervisionSession)
      .set({ startsAt: new Date(Date.now() - 30 * 60_000) })
      .where(eq(intervisionSession.id, sessionId));
    const early = await call(sessionId, owner, caseFields);
    expect(status(early)).toBe(403);

    await database.db
      .update(intervisionSession)
      .set({ startsAt: new Date(Date.now() - 3 * 3_600_000) })
      .where(eq(intervisionSession.id, sessionId));
    const bad = await call(sessionId, owner, { ...caseFields, question: "  ", topics: "" });
    expect(status(bad)).toBe(400);
    const errors = body<{ errors: Record<string, string>; values: { title: string } }>(bad);
    expect(errors.errors.question).toBe("Vul de vraag in.");
    expect(errors.errors.topics).toBeTruthy();
    expect(errors.values.title).toBe(caseFields.title);
    const unknownSource = await call(sessionId, owner, { ...caseFields, sources: "bestaat-niet" });
    expect(status(unknownSource)).toBe(400);
    expect(await caseArticle()).toBeNull();
  });
});
