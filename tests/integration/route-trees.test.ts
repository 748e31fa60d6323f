// The app's pages with the route trees and matches remembered (app/server/route-trees.ts,
// route-matching.ts, as app/server/index.ts installs them) are the same pages as without:
// public, member, not found, refused and a form post, each asked twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertPublishedContent } from "#app/modules/kennisbank/articles.server.ts";
import { rememberRouteMatches } from "#app/server/route-matching.ts";
import { rememberRouteTrees } from "#app/server/route-trees.ts";
import type { Database } from "#db/client.server.ts";
import { userWithSession } from "#tests/support/auth.ts";
import { createTestDatabase } from "#tests/support/db.ts";
import {
  articleContent,
  createGroup,
  createIntervisionSession,
  joinGroup,
  system,
} from "#tests/support/factories.ts";
import { serveBuild, setupServerBuild } from "#tests/support/server-build.ts";

const serverBuild = setupServerBuild();

let database: Database;
let cookie: string;
let outsider: string;
let groupId: number;
let sessionId: number;
beforeAll(async () => {
  database = await createTestDatabase();
  await upsertPublishedContent(database.db, system, articleContent());
  const member = await userWithSession(database.db, "member", "Ineke Lid");
  cookie = member.cookie;
  outsider = (await userWithSession(database.db, "member", "Olga Buiten")).cookie;
  groupId = await createGroup(database.db, {
    name: "Groep Opslag",
    institutionType: "Archief",
    topics: ["storage"],
  });
  await joinGroup(database.db, groupId, [member]);
  sessionId = await createIntervisionSession(database.db, groupId, { createdBy: member.id });
});
afterAll(async () => {
  await database?.close();
});

type Answer = { status: number; location: string | null; text: string };

/** Every answer of the list, from a server started now (Remix derives its handler on the first request). */
async function answers(): Promise<Answer[]> {
  const { base, close } = await serveBuild(serverBuild(), database);
  const requests: [string, RequestInit][] = [
    ["/", {}],
    ["/kennisbank/proefartikel", {}],
    ["/en/kennisbank/proefartikel", {}],
    ["/kennisbank/proefartikel.data", {}],
    ["/bestaat/niet", {}],
    ["/account", {}],
    ["/account", { headers: { cookie } }],
    [`/intervisie/groepen/${groupId}`, { headers: { cookie } }],
    [`/intervisie/groepen/${groupId}`, { headers: { cookie: outsider } }],
    [`/intervisie/sessies/${sessionId}`, { headers: { cookie } }],
    [`/en/intervisie/sessies/${sessionId}`, { headers: { cookie } }],
    [`/intervisie/sessies/${sessionId}.data`, { headers: { cookie } }],
    [`/intervisie/sessies/${sessionId}.ics`, { headers: { cookie } }],
    ["/beheer", { headers: { cookie } }],
    ["/inloggen", { method: "POST", body: new URLSearchParams({ email: "x@example.org", password: "nee" }) }],
    ["/healthz", {}],
  ];
  const result: Answer[] = [];
  try {
    for (let round = 0; round < 2; round++)
      for (const [path, init] of requests) {
        const response = await fetch(base + path, { ...init, redirect: "manual" });
        // Times in a calendar file and the health check's uptime change between requests, and each
        // server has its own port.
        const text = (await response.text())
          .replace(/\d{8}T\d{6}Z|"uptime[^,}]*/g, "…")
          .replaceAll(base, "http://server");
        result.push({ status: response.status, location: response.headers.get("location"), text });
      }
  } finally {
    await close();
  }
  return result;
}

describe("remembered route trees", () => {
  it("serve the same pages as Remix's own", async () => {
    const before = await answers();
    rememberRouteMatches();
    rememberRouteTrees();
    const after = await answers();
    expect(after.map((answer) => answer.status)).toEqual(before.map((answer) => answer.status));
    expect(before.filter((answer) => answer.status === 200).length).toBeGreaterThan(10);
    for (const [i, answer] of after.entries()) expect(answer, `request ${i}`).toEqual(before[i]);
  });
});
