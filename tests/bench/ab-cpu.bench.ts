// A/B: server CPU per request of this checkout's build against another checkout's, measured
// side by side so that both see the same machine (issue #21). These machines drift: the same
// build measured a minute later can cost 20-40 % more or less CPU per request, which hides a
// change of 10 %. Here both servers run at once, each on its own throw-away PostgreSQL
// database with the same 50 members, and take turns: a batch of requests to A, then the same
// batch to B, many times over; the CPU of each (to the nanosecond, from schedstat) is summed over
// its own batches only. One side can still be favoured (an A/A run of one checkout against itself
// gave up to 10 %): run it twice with the checkouts swapped and take both into account.
//   npx tsx tests/bench/ab-cpu.bench.ts <other checkout> [batches=20] [batch=100]
// The other checkout needs its own build and node_modules, for example a worktree of an earlier
// commit: git worktree add /tmp/old <commit> && cp -al node_modules /tmp/old/ &&
// (cd /tmp/old && npm run build). AB_ONLY=<regex> measures only the pages whose name matches.
// AB_A_NODE_OPTIONS="--flag ..." starts A's server with those Node options (B's without): with
// the other checkout being this one, that compares a runtime setting.
import { readFileSync } from "node:fs";
import path from "node:path";
import { openPostgres } from "#db/client.server.ts";
import {
  type BuiltServer,
  createMembers,
  driveRequests,
  memberPages,
  preciseCpuMs,
  requireBuild,
  startBuiltServer,
  throwAwayDatabase,
} from "./built-server.ts";

const other = process.argv[2];
if (!other) {
  console.error("Gebruik: npx tsx tests/bench/ab-cpu.bench.ts <andere checkout> [batches] [batchgrootte]");
  process.exit(2);
}
const BATCHES = Number(process.argv[3] ?? 20);
const BATCH = Number(process.argv[4] ?? 100);
const CONNECTIONS = 8;
const MEMBERS = 50;
const ONLY = process.env.AB_ONLY ? new RegExp(process.env.AB_ONLY) : null;
requireBuild();

const relevance = JSON.parse(readFileSync("tests/fixtures/search-relevance.json", "utf8")) as {
  queries: { q: string }[];
};
const searchPaths = relevance.queries.map((query) => `/api/search?q=${encodeURIComponent(query.q)}`);
const baseUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

type Side = {
  name: string;
  server: BuiltServer;
  database: Awaited<ReturnType<typeof throwAwayDatabase>>;
  members: Awaited<ReturnType<typeof createMembers>>;
};
const sides: Side[] = [];

async function start(name: string, cwd: string, nodeOptions: string[] = []): Promise<Side> {
  const database = await throwAwayDatabase(baseUrl, `avk_ab_${name}_${process.pid}`);
  const server = await startBuiltServer({
    databaseUrl: database.url,
    cwd,
    nodeOptions,
    env: { SEARCH_CACHE_SIZE: "0" },
  });
  const connection = openPostgres(database.url, 2);
  try {
    return { name, server, database, members: await createMembers(connection.db, MEMBERS) };
  } finally {
    await connection.close();
  }
}

/** `total` GET requests, `paths(n)` for the n-th, each as the next member. */
async function drive(side: Side, total: number, paths: (side: Side, n: number) => string, offset: number) {
  const result = await driveRequests(
    side.server.base,
    total,
    CONNECTIONS,
    (n) => ({ path: paths(side, n), cookie: side.members.cookies[n % MEMBERS] }),
    offset,
  );
  if (result.non2xx || result.errors || result.timeouts)
    throw new Error(`${side.name}: ${result.non2xx} antwoorden buiten 2xx, ${result.errors} fouten.`);
  return result.requests.total;
}

let failed = false;
try {
  sides.push(await start("a", process.cwd(), process.env.AB_A_NODE_OPTIONS?.split(/\s+/).filter(Boolean)));
  sides.push(await start("b", path.resolve(other)));
  const pages: { name: string; paths: (side: Side, n: number) => string }[] = [
    // Each side has its own group and session ids; the page is the same.
    ...memberPages(sides[0]!.members).map((page, i) => {
      const own = new Map(sides.map((side) => [side, memberPages(side.members)[i]!]));
      return { name: page.name, paths: (side: Side, n: number) => own.get(side)!.paths(n % MEMBERS) };
    }),
    {
      name: "zoeken (API), wisselende zoekvragen",
      paths: (_side: Side, n: number) => searchPaths[n % searchPaths.length] as string,
    },
  ];
  console.log(
    `A/B, CPU per verzoek: A = deze checkout${process.env.AB_A_NODE_OPTIONS ? ` met ${process.env.AB_A_NODE_OPTIONS}` : ""}, B = ${other}; ${BATCHES} beurten van ${BATCH} verzoeken per kant ` +
      `en pagina, ${CONNECTIONS} tegelijk, productie-builds op PostgreSQL, Node ${process.version}.`,
  );
  console.log("| pagina | A: CPU/verzoek | B: CPU/verzoek | A t.o.v. B |");
  console.log("|---|---:|---:|---:|");
  for (const page of pages.filter((p) => !ONLY || ONLY.test(p.name))) {
    for (const side of sides) await drive(side, 200, page.paths, 0); // warm up
    const cpu = [0, 0];
    const answered = [0, 0];
    for (let batch = 0; batch < BATCHES; batch++) {
      // Alternate which side goes first, so that neither always follows the other.
      const order = batch % 2 === 0 ? [0, 1] : [1, 0];
      for (const i of order) {
        const side = sides[i]!;
        const before = preciseCpuMs(side.server.pid) ?? 0;
        answered[i]! += await drive(side, BATCH, page.paths, batch * BATCH);
        cpu[i]! += (preciseCpuMs(side.server.pid) ?? 0) - before;
      }
    }
    const [a, b] = [cpu[0]! / answered[0]!, cpu[1]! / answered[1]!];
    console.log(
      `| ${page.name} | ${a.toFixed(2)} ms | ${b.toFixed(2)} ms | ${a <= b ? "−" : "+"}${Math.abs((100 * (a - b)) / b).toFixed(0)} % |`,
    );
  }
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : String(error));
  for (const side of sides) console.error(side.server.log());
} finally {
  for (const side of sides) {
    await side.server.stop();
    await side.database.drop();
  }
}
process.exit(failed ? 1 : 0);
