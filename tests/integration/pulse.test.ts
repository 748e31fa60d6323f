// Pulse rounds (issue #20, part 4): a moderator opens a round, institutions answer it (one
// answer each, editable while open), and /trends shows it as a pulse wave of its own, hidden
// until 5 institutions answered.

import type { AppLoadContext } from "@remix-run/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PulseResult, PulseRoundSummary } from "#app/modules/survey/pulse.server.ts";
import { action as adminAction, loader as adminLoader } from "#app/routes/beheer.peilingen.tsx";
import { action as answerAction, loader as answerLoader } from "#app/routes/instelling.peiling.$id.tsx";
import { loader as trendsLoader } from "#app/routes/trends._index.tsx";
import type { Database } from "#db/client.server.ts";
import { pulseAnswer, pulseRound } from "#db/schema/survey.ts";
import { userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { memberOfNew } from "#tests/support/factories.ts";
import { body, contextFor, get, post, status, thrownResponse } from "#tests/support/remix.ts";

let database: Database;
let context: AppLoadContext;

beforeEach(async () => {
  database = await createTestDatabase();
  context = contextFor(database);
});
afterEach(async () => {
  await database?.close();
});

/** `prefix` "/en" posts from the English page. */
async function openRound(cookie: string, title: string, columns: string[], prefix = "") {
  const fields = new URLSearchParams({ intent: "nieuw", title });
  for (const c of columns) fields.append("columns", c);
  return adminAction({
    request: post(`${prefix}/beheer/peilingen`, fields, { Cookie: cookie }),
    params: {},
    context,
  });
}

async function answer(cookie: string, roundId: number, values: Record<string, string>, prefix = "") {
  return answerAction({
    request: post(`${prefix}/instelling/peiling/${roundId}`, new URLSearchParams(values), { Cookie: cookie }),
    params: { id: String(roundId) },
    context,
  });
}

async function pulsesOnTrends(): Promise<PulseResult[]> {
  return body<{ pulses: PulseResult[] }>(await trendsLoader({ request: get("/trends"), params: {}, context }))
    .pulses;
}

describe("pulse rounds", () => {
  it("stays hidden on /trends until 5 institutions answered; one answer per institution", async () => {
    const moderator = await userWithSession(database.db, "moderator");
    const refused = await openRound(moderator.cookie, "AI", []);
    expect(body<{ errors: Record<string, string> }>(refused).errors.columns).toBe(
      "Kies ten minste één vraag.",
    );
    await openRound(moderator.cookie, "Peiling AI 2026", ["ai_metadata_use", "ooc_known"]);
    const [round] = await database.db.select().from(pulseRound);
    expect(round).toMatchObject({
      title: "Peiling AI 2026",
      open: true,
      columns: ["ooc_known", "ai_metadata_use"],
    });
    const id = round!.id;

    // A member cannot open rounds.
    const first = await memberOfNew(database.db, "Archief 0");
    const forbidden = await thrownResponse(() => openRound(first.cookie, "Mijn ronde", ["ooc_known"]));
    expect(forbidden.status).toBe(403);

    // Two answer (the first twice: the answer is replaced, not added).
    const values = ["Ja", "Ja", "Nee", "Ja", "Nee"];
    expect(((await answer(first.cookie, id, { ooc_known: "Nee" })) as Response).status).toBe(302);
    expect(((await answer(first.cookie, id, { ooc_known: values[0]! })) as Response).status).toBe(302);
    const second = await memberOfNew(database.db, "Archief 1");
    await answer(second.cookie, id, { ooc_known: values[1]! });
    const own = body<{ answers: Record<string, string> }>(
      await answerLoader({
        request: get(`/instelling/peiling/${id}`, { Cookie: first.cookie }),
        params: { id: String(id) },
        context,
      }),
    );
    expect(own.answers).toEqual({ ooc_known: "Ja" });
    expect(await database.db.select().from(pulseAnswer)).toHaveLength(2);

    // The moderator's list counts the institutions that answered this round.
    const listed = body<{ rounds: PulseRoundSummary[] }>(
      await adminLoader({
        request: get("/beheer/peilingen", { Cookie: moderator.cookie }),
        params: {},
        context,
      }),
    ).rounds;
    expect(listed.find((r) => r.id === id)?.answered).toBe(2);

    let pulse = (await pulsesOnTrends()).find((p) => p.id === id)!;
    expect(pulse).toMatchObject({ title: "Peiling AI 2026", hidden: true, n: null, questions: [] });

    // A bad answer is refused with a message and stores nothing.
    const bad = await answer(second.cookie, id, { ooc_known: "Misschien" });
    expect(body<{ errors: Record<string, string> }>(bad).errors.ooc_known).toBe(
      "Kies een van de antwoorden.",
    );

    // In English, in English; still nothing stored.
    const badEnglish = await answer(second.cookie, id, { ooc_known: "Maybe" }, "/en");
    expect(body<{ errors: Record<string, string> }>(badEnglish).errors.ooc_known).toBe(
      "Choose one of the answers.",
    );
    const noneEnglish = await openRound(moderator.cookie, "AI", [], "/en");
    expect(body<{ errors: Record<string, string> }>(noneEnglish).errors.columns).toBe(
      "Choose at least one question.",
    );
    expect(await database.db.select().from(pulseAnswer)).toHaveLength(2);

    for (let i = 2; i < 4; i++)
      await answer((await memberOfNew(database.db, `Archief ${i}`)).cookie, id, { ooc_known: values[i]! });
    expect((await pulsesOnTrends()).find((p) => p.id === id)!.hidden).toBe(true);

    // An unconfirmed institution cannot answer.
    const proposed = await memberOfNew(database.db, "Voorstel", false);
    const redirected = await thrownResponse(() =>
      answerLoader({
        request: get(`/instelling/peiling/${id}`, { Cookie: proposed.cookie }),
        params: { id: String(id) },
        context,
      }),
    );
    expect(redirected.headers.get("Location")).toBe("/instelling");

    await answer((await memberOfNew(database.db, "Archief 4")).cookie, id, { ooc_known: values[4]! });
    pulse = (await pulsesOnTrends()).find((p) => p.id === id)!;
    expect(pulse.hidden).toBe(false);
    expect(pulse.n).toBe(5);
    const ooc = pulse.questions.find((q) => q.column === "ooc_known")!;
    const ja = values.filter((v) => v === "Ja").length;
    expect(ooc.shares.find((s) => s.label === "Ja")).toMatchObject({ count: ja, percent: (100 * ja) / 5 });
    // Nobody answered the AI question: "< 5", never a count.
    expect(pulse.questions.find((q) => q.column === "ai_metadata_use")).toMatchObject({
      hidden: true,
      n: null,
    });
    // No institution name or id in the public result.
    expect(JSON.stringify(pulse)).not.toContain("Archief 0");

    // Closed: no more answers.
    await adminAction({
      request: post("/beheer/peilingen", new URLSearchParams({ intent: "sluiten", roundId: String(id) }), {
        Cookie: moderator.cookie,
      }),
      params: {},
      context,
    });
    const late = await answer(first.cookie, id, { ooc_known: "Nee" });
    expect(body<{ errors: Record<string, string> }>(late).errors.form).toBe("Deze peiling is gesloten.");
    const lateEnglish = await answer(first.cookie, id, { ooc_known: "Nee" }, "/en");
    expect(body<{ errors: Record<string, string> }>(lateEnglish).errors.form).toBe(
      "This pulse round is closed.",
    );
    expect((await pulsesOnTrends()).find((p) => p.id === id)).toMatchObject({ open: false, n: 5 });
  });

  it("answers 404 for an id that is no id, as every route with an id does", async () => {
    const member = await memberOfNew(database.db, "Archief");
    for (const id of ["abc", "0", "-1", "99999999999", "1.5"]) {
      const response = await thrownResponse(() =>
        answerLoader({
          request: get(`/instelling/peiling/${id}`, { Cookie: member.cookie }),
          params: { id },
          context,
        }),
      );
      expect(response.status).toBe(404);
    }
    // A moderator's open/close of a round that does not exist: 404 with the round message.
    const moderator = await userWithSession(database.db, "moderator");
    const missing = await adminAction({
      request: post("/beheer/peilingen", new URLSearchParams({ intent: "openen", roundId: "x" }), {
        Cookie: moderator.cookie,
      }),
      params: {},
      context,
    });
    expect(status(missing)).toBe(404);
  });
});
