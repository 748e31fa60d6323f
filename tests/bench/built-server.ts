// What the benchmarks that drive the production build share (load.bench.ts, member-cpu.bench.ts):
// a throw-away PostgreSQL database, build/server.mjs started on it as `npm run serve` does,
// members with a session in intervision groups, and the server's memory and CPU time read from
// /proc.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import autocannon from "autocannon";
import postgres from "postgres";
import { createSession, SESSION_COOKIE } from "#app/modules/auth/session.server.ts";
import { createUser } from "#app/modules/auth/users.server.ts";
import type { DB } from "#db/client.server.ts";
import { intervisionGroup, intervisionMember, intervisionSession } from "#db/schema/intervisie.ts";
import { freePort } from "#tests/e2e/support/app.ts";
import { databaseUrlFor } from "#tests/support/pg-url.ts";

/** Exits with a message when there is no production build (the benchmarks build nothing). */
export function requireBuild(): void {
  if (!existsSync("build/server/index.js") || !existsSync("build/server.mjs")) {
    console.error("Er is nog geen build: voer eerst `npm run build` uit. Deze benchmark bouwt zelf niets.");
    process.exit(1);
  }
}

/** Resident memory of a process in MB (Linux: /proc/<pid>/status), or null elsewhere. */
export function rssMb(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms (Linux: /proc/<pid>/stat), or null. */
export function cpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    // The fields after the command name (which may hold spaces) in parentheses.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : null; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/**
 * The CPU time (ms) of every PostgreSQL process on this machine (backends, background workers),
 * or null where /proc cannot tell. A backend that exits between two readings takes its time with
 * it; the pools here keep theirs open, so the difference over a run is the database's share.
 */
export function postgresCpuMs(): number | null {
  try {
    let total = 0;
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      let comm = "";
      try {
        comm = readFileSync(`/proc/${entry}/comm`, "utf8").trim();
      } catch {
        continue;
      }
      if (comm !== "postgres") continue;
      total += cpuMs(Number(entry)) ?? 0;
    }
    return total;
  } catch {
    return null;
  }
}

/**
 * CPU time of a process so far in ms to the nanosecond, summed over its threads (Linux:
 * /proc/<pid>/task/<tid>/schedstat, whose first field is the time on a CPU); cpuMs where that
 * cannot be read. cpuMs counts in 10 ms ticks, too coarse for short batches (ab-cpu.bench.ts).
 * A thread that ended between two readings takes its time with it.
 */
export function preciseCpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    let ns = 0;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, "utf8").split(" ")[0]);
      } catch {}
    }
    return ns / 1e6;
  } catch {
    return cpuMs(pid);
  }
}

/** A throw-away database `name` on the PostgreSQL server of `baseUrl`, dropped by `drop()`. */
export async function throwAwayDatabase(baseUrl: string, name: string) {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } catch (error) {
    await admin.end({ timeout: 5 }).catch(() => {});
    throw new Error(
      `Kon geen wegwerpdatabase aanmaken op ${new URL(baseUrl).host} (${(error as Error).message}). ` +
        "Draait PostgreSQL, en mag de gebruiker CREATEDB? Zet anders TEST_DATABASE_URL.",
    );
  }
  return {
    url: databaseUrlFor(baseUrl, name),
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
      await admin.end({ timeout: 5 }).catch(() => {});
    },
  };
}

export type BuiltServer = {
  base: string;
  pid: number | undefined;
  /** Everything the server wrote to stdout and stderr so far. */
  log(): string;
  stop(): Promise<void>;
};

/**
 * Starts build/server.mjs with NODE_ENV=production on a free port and `databaseUrl` (it migrates
 * and seeds an empty database) and waits for /healthz. `nodeOptions` go before the script
 * (`--cpu-prof`), `env` on top of this process's environment.
 */
export async function startBuiltServer({
  databaseUrl,
  env = {},
  nodeOptions = [],
  cwd,
}: {
  databaseUrl: string;
  env?: Record<string, string>;
  nodeOptions?: string[];
  /** The checkout whose build to start (default: this one). */
  cwd?: string;
}): Promise<BuiltServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let log = "";
  const server: ChildProcess = spawn(process.execPath, [...nodeOptions, "build/server.mjs"], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      MEILI_URL: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => {
    log += d;
  });
  server.stderr?.on("data", (d) => {
    log += d;
  });
  const stop = async () => {
    if (server.exitCode !== null) return;
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (server.exitCode === null) server.kill("SIGKILL");
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`De server stopte bij het starten:\n${log}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`De server startte niet binnen 90 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base, pid: server.pid, log: () => log, stop };
}

export type Members = {
  /** Per member: the Cookie header of its session. */
  cookies: string[];
  /** Per member: the id of its intervision group. */
  groupOf: number[];
  /** Per member: the id of its group's upcoming session. */
  sessionOf: number[];
};

/**
 * `count` members with a session each, in groups of `groupSize` with one upcoming session per
 * group (created by the group's first member).
 */
export async function createMembers(db: DB, count: number, groupSize = 7): Promise<Members> {
  const members: Members = { cookies: [], groupOf: [], sessionOf: [] };
  let group = 0;
  let session = 0;
  for (let i = 0; i < count; i++) {
    if (i % groupSize === 0) {
      const [row] = await db
        .insert(intervisionGroup)
        .values({
          name: `Belastinggroep ${i / groupSize + 1}`,
          institutionType: "Archief",
          topics: ["storage"],
        })
        .returning({ id: intervisionGroup.id });
      group = row!.id;
    }
    const userId = await createUser(db, {
      name: `Lid ${i + 1}`,
      email: `lid-${i + 1}@belasting.example`,
      password: "beeldband-archief-2024!",
    });
    await db.insert(intervisionMember).values({ groupId: group, userId });
    if (i % groupSize === 0) {
      const [row] = await db
        .insert(intervisionSession)
        .values({
          groupId: group,
          title: "Bijeenkomst over opslag",
          startsAt: new Date(Date.now() + 7 * 86_400_000),
          durationMinutes: 90,
          method: "vijfstappen",
          capacity: 8,
          createdBy: userId,
        })
        .returning({ id: intervisionSession.id });
      session = row!.id;
    }
    const { token } = await createSession(db, userId);
    members.cookies.push(`${SESSION_COOKIE}=${token}`);
    members.groupOf.push(group);
    members.sessionOf.push(session);
  }
  return members;
}

/** The member pages of issue #21 (goal: p95 < 200 ms), each a path per member. */
export function memberPages(
  members: Members,
): { name: string; path: string; paths: (m: number) => string }[] {
  return [
    { name: "lid: account", path: "/account", paths: () => "/account" },
    {
      name: "lid: groep",
      path: "/intervisie/groepen/…",
      paths: (m) => `/intervisie/groepen/${members.groupOf[m]}`,
    },
    {
      name: "lid: sessie",
      path: "/intervisie/sessies/…",
      paths: (m) => `/intervisie/sessies/${members.sessionOf[m]}`,
    },
  ];
}

/**
 * `total` GET requests to `base`, `connections` at a time (gzip accepted); the n-th request
 * (counting from `first`) goes to `request(n).path` with `request(n).cookie`, if any.
 */
export function driveRequests(
  base: string,
  total: number,
  connections: number,
  request: (n: number) => { path: string; cookie?: string },
  first = 0,
): Promise<autocannon.Result> {
  let next = first;
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: base,
        connections,
        amount: total,
        headers: { "accept-encoding": "gzip" },
        requests: [
          {
            method: "GET",
            setupRequest: (template: autocannon.Request) => {
              const { path, cookie } = request(next++);
              return {
                ...template,
                path,
                headers: cookie ? { ...template.headers, cookie } : template.headers,
              };
            },
          } as autocannon.Request,
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
  });
}

/**
 * Calls `record` after every statement `db.execute` runs, with the statement's first words and
 * its wall time in ms (the search probes: which statement a search spends its time in).
 */
export function timeStatements(db: DB, record: (statement: string, ms: number) => void): void {
  const execute = db.execute.bind(db);
  (db as unknown as { execute: unknown }).execute = async (query: Parameters<DB["execute"]>[0]) => {
    const started = performance.now();
    const result = await execute(query);
    const chunks = (query as unknown as { queryChunks?: { value?: string[] }[] }).queryChunks;
    const words = String(chunks?.[0]?.value?.[0] ?? query)
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, 50);
    record(words, performance.now() - started);
    return result;
  };
}
