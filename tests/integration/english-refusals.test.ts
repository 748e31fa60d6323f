// A refusal says why in the page's language (issue #17): modules refuse with a message key, the
// route says it in the language of the request. The English requests go to the /en address
// and carry the old language cookie, so they are English whichever of the two the app reads.
import type { AppLoadContext } from "@remix-run/node";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { breachedPasswords } from "#app/modules/auth/password.server.ts";
import { cancelSession, planSession } from "#app/modules/intervisie/sessions/planning.server.ts";
import { action as loginAction } from "#app/routes/inloggen.tsx";
import { action as sessionAction } from "#app/routes/intervisie.sessies.$id/route.tsx";
import { action as registerAction } from "#app/routes/registreren.tsx";
import type { Database } from "#db/client.server.ts";
import { intervisionSession } from "#db/schema/intervisie.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { createGroup, joinGroup, type Person, person } from "#tests/support/factories.ts";
import { body, contextFor, post, status } from "#tests/support/remix.ts";

let database: Database;
let context: AppLoadContext;
beforeEach(async () => {
  database = await createTestDatabase();
  context = contextFor(database);
});
afterEach(async () => {
  await database?.close();
});

type Language = "nl" | "en";
/** A form post from the Dutch or the English page. */
function postIn(language: Language, path: string, fields: Record<string, string>, cookie = "") {
  if (language === "nl") return post(path, fields, cookie ? { Cookie: cookie } : {});
  return post(`/en${path}`, fields, { Cookie: cookie ? `${cookie}; taal=en` : "taal=en" });
}

const register = (language: Language, fields: Record<string, string>) =>
  registerAction({ request: postIn(language, "/registreren", fields), params: {}, context });

describe("a refusal in the page's language", () => {
  it("registration: an address already in use, a leaked password", async () => {
    const anna = {
      name: "Anna de Vries",
      email: "anna@example.org",
      password: "zeven-spoelbanden-op-zolder",
    };
    expect(status(await register("nl", anna))).toBe(302);

    const again = { ...anna, name: "Anna" };
    const dutch = await register("nl", again);
    const english = await register("en", again);
    expect([status(dutch), status(english)]).toEqual([400, 400]);
    expect(body<{ errors: Record<string, string> }>(dutch).errors.email).toBe(
      "Er is al een account met dit e-mailadres. Log in, of vraag een nieuw wachtwoord aan.",
    );
    expect(body<{ errors: Record<string, string> }>(english).errors.email).toBe(
      "There is already an account with this e-mail address. Log in, or ask for a new password.",
    );

    const leaked = [...breachedPasswords][0]!;
    const weak = await register("en", { name: "Bram", email: "bram@example.org", password: leaked });
    expect(body<{ errors: Record<string, string> }>(weak).errors.password).toBe(
      "This password is on lists of leaked passwords; attackers try it first. Choose another one.",
    );
  });

  it("login: a wrong password", async () => {
    const member = await person(database.db);
    const [row] = await database.db.query.user.findMany({ where: (u, { eq }) => eq(u.id, member.id) });
    const login = (language: Language) =>
      loginAction({
        request: postIn(language, "/inloggen", { email: row!.email, password: "niet-het-goede-wachtwoord" }),
        params: {},
        context,
      });
    expect(body<{ error: string }>(await login("nl")).error).toBe(
      "Dit e-mailadres en wachtwoord horen niet bij elkaar.",
    );
    expect(body<{ error: string }>(await login("en")).error).toBe(
      "This e-mail address and password do not belong together.",
    );
  });

  it("a session: an answer to a cancelled session, an unknown action, and the notice of an answer", async () => {
    const groupId = await createGroup(database.db);
    const facilitator = await person(database.db, "member", "Fleur Facilitator");
    const member = await person(database.db, "member", "Lid 01");
    await joinGroup(database.db, groupId, facilitator, "facilitator");
    await joinGroup(database.db, groupId, member);
    const id = await planSession(database.db, facilitator, groupId, {
      title: "Casus: spoelbanden digitaliseren",
      startsAt: new Date(Date.now() + 7 * 24 * 3_600_000),
      durationMinutes: 120,
      onlineUrl: "https://meet.jit.si/avk-noord",
      address: null,
      method: "vijfstappen",
      capacity: 5,
    });
    const act = (language: Language, who: Person, fields: Record<string, string>) =>
      sessionAction({
        request: postIn(language, `/intervisie/sessies/${id}`, fields, who.cookie),
        params: { id: String(id) },
        context,
      });
    type Result = { ok?: string; errors?: Record<string, string> };

    const yes = await act("en", member, { intent: "antwoord", answer: "yes" });
    expect(body<Result>(yes).ok).toBe("You are signed up.");
    const unknown = await act("en", member, { intent: "dansen" });
    expect([status(unknown), body<Result>(unknown).errors?.form]).toEqual([400, "Unknown action."]);

    await cancelSession(database.db, facilitator, id);
    const [row] = await database.db.select().from(intervisionSession).where(eq(intervisionSession.id, id));
    expect(row!.cancelledAt).not.toBeNull();
    const dutch = await act("nl", member, { intent: "antwoord", answer: "no" });
    const english = await act("en", member, { intent: "antwoord", answer: "no" });
    expect([status(dutch), status(english)]).toEqual([409, 409]);
    expect(body<Result>(dutch).errors?.form).toBe("Deze bijeenkomst is afgezegd.");
    expect(body<Result>(english).errors?.form).toBe("This session has been cancelled.");
  });
});
