import { readdirSync } from "node:fs";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { roleRank } from "#app/modules/auth/permissions.ts";
import type { Database } from "#db/client.server.ts";
import type { Role } from "#db/schema/auth.ts";
import { userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import { contextFor, ORIGIN } from "#tests/support/remix.ts";

/**
 * Who may use each route. Every file in app/routes must be listed: a new route without a rule
 * fails the first test. Non-public routes are then called as anonymous, member, moderator and
 * admin, and must answer a redirect to /inloggen, 403, or pass, as the rule says.
 */
type Rule = "public" | Role;
const rules: Record<string, Rule | { loader: Rule; action: Rule }> = {
  $: "public",
  _index: "public",
  healthz: "public",
  taal: "public",
  inloggen: "public",
  // The second step of logging in: for a session whose password was right (else to /inloggen).
  "inloggen_.code": "member",
  uitloggen: "public",
  registreren: "public",
  "wachtwoord-vergeten": "public",
  "wachtwoord-herstellen": "public",
  "kennisbank._index": "public",
  "dragers._index": "public",
  "dragers.herkennen": "public",
  "dragers.planner": { loader: "public", action: "member" },
  "dragers.planner[.]csv": "public",
  "dragers.planner_.afdrukken": "public",
  "dragers.samenwerken": { loader: "public", action: "member" },
  "dragers.vergelijk": "public",
  "beheer.dragers": "moderator",
  "intervisie._index": "public",
  "trends._index": "public",
  "account._index": "member",
  "account.gegevens": "member",
  "account.tweede-factor": "member",
  "beheer._index": "moderator",
  "beheer.instellingen": "moderator",
  "beheer.gebruikers": "admin",
  "kennisbank.$slug": { loader: "public", action: "member" },
  "kennisbank.$slug_.bewerken": "member",
  "kennisbank.$slug_.sjabloon.$nr": "public",
  "beheer.kennisbank._index": "moderator",
  "beheer.kennisbank.$slug": "moderator",
  "beheer.kennisbank.export": "moderator",
  "beheer.kennisbank.import": "moderator",
  "beheer.kennisbank.controles": "moderator",
  "beheer.kennisbank.te-controleren": "moderator",
  "beheer.bronnen._index": "moderator",
  "beheer.bronnen.$key": "moderator",
  bronnen: "public",
  "bronnen_.$key": "public",
  "trends[.]json": "public",
  "trends[.]csv": "public",
  "trends[.]svg": "public",
  "beheer.enquete._index": "moderator",
  "beheer.enquete.koppelen": "moderator",
  "instelling._index": "member",
  "instelling.zelfevaluatie": "member",
  "instelling.peiling.$id": "member",
  "beheer.peilingen": "moderator",
  "instellingen.$id": "member",
  "api.search": "public",
  "intervisie.groepen.$id_.sessies.nieuw": "member",
  "intervisie.sessies.$id": "member",
  "intervisie.sessies.$id[.]ics": "member",
  "intervisie.agenda": "member",
  "agenda.$token[.]ics": "public",
  "beheer.intervisie_.beoordelingen": "moderator",
  "intervisie.deelnemen": "member",
  "intervisie.groepen._index": "member",
  "intervisie.groepen.$id": "member",
  "beheer.intervisie._index": "moderator",
  "beheer.intervisie.voorstel.$id": "moderator",
  meldingen: "member",
};

const ruleFor = (id: string, method: "loader" | "action"): Rule => {
  const rule = rules[id]!;
  return typeof rule === "string" ? rule : rule[method];
};

const routesDir = path.resolve("app/routes");
// A route is a file in app/routes, or a folder there with its route.tsx (or route.ts) beside
// route-local components that are not routes themselves.
const routeFiles = readdirSync(routesDir, { withFileTypes: true }).flatMap((entry) => {
  if (entry.isDirectory()) {
    const inside = readdirSync(path.join(routesDir, entry.name));
    const route = inside.find((f) => /^route\.(ts|tsx)$/.test(f));
    return route ? [`${entry.name}/${route}`] : [];
  }
  return /\.(ts|tsx)$/.test(entry.name) && !/\.test\./.test(entry.name) ? [entry.name] : [];
});
const routeId = (file: string) => file.replace(/\/route\.(ts|tsx)$/, "").replace(/\.(ts|tsx)$/, "");

type Outcome = "login" | 403 | "allowed";

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = await run();
    if (result instanceof Response) return classify(result);
    return "allowed";
  } catch (error) {
    if (error instanceof Response) return classify(error);
    throw error;
  }
}

function classify(response: Response): Outcome {
  if (response.status === 403) return 403;
  const location = response.headers.get("Location") ?? "";
  if (response.status >= 300 && response.status < 400 && location.startsWith("/inloggen")) return "login";
  return "allowed";
}

let database: Database;
let context: AppLoadContext;
const cookies: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  context = contextFor(database);
  for (const role of ["member", "moderator", "admin"] as const) {
    cookies[role] = (await userWithSession(database.db, role)).cookie;
  }
});
afterAll(async () => {
  await database?.close();
});

describe("authorisation matrix", () => {
  it("has a rule for every route file", () => {
    const missing = routeFiles.map(routeId).filter((id) => !(id in rules));
    expect(missing, "routes zonder regel in de autorisatiematrix").toEqual([]);
    const stale = Object.keys(rules).filter((id) => !routeFiles.map(routeId).includes(id));
    expect(stale, "regels voor routes die niet (meer) bestaan").toEqual([]);
  });

  const protectedRoutes = Object.keys(rules).filter(
    (id) => ruleFor(id, "loader") !== "public" || ruleFor(id, "action") !== "public",
  );
  for (const id of protectedRoutes) {
    it(`${id}: loader for ${ruleFor(id, "loader")}, action for ${ruleFor(id, "action")}`, async () => {
      const file = routeFiles.find((f) => routeId(f) === id)!;
      const mod = await import(path.join(routesDir, file));
      const params = { slug: "bestaat-niet" };
      const url = `${ORIGIN}/${id
        .replace(/_index$/, "")
        .replace(/\$slug_?/, params.slug)
        .replace(/\./g, "/")}`;
      for (const method of ["loader", "action"] as const) {
        const needed = ruleFor(id, method);
        if (typeof mod[method] !== "function" || needed === "public") continue;
        const callers: [string, string | undefined, Outcome][] = [
          ["anonymous", undefined, "login"],
          ...(["member", "moderator", "admin"] as const).map(
            (role): [string, string | undefined, Outcome] => [
              role,
              cookies[role],
              roleRank[role] >= roleRank[needed] ? "allowed" : 403,
            ],
          ),
        ];
        for (const [who, cookie, expected] of callers) {
          const headers: Record<string, string> = { Origin: ORIGIN };
          if (cookie) headers.Cookie = cookie;
          const request =
            method === "loader"
              ? new Request(url, { headers })
              : new Request(url, { method: "POST", headers, body: new URLSearchParams({ intent: "" }) });
          expect(await outcome(() => mod[method]({ request, params, context })), `${method} als ${who}`).toBe(
            expected,
          );
        }
      }
    });
  }
});
