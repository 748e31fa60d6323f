// A form's messages in the page's language (issue #17): the schemas name dictionary keys and
// parseForm says them in the language of the page's URL, so /en/… answers in English and the
// Dutch page keeps its Dutch texts.
import type { AppLoadContext } from "@remix-run/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { action as planAction } from "#app/routes/intervisie.groepen.$id_.sessies.nieuw.tsx";
import { action as registerAction } from "#app/routes/registreren.tsx";
import type { Database } from "#db/client.server.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { createGroup, joinGroup, person } from "#tests/support/factories.ts";
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

type Errors = { errors: Record<string, string> };

describe("form messages in the page's language", () => {
  it("registration: an empty name", async () => {
    const fields = { name: " ", email: "anna@example.org", password: "zeven-spoelbanden-op-zolder" };
    const register = (path: string) => registerAction({ request: post(path, fields), params: {}, context });
    const dutch = await register("/registreren");
    const english = await register("/en/registreren");
    expect([status(dutch), status(english)]).toEqual([400, 400]);
    expect(body<Errors>(dutch).errors.name).toBe("Vul je naam in.");
    expect(body<Errors>(english).errors.name).toBe("Enter your name.");
  });

  it("planning a session: messages from the schema and from the check of the moment", async () => {
    const groupId = await createGroup(database.db);
    const facilitator = await person(database.db, "member", "Fleur Facilitator");
    await joinGroup(database.db, groupId, facilitator, "facilitator");
    const fields = {
      intent: "opslaan",
      title: "Terugblik",
      date: "2027-02-30",
      time: "14:00",
      durationMinutes: "10",
      onlineUrl: "",
      address: "",
      method: "incident",
      capacity: "6",
    };
    const plan = (prefix: string) =>
      planAction({
        request: post(`${prefix}/intervisie/groepen/${groupId}/sessies/nieuw`, fields, {
          Cookie: facilitator.cookie,
        }),
        params: { id: String(groupId) },
        context,
      });
    const dutch = body<Errors>(await plan("")).errors;
    const english = body<Errors>(await plan("/en")).errors;
    expect(dutch).toEqual({
      durationMinutes: "Een bijeenkomst duurt ten minste 15 minuten.",
      address: "Vul een adres of een online link in (of allebei).",
      date: "Deze datum bestaat niet. Vul een datum in als jjjj-mm-dd.",
    });
    expect(english).toEqual({
      durationMinutes: "A session lasts at least 15 minutes.",
      address: "Enter an address or an online link (or both).",
      date: "This date does not exist. Enter a date as yyyy-mm-dd.",
    });
  });
});
