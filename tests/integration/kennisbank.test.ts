import type { AppLoadContext } from "@remix-run/node";
import { count, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  getPublishedArticle,
  KennisbankError,
  listCarriers,
  listPublishedArticles,
  revertToRevision,
  reviewQueue,
  saveRevision,
  setArchived,
  transitionRevision,
  upsertPublishedContent,
} from "#app/modules/kennisbank/articles.server.ts";
import { applyImport, exportZip, readImportFiles } from "#app/modules/kennisbank/bulk.server.ts";
import { serializeArticleFile } from "#app/modules/kennisbank/front-matter.server.ts";
import { renderMarkdown } from "#app/modules/kennisbank/markdown.server.ts";
import type { ArticleContent } from "#app/modules/kennisbank/model.ts";
import { seedSources, sourceLookup } from "#app/modules/kennisbank/sources.server.ts";
import { loader as apiSearch } from "#app/routes/api.search.ts";
import { loader as articleLoader } from "#app/routes/kennisbank.$slug.tsx";
import { action as editAction } from "#app/routes/kennisbank.$slug_.bewerken.tsx";
import type { Database } from "#db/client.server.ts";
import { auditLog } from "#db/schema/auth.ts";
import { article, articleRevision } from "#db/schema/kennisbank.ts";
import { readSeedContent, seedArticles } from "#db/seed/content.server.ts";
import { readSourceRegistry } from "#db/seed/sources.server.ts";
import { userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { articleContent, system } from "#tests/support/factories.ts";
import { expectSafeHtml } from "#tests/support/html.ts";
import { contextFor, get, post, thrownResponse } from "#tests/support/remix.ts";

/** A seed article that has no English version (the seed has such articles of kind praktijk). */
function dutchOnlySeedArticle(): ArticleContent {
  const contents = readSeedContent();
  const english = new Set(contents.filter((c) => c.locale === "en").map((c) => c.slug));
  const found = contents.find((c) => c.locale === "nl" && !english.has(c.slug));
  if (!found)
    throw new Error("Elk seed-artikel heeft een Engelse versie: deze test heeft er een zonder nodig.");
  return found;
}

function sample(overrides: Partial<ArticleContent> = {}): ArticleContent {
  return articleContent({
    body: "## Klimaat\n\nBewaar banden koel en droog.\n\n## Controle\n\nKijk elk jaar.",
    ...overrides,
  });
}

describe("seed content", () => {
  const contents = readSeedContent();
  const nl = contents.filter((c) => c.locale === "nl");
  const slugs = new Set(nl.map((c) => c.slug));

  it("has at least 25 carrier guides, including every carrier the brief names", () => {
    const carriers = nl.filter((c) => c.kind === "drager");
    expect(carriers.length).toBeGreaterThanOrEqual(25);
    const names = carriers.map((c) =>
      [c.title, ...c.carrier!.names.nl, ...c.carrier!.names.en, ...c.carrier!.aliases]
        .join(" ")
        .toLowerCase(),
    );
    const required = [
      "u-matic",
      "vhs",
      "betamax",
      "video 2000",
      "betacam sp",
      "digital betacam",
      "hi8",
      "minidv",
      "1-inch",
      "quadruplex",
      "open reel",
      "cassette",
      "dat",
      "minidisc",
      "cd-r",
      "dvd-r",
      "laserdisc",
      "78",
      "vinyl",
      "lak",
      "super 8",
      "9,5",
      "16mm",
      "35mm",
      "nitra",
    ];
    const missing = required.filter(
      (r) => !names.some((n) => n.includes(r) || n.replace(/[\s-]/g, "").includes(r.replace(/[\s-]/g, ""))),
    );
    expect(missing).toEqual([]);
  });

  it("covers OOC, both convenants, the AVG themes and a practice guide per topic", () => {
    const legal = nl.filter((c) => c.kind === "juridisch");
    const text = legal.map((c) => `${c.title} ${c.body}`.toLowerCase());
    expect(text.some((t) => t.includes("out-of-commerce") || t.includes("ooc"))).toBe(true);
    expect(legal.some((c) => /audiovisuele werken/i.test(c.title))).toBe(true);
    expect(legal.some((c) => /losstaande muziek/i.test(c.title))).toBe(true);
    for (const theme of [
      "grondslag",
      "portretrecht",
      "studiezaal",
      "vergetelheid",
      "bijzondere",
      "spraakherkenning",
    ]) {
      expect(
        legal.some((c) => `${c.slug} ${c.title}`.toLowerCase().includes(theme)),
        theme,
      ).toBe(true);
    }
    const practice = nl.filter((c) => c.kind === "praktijk");
    for (const topic of [
      "metadata",
      "digitisation",
      "copyright",
      "outsourcing",
      "storage",
      "born_digital",
      "avg",
      "ai",
      "carriers",
    ]) {
      expect(
        practice.some((c) => c.topics[0] === topic || c.topics.includes(topic)),
        topic,
      ).toBe(true);
    }
  });

  it("has English versions of at least ten articles, each of an existing Dutch one", () => {
    const en = contents.filter((c) => c.locale === "en");
    expect(en.length).toBeGreaterThanOrEqual(10);
    for (const c of en) expect(slugs.has(c.slug), c.slug).toBe(true);
  });

  it("links only to articles that exist, and marks uncertain content for review", () => {
    const broken: string[] = [];
    for (const c of contents) {
      const { links } = renderMarkdown(c.body);
      for (const slug of [...links, ...c.related, ...(c.carrier?.lookalikes ?? [])]) {
        if (!slugs.has(slug)) broken.push(`${c.slug} (${c.locale}) → ${slug}`);
      }
      if (c.uncertain.length) expect(c.needsReview, c.slug).toBe(true);
    }
    expect(broken).toEqual([]);
  });
});

describe("kennisbank with the seed loaded", () => {
  let database: Database;
  let context: AppLoadContext;
  beforeAll(async () => {
    database = await createTestDatabase();
    context = contextFor(database);
    await seedSources(database.db, readSourceRegistry());
    await seedArticles(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("seeds every file once; a second seed keeps what is there", async () => {
    const contents = readSeedContent();
    const [{ n } = { n: 0 }] = await database.db.select({ n: count() }).from(articleRevision);
    expect(n).toBe(contents.length);
    expect(await seedArticles(database.db)).toEqual({ added: 0, kept: contents.length });
  });

  it("one search spans the guides and the sector's sources: kenjedrager is found as a source", async () => {
    const response = await apiSearch({
      request: get("/api/search?kind=bron&q=kenjedrager"),
      params: {},
      context,
    });
    const result = (await response.json()) as { hits: { slug: string; kind: string }[] };
    expect(result.hits[0]).toMatchObject({ slug: "bron:kenjedrager", kind: "bron" });
    // /bronnen lists the registry: at least the 40 sources issue 18 asks for, the sector's first.
    const sources = readSourceRegistry();
    expect(sources.size).toBeGreaterThanOrEqual(40);
  });

  it("browses by kind and topic, in English where translated", async () => {
    const carriers = await listPublishedArticles(database.db, { locale: "nl", kind: "drager" });
    expect(carriers.length).toBeGreaterThanOrEqual(25);
    expect(carriers.every((c) => c.kind === "drager")).toBe(true);
    const avg = await listPublishedArticles(database.db, { locale: "nl", topic: "avg" });
    expect(avg.length).toBeGreaterThan(3);
    expect(avg.every((a) => a.topics.includes("avg"))).toBe(true);
    const english = await listPublishedArticles(database.db, { locale: "en", kind: "drager" });
    const umatic = english.find((a) => a.slug === "u-matic")!;
    expect(umatic.locale).toBe("en");
    // An article without an English version is listed in Dutch.
    const dutchOnly = dutchOnlySeedArticle();
    const listed = await listPublishedArticles(database.db, { locale: "en", kind: dutchOnly.kind });
    expect(listed.find((a) => a.slug === dutchOnly.slug)!.locale).toBe("nl");
  });

  it("shows an article with its fact box, contents and related articles; English falls back to Dutch", async () => {
    const page = await articleLoader({
      request: get("/kennisbank/u-matic"),
      params: { slug: "u-matic" },
      context,
    });
    expect(page.article.title).toMatch(/U-matic/);
    expect(page.article.data.carrier?.riskLevel).toBe("zeer_hoog");
    expect(page.article.toc.length).toBeGreaterThan(2);
    expect(page.article.html).toContain('<h2 id="');
    expect(page.article.html.toLowerCase()).toContain("bak");
    expect(page.related.length).toBeGreaterThan(0);
    const { slug: dutchOnly } = dutchOnlySeedArticle();
    const fallback = await articleLoader({
      request: get(`/en/kennisbank/${dutchOnly}`),
      params: { slug: dutchOnly },
      context,
    });
    expect(fallback.article.fellBack).toBe(true);
    expect(fallback.article.locale).toBe("nl");
    const translated = await articleLoader({
      request: get("/en/kennisbank/u-matic"),
      params: { slug: "u-matic" },
      context,
    });
    expect(translated.article.fellBack).toBe(false);
    // Its links to other pages of the site stay in English.
    expect(translated.article.html).not.toMatch(/href="\/(?!en[/"])(?!\/)/);
    expect(translated.article.locale).toBe("en");
    const missing = await thrownResponse(() =>
      articleLoader({ request: get("/kennisbank/bestaat-niet"), params: { slug: "bestaat-niet" }, context }),
    );
    expect(missing.status).toBe(404);
  });

  it("lists the carriers sortable by risk, years and name", async () => {
    const byRisk = await listCarriers(database.db, "nl", "risico", "af");
    const rank = { laag: 1, middel: 2, hoog: 3, zeer_hoog: 4 };
    for (let i = 1; i < byRisk.length; i++) {
      expect(rank[byRisk[i - 1]!.riskLevel]).toBeGreaterThanOrEqual(rank[byRisk[i]!.riskLevel]);
    }
    const byYears = await listCarriers(database.db, "nl", "jaren", "op");
    const years = byYears.map((c) => c.yearsFrom);
    expect(years).toEqual([...years].sort((a, b) => a - b));
    const byName = await listCarriers(database.db, "nl", "naam", "op");
    const names = byName.map((c) => c.title);
    expect(names).toEqual(
      [...names].sort(new Intl.Collator("nl", { sensitivity: "base", numeric: true }).compare),
    );
  });

  it("exports every published article and imports the export into an empty database unchanged", async () => {
    const zip = await exportZip(database.db);
    const read = readImportFiles([{ name: "kennisbank.zip", bytes: zip }], await sourceLookup(database.db));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.contents.length).toBe(readSeedContent().length);
    const other = await createTestDatabase({ separate: true });
    try {
      await seedSources(other.db, readSourceRegistry());
      const counts = await applyImport(other.db, system, read.contents);
      expect(counts.created).toBe(read.contents.filter((c) => c.locale === "nl").length);
      expect(counts.translated).toBe(read.contents.filter((c) => c.locale === "en").length);
      const again = readImportFiles(
        [{ name: "k.zip", bytes: await exportZip(other.db) }],
        await sourceLookup(other.db),
      );
      if (!again.ok) throw new Error("export van de kopie faalde");
      const key = (c: ArticleContent) => `${c.slug}/${c.locale}`;
      const sorted = (list: ArticleContent[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
      expect(sorted(again.contents)).toEqual(sorted(read.contents));
      // Importing the same files again changes nothing.
      expect(await applyImport(other.db, system, read.contents)).toMatchObject({
        created: 0,
        updated: 0,
        translated: 0,
      });
    } finally {
      await other.close();
    }
    // A fresh database and the whole kennisbank written twice: its time grows with the content.
  }, 180_000);
});

describe("curation workflow", () => {
  let database: Database;
  beforeEach(async () => {
    database = await createTestDatabase();
    await upsertPublishedContent(database.db, system, sample());
  });
  afterEach(async () => {
    await database?.close();
  });

  const edit = (base: number | null, body: string) => ({
    slug: "proefartikel",
    locale: "nl" as const,
    title: "Proefartikel over opslag",
    summary: "Een korte samenvatting.",
    body,
    data: { ...sample(), topics: ["storage"] } as never,
    baseRevisionId: base,
  });

  async function publishedId() {
    return (await getPublishedArticle(database.db, "proefartikel", "nl"))!.revisionId;
  }

  it("takes a member's suggestion from draft through review to published, and audits each step", async () => {
    const member = await userWithSession(database.db, "member");
    const moderator = await userWithSession(database.db, "moderator");
    const base = await publishedId();
    const saved = await saveRevision(
      database.db,
      { id: member.id, role: "member" },
      edit(base, "## Klimaat\n\nBewaar banden koel, droog en donker."),
    );
    if (!saved.ok) throw new Error("conflict");
    const queue = await reviewQueue(database.db);
    expect(queue.map((q) => [q.id, q.status, q.authorRole])).toEqual([[saved.revisionId, "draft", "member"]]);
    // A member cannot move it on.
    await expect(
      transitionRevision(database.db, { id: member.id, role: "member" }, saved.revisionId, "review"),
    ).rejects.toThrow(KennisbankError);
    // Publishing needs a review first.
    await expect(
      transitionRevision(database.db, { id: moderator.id, role: "moderator" }, saved.revisionId, "publish"),
    ).rejects.toThrow(/ter beoordeling|kan niet/);
    await transitionRevision(
      database.db,
      { id: moderator.id, role: "moderator" },
      saved.revisionId,
      "review",
    );
    await transitionRevision(
      database.db,
      { id: moderator.id, role: "moderator" },
      saved.revisionId,
      "publish",
    );
    const now = await getPublishedArticle(database.db, "proefartikel", "nl");
    expect(now!.revisionId).toBe(saved.revisionId);
    expect(now!.body).toContain("donker");
    const statuses = await database.db
      .select({ id: articleRevision.id, status: articleRevision.status })
      .from(articleRevision)
      .orderBy(articleRevision.id);
    expect(statuses.map((s) => s.status)).toEqual(["superseded", "published"]);
    const actions = (await database.db.select().from(auditLog).orderBy(auditLog.id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["article.suggest", "article.review", "article.publish"]));
  });

  it("a conflicting edit stores nothing and returns both versions; the merge then saves", async () => {
    const a = await userWithSession(database.db, "moderator");
    const b = await userWithSession(database.db, "moderator");
    const base = await publishedId();
    const first = await saveRevision(
      database.db,
      { id: a.id, role: "moderator" },
      edit(base, "Versie van A."),
    );
    expect(first.ok).toBe(true);
    const second = await saveRevision(
      database.db,
      { id: b.id, role: "moderator" },
      edit(base, "Versie van B."),
    );
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.conflict.theirs.body).toBe("Versie van A.");
    expect(second.conflict.yours.body).toBe("Versie van B.");
    const [{ n } = { n: 0 }] = await database.db.select({ n: count() }).from(articleRevision);
    expect(n).toBe(2);
    const merged = await saveRevision(
      database.db,
      { id: b.id, role: "moderator" },
      edit(second.conflict.theirs.id, "Versie van A.\n\nAanvulling van B."),
    );
    expect(merged.ok).toBe(true);
  });

  it("the edit page gives a conflict 409 with both texts, keeping the editor's input", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    const other = await userWithSession(database.db, "moderator");
    const context = contextFor(database);
    const base = await publishedId();
    const form = (body: string, baseId: number) => ({
      locale: "nl",
      baseRevisionId: String(baseId),
      title: "Proefartikel over opslag",
      summary: "Een korte samenvatting.",
      body,
      topics: "storage",
      lastReviewed: "2026-11-20",
      sources: "IASA TC-05",
      related: "",
      uncertain: "",
      note: "",
    });
    const ok = await editAction({
      request: post("/kennisbank/proefartikel/bewerken", form("Eerste wijziging.", base), {
        Cookie: other.cookie,
      }),
      params: { slug: "proefartikel" },
      context,
    });
    expect((ok as Response).status).toBe(302);
    const clash = (await editAction({
      request: post("/kennisbank/proefartikel/bewerken", form("Mijn eigen wijziging.", base), {
        Cookie: moderator.cookie,
      }),
      params: { slug: "proefartikel" },
      context,
    })) as unknown as {
      init: { status: number };
      data: { fields: { body: string; baseRevisionId: string }; conflict: { theirs: { body: string } } };
    };
    expect(clash.init.status).toBe(409);
    expect(clash.data.fields.body).toBe("Mijn eigen wijziging.");
    expect(clash.data.conflict.theirs.body).toBe("Eerste wijziging.");
    expect(Number(clash.data.fields.baseRevisionId)).toBeGreaterThan(base);
  });

  it("reverts to an older version as a new published one", async () => {
    const moderator = {
      id: (await userWithSession(database.db, "moderator")).id,
      role: "moderator" as const,
    };
    const original = await publishedId();
    const saved = await saveRevision(database.db, moderator, edit(original, "Een slechte wijziging."));
    if (!saved.ok) throw new Error("conflict");
    await transitionRevision(database.db, moderator, saved.revisionId, "review");
    await transitionRevision(database.db, moderator, saved.revisionId, "publish");
    const reverted = await revertToRevision(database.db, moderator, original);
    const now = await getPublishedArticle(database.db, "proefartikel", "nl");
    expect(now!.revisionId).toBe(reverted);
    expect(now!.body).toBe(sample().body);
  });

  it("archived articles leave the public lists and pages", async () => {
    const moderator = {
      id: (await userWithSession(database.db, "moderator")).id,
      role: "moderator" as const,
    };
    await setArchived(database.db, moderator, "proefartikel", true);
    expect(await listPublishedArticles(database.db, { locale: "nl" })).toEqual([]);
    const context = contextFor(database);
    const response = await thrownResponse(() =>
      articleLoader({ request: get("/kennisbank/proefartikel"), params: { slug: "proefartikel" }, context }),
    );
    expect(response.status).toBe(404);
  });

  it("an import with one bad file stores nothing and names the file", async () => {
    const good = serializeArticleFile(sample({ slug: "nieuw-goed" }));
    const bad = serializeArticleFile(sample({ slug: "nieuw-fout" })).replace("kind: praktijk", "kind: roman");
    const read = readImportFiles(
      [
        { name: "goed.md", bytes: new TextEncoder().encode(good) },
        { name: "fout.md", bytes: new TextEncoder().encode(bad) },
      ],
      new Map(),
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => p.file)).toEqual(["fout.md"]);
    const [{ n } = { n: 0 }] = await database.db
      .select({ n: count() })
      .from(article)
      .where(eq(article.slug, "nieuw-goed"));
    expect(n).toBe(0);
  });
});

describe("Markdown is sanitised", () => {
  const payloads = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik](vbscript:msgbox(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=https://evil.example></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<object data=x></object>",
    '<form action="https://evil.example"><input name=x></form>',
    '![x](x" onerror="alert(1))',
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "<scr<script>ipt>alert(1)</script>",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "<<script>script>alert(1)<</script>/script>",
    "## Kop <img src=x onerror=alert(1)>",
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[x](&#106;avascript:alert(1))",
    "<style>body{display:none}</style>",
    "<meta http-equiv=refresh content=0;url=https://evil.example>",
  ];
  for (const payload of payloads) {
    it(`neutralises ${JSON.stringify(payload).slice(0, 50)}`, () => {
      const { html } = renderMarkdown(`Tekst\n\n${payload}\n\nmeer tekst`);
      expectSafeHtml(html);
    });
  }
});
