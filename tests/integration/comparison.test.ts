// "Where do I stand?" on /instelling (issue #20, part 4): a member sees the own institution's
// answers beside aggregates of comparable institutions, only when at least 5 of them answered,
// and never another institution's answers.

import type { AppLoadContext } from "@remix-run/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ComparisonResult } from "#app/modules/survey/comparison.server.ts";
import { saveSelfAssessment } from "#app/modules/survey/profile.server.ts";
import { type Answers, choiceColumns } from "#app/modules/survey/questionnaire.ts";
import { loader as ownProfileLoader } from "#app/routes/instelling._index.tsx";
import { action as selfAction } from "#app/routes/instelling.zelfevaluatie.tsx";
import { loader as profileLoader } from "#app/routes/instellingen.$id.tsx";
import type { Database } from "#db/client.server.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { createInstitution, memberOf } from "#tests/support/factories.ts";
import { contextFor, get, post, thrownResponse } from "#tests/support/remix.ts";

let database: Database;
let context: AppLoadContext;

beforeEach(async () => {
  database = await createTestDatabase();
  context = contextFor(database);
});
afterEach(async () => {
  await database?.close();
});

function answersWith(values: Partial<Record<string, string>>): Answers {
  const answers = Object.fromEntries(choiceColumns.map((c) => [c, values[c] ?? null]));
  return answers as Answers;
}

/** Another institution of the type with its own self-assessment. */
async function otherInstitution(
  name: string,
  values: Partial<Record<string, string>>,
  type: "Archief" | "Museum" = "Archief",
  aiUses: ("speech-to-text" | "ondertitelen")[] = [],
) {
  const id = await createInstitution(database.db, name, type);
  const member = await memberOf(database.db, id);
  await saveSelfAssessment(
    database.db,
    { id: member.id, institutionId: id },
    { institutionType: type, province: null, answers: answersWith(values), aiUses },
  );
  return id;
}

/** The own institution's member fills in the self-assessment through the form. */
async function ownInstitutionAnswers(values: Record<string, string>, aiUses: string[] = []) {
  const id = await createInstitution(database.db, "Streekarchief Eigen", "Archief");
  const member = await memberOf(database.db, id);
  const fields = new URLSearchParams({ institution_type: "Archief", ...values });
  for (const use of aiUses) fields.append("ai_uses", use);
  const saved = (await selfAction({
    request: post("/instelling/zelfevaluatie", fields, { Cookie: member.cookie }),
    params: {},
    context,
  })) as Response;
  expect(saved.status).toBe(302);
  return { id, member };
}

async function comparisonFor(cookie: string): Promise<ComparisonResult | null> {
  const result = (await ownProfileLoader({
    request: get("/instelling", { Cookie: cookie }),
    params: {},
    context,
  })) as {
    comparison: ComparisonResult | null;
  };
  return result.comparison;
}

// Four needs ratings that make up the others' answers; the test works out the shares itself.
const othersNeedAi = ["Onvoldoende", "Onvoldoende", "Slecht", "Goed", "Voldoende"];

describe("where do I stand", () => {
  it("with 4 comparable institutions nothing is shown, with 5 the aggregates are", async () => {
    const own = await ownInstitutionAnswers({ fte_av: "1-5 fte", need_ai: "Slecht", ooc_known: "Ja" });
    // A museum never counts for an archive.
    for (let i = 0; i < 6; i++) await otherInstitution(`Museum ${i}`, { need_ai: "Goed" }, "Museum");
    for (let i = 0; i < 4; i++) {
      await otherInstitution(`Archief ${i}`, {
        fte_av: i % 2 ? "1 fte" : "5-10 fte",
        need_ai: othersNeedAi[i]!,
        ooc_known: i < 3 ? "Ja" : "Nee",
      });
    }
    const four = await comparisonFor(own.member.cookie);
    expect(four).toEqual({ status: "too_few" });
    // Nothing of the four reaches the page.
    expect(JSON.stringify(four)).not.toContain("Onvoldoende");

    await otherInstitution("Archief 4", { fte_av: "1 fte", need_ai: othersNeedAi[4]! });
    const five = await comparisonFor(own.member.cookie);
    expect(five?.status).toBe("ok");
    if (five?.status !== "ok") return;
    // Fewer than 5 share the staff band: compared with the type alone.
    expect(five.comparison.basis).toBe("type");
    expect(five.comparison.size).toBe(5);
    const needAi = five.comparison.questions.find((q) => q.column === "need_ai")!;
    expect(needAi.own).toEqual(["Slecht"]);
    expect(needAi.n).toBe(5);
    const expectedShare = (label: string) =>
      Math.round((100 * othersNeedAi.filter((a) => a === label).length) / othersNeedAi.length);
    for (const share of needAi.shares) expect(share.percent).toBe(expectedShare(share.label));
    // Only 4 of the 5 answered the OOC question: hidden.
    const ooc = five.comparison.questions.find((q) => q.column === "ooc_known")!;
    expect(ooc).toMatchObject({ own: ["Ja"], hidden: true, n: null, shares: [] });
  });

  it("compares within the staff band when at least 5 share it", async () => {
    const own = await ownInstitutionAnswers({ fte_av: "1-5 fte", digitisation_degree: "10-25%" });
    for (let i = 0; i < 5; i++) {
      await otherInstitution(`Band ${i}`, {
        fte_av: "1-5 fte",
        digitisation_degree: i < 4 ? "25-50%" : "0-10%",
      });
    }
    await otherInstitution("Groter archief", { fte_av: "Meer dan 10 fte", digitisation_degree: "75-100%" });
    const result = await comparisonFor(own.member.cookie);
    expect(result?.status).toBe("ok");
    if (result?.status !== "ok") return;
    expect(result.comparison).toMatchObject({ basis: "type_and_band", band: "1-5 fte", size: 5 });
    const degree = result.comparison.questions.find((q) => q.column === "digitisation_degree")!;
    expect(degree.shares.find((s) => s.label === "25-50%")?.percent).toBe(80);
    expect(degree.shares.find((s) => s.label === "0-10%")?.percent).toBe(20);
    expect(degree.shares.find((s) => s.label === "75-100%")?.percent).toBe(0);
  });

  it("nobody outside the institution sees its answers", async () => {
    // A unique answer pattern for the own institution.
    const own = await ownInstitutionAnswers({ fte_av: "Geen", need_carriers: "Slecht" }, ["ondertitelen"]);
    const others: number[] = [];
    for (let i = 0; i < 5; i++) others.push(await otherInstitution(`Ander ${i}`, { need_carriers: "Goed" }));
    const outsider = await memberOf(database.db, others[0]!);

    // The outsider's own page compares with the others, the own institution among them, but only as a total.
    const theirs = await comparisonFor(outsider.cookie);
    expect(theirs?.status).toBe("ok");
    if (theirs?.status !== "ok") return;
    const carriers = theirs.comparison.questions.find((q) => q.column === "need_carriers")!;
    expect(carriers.own).toEqual(["Goed"]);
    expect(carriers.n).toBe(5);
    expect(carriers.shares.find((s) => s.label === "Slecht")?.percent).toBe(20);
    // No names, no ids of other institutions.
    const page = JSON.stringify(theirs);
    expect(page).not.toContain("Streekarchief Eigen");
    expect(page).not.toContain(`"institutionId"`);

    // The own institution's profile stays closed to the outsider.
    const forbidden = await thrownResponse(() =>
      profileLoader({
        request: get(`/instellingen/${own.id}`, { Cookie: outsider.cookie }),
        params: { id: String(own.id) },
        context,
      }),
    );
    expect(forbidden.status).toBe(403);

    // A member without an institution, or of an unconfirmed one, sees no comparison.
    const loner = await memberOf(database.db, null);
    expect(await comparisonFor(loner.cookie)).toBeNull();
    const proposed = await createInstitution(database.db, "Nog niet bevestigd", "Archief", false);
    const waiting = await memberOf(database.db, proposed);
    expect(await comparisonFor(waiting.cookie)).toBeNull();

    // Anonymous visitors are sent to log in.
    const anonymous = await thrownResponse(() =>
      ownProfileLoader({ request: get("/instelling"), params: {}, context }),
    );
    expect(anonymous.headers.get("Location")).toMatch(/^\/inloggen/);
  });
});
