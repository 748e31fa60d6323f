// What a member page costs the server: CPU time and SQL statements per request (issue #21).
// Run: npx tsx tests/bench/member-cpu.bench.ts [requests=2000]   (after `npm run build`)
//
// Serves the production build (build/server.mjs) on a throw-away PostgreSQL database
// (MEMBER_CPU_DATABASE, default avk_member_cpu_<pid>, on TEST_DATABASE_URL or
// postgres://postgres@127.0.0.1:5432; dropped afterwards), makes 50 members in groups of 7 (as bench:load does), then asks each member page
// `requests` times at modest concurrency (MEMBER_CPU_CONNECTIONS, default 8), each request as the
// next member. Prints per page the server's CPU time per request (from /proc, so it counts
// everything the process does, garbage collection included) and the SQL statements per request.
// Unlike latency, CPU per request hardly changes when other work loads the machine, so it is the
// figure to compare before and after a change. The statements are counted by a small proxy
// between the server and PostgreSQL that counts the Execute and Query messages the server sends.
// MEMBER_CPU_STATEMENTS=1 also lists each page's statements with their count per request.
// Also measures /api/search with the relevance set's queries in turn (result cache off), as
// bench:load does. MEMBER_CPU_ONLY=<regex> measures only the pages whose name matches.
// MEMBER_CPU_SAVE=<dir> saves each page as the first member gets it.
// MEMBER_CPU_PROF=<dir> starts the server with --cpu-prof into that directory (the profile is
// written when the server stops).
import { readFileSync, writeFileSync } from "node:fs";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { openPostgres } from "#db/client.server.ts";
import { freePort } from "#tests/e2e/support/app.ts";
import {
  type BuiltServer,
  cpuMs,
  createMembers,
  driveRequests,
  memberPages,
  postgresCpuMs,
  requireBuild,
  startBuiltServer,
  throwAwayDatabase,
} from "./built-server.ts";

const REQUESTS = Number(process.argv[2] ?? 2000);
const CONNECTIONS = Number(process.env.MEMBER_CPU_CONNECTIONS ?? 8);
const MEMBERS = 50;
const WARM_UP = 200;
const ONLY = process.env.MEMBER_CPU_ONLY ? new RegExp(process.env.MEMBER_CPU_ONLY) : null;
const relevance = JSON.parse(readFileSync("tests/fixtures/search-relevance.json", "utf8")) as {
  queries: { q: string }[];
};
const searchPaths = relevance.queries.map((query) => `/api/search?q=${encodeURIComponent(query.q)}`);

requireBuild();

/** A C string (NUL-terminated) in `buffer` from `at`, and where the next field starts. */
function cString(buffer: Buffer, at: number): [string, number] {
  const end = buffer.indexOf(0, at);
  return [buffer.toString("utf8", at, end), end + 1];
}

/**
 * A TCP proxy to PostgreSQL that counts the statements its clients send: each Execute ('E', the
 * extended protocol postgres.js uses) and each simple Query ('Q'), also per statement text (from
 * the Parse of the statement its Bind names).
 */
async function countingProxy(host: string, port: number) {
  let statements = 0;
  const perText = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ host, port });
    sockets.add(client).add(upstream);
    let started = false;
    const texts = new Map<string, string>();
    let bound = "";
    let pending: Buffer = Buffer.alloc(0);
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      let at = 0;
      for (;;) {
        if (!started) {
          // Startup, SSL or GSS request: a length and a code, no type byte.
          if (pending.length - at < 8) break;
          const length = pending.readInt32BE(at);
          if (pending.length - at < length) break;
          const code = pending.readInt32BE(at + 4);
          started = code !== 80877103 && code !== 80877104;
          at += length;
          continue;
        }
        if (pending.length - at < 5) break;
        const type = pending[at];
        const length = pending.readInt32BE(at + 1);
        if (pending.length - at < 1 + length) break;
        const body = at + 5;
        if (type === 0x50) {
          const [name, next] = cString(pending, body);
          texts.set(name, cString(pending, next)[0]);
        } else if (type === 0x42) {
          bound = texts.get(cString(pending, cString(pending, body)[1])[0]) ?? "?";
        } else if (type === 0x45 || type === 0x51) {
          statements++;
          const text = type === 0x51 ? cString(pending, body)[0] : bound;
          perText.set(text, (perText.get(text) ?? 0) + 1);
        }
        at += 1 + length;
      }
      pending = pending.subarray(at);
    });
    upstream.on("data", (chunk) => client.write(chunk));
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", close).on("error", close);
    upstream.on("close", close).on("error", close);
  });
  const listenPort = await freePort();
  await new Promise<void>((resolve) => server.listen(listenPort, "127.0.0.1", resolve));
  return {
    port: listenPort,
    statements: () => statements,
    /** The count per statement text so far. */
    perText: () => new Map(perText),
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

const baseUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
let database: Awaited<ReturnType<typeof throwAwayDatabase>> | undefined;
let server: BuiltServer | undefined;
let proxy: Awaited<ReturnType<typeof countingProxy>> | undefined;
let failed = false;

async function cleanUp() {
  await server?.stop();
  proxy?.close();
  await database?.drop();
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void cleanUp().then(() => process.exit(130));
  });
}

/** `total` GET requests, each as the next member, `CONNECTIONS` at a time. */
function drive(
  base: string,
  total: number,
  paths: (member: number, request: number) => string,
  cookies: string[],
) {
  return driveRequests(base, total, CONNECTIONS, (n) => ({
    path: paths(n % MEMBERS, n),
    cookie: cookies[n % MEMBERS],
  }));
}

try {
  database = await throwAwayDatabase(
    baseUrl,
    process.env.MEMBER_CPU_DATABASE ?? `avk_member_cpu_${process.pid}`,
  );
  const target = new URL(database.url);
  proxy = await countingProxy(target.hostname, Number(target.port || 5432));
  const proxied = new URL(database.url);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(proxy.port);
  server = await startBuiltServer({
    databaseUrl: proxied.toString(),
    nodeOptions: process.env.MEMBER_CPU_PROF
      ? ["--cpu-prof", "--cpu-prof-dir", process.env.MEMBER_CPU_PROF]
      : [],
    env: { SEARCH_CACHE_SIZE: "0" },
  });
  const connection = openPostgres(database.url, 2);
  let members: Awaited<ReturnType<typeof createMembers>>;
  try {
    members = await createMembers(connection.db, MEMBERS);
  } finally {
    await connection.close();
  }
  console.log(
    `CPU per lidpagina: ${REQUESTS} verzoeken per pagina, ${CONNECTIONS} tegelijk, ${MEMBERS} leden, ` +
      `productie-build op PostgreSQL, Node ${process.version}.`,
  );
  console.log(
    "| pagina | verzoeken/s | CPU server/verzoek | CPU PostgreSQL/verzoek | SQL-statements/verzoek |",
  );
  console.log("|---|---:|---:|---:|---:|");
  const pages: { name: string; path: string; paths: (member: number, request: number) => string }[] = [
    ...memberPages(members),
    {
      name: "zoeken (API), wisselende zoekvragen",
      path: "/api/search?q=…",
      paths: (_member, request) => searchPaths[request % searchPaths.length] as string,
    },
  ];
  for (const page of pages.filter((page) => !ONLY || ONLY.test(page.name))) {
    if (process.env.MEMBER_CPU_SAVE) {
      // The page as the first member sees it, for a look at what it sends.
      const response = await fetch(server.base + page.paths(0, 0), {
        headers: { cookie: members.cookies[0] as string },
      });
      writeFileSync(
        `${process.env.MEMBER_CPU_SAVE}/${page.name.replace(/\W+/g, "-")}.html`,
        await response.text(),
      );
    }
    // Warm up (JIT, prepared statements on each pooled connection) before measuring.
    const warm = await drive(server.base, WARM_UP, page.paths, members.cookies);
    if (warm.non2xx || warm.errors) throw new Error(`${page.path}: antwoorden buiten 2xx bij het opwarmen.`);
    const cpuBefore = cpuMs(server.pid);
    const databaseCpuBefore = postgresCpuMs();
    const statementsBefore = proxy.statements();
    const textsBefore = proxy.perText();
    const result = await drive(server.base, REQUESTS, page.paths, members.cookies);
    const cpuAfter = cpuMs(server.pid);
    const databaseCpuAfter = postgresCpuMs();
    const statements = proxy.statements() - statementsBefore;
    const texts = [...proxy.perText()]
      .map(([text, count]) => [text, count - (textsBefore.get(text) ?? 0)] as const)
      .filter(([, count]) => count > 0);
    const answered = result.requests.total;
    if (result.non2xx || result.errors || result.timeouts) {
      failed = true;
      console.error(`${page.path}: ${result.non2xx} antwoorden buiten 2xx, ${result.errors} fouten.`);
    }
    const cpu =
      cpuBefore !== null && cpuAfter !== null
        ? `${((cpuAfter - cpuBefore) / answered).toFixed(2)} ms`
        : "onbekend";
    const databaseCpu =
      databaseCpuBefore !== null && databaseCpuAfter !== null
        ? `${((databaseCpuAfter - databaseCpuBefore) / answered).toFixed(2)} ms`
        : "onbekend";
    console.log(
      `| ${page.name} \`${page.path}\` | ${result.requests.average.toFixed(0)} | ${cpu} | ${databaseCpu} | ${(statements / answered).toFixed(2)} |`,
    );
    if (process.env.MEMBER_CPU_STATEMENTS)
      for (const [text, count] of texts)
        console.log(`    ${(count / answered).toFixed(2)}  ${text.replace(/\s+/g, " ")}`);
  }
} catch (error) {
  failed = true;
  console.error(error instanceof Error ? error.message : String(error));
  if (server) console.error(server.log());
} finally {
  await cleanUp();
}
process.exit(failed ? 1 : 0);
