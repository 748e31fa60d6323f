import { openPostgres } from "#db/client.server.ts";
import { PostgresEngine } from "#search/postgres.ts";

const database = await openPostgres("postgres://postgres@127.0.0.1:5432/avk_search_profile");
const engine = new PostgresEngine(database.db);
const qs = (process.argv[2] ?? "uitbesteden digital|recht op ve|DAT tape|open re|umatic|azijnlucht").split(
  "|",
);
for (const q of qs) await engine.query({ q, locale: "nl", limit: 20 });
process.env.SEARCH_TRACE = "1";
for (let i = 0; i < 3; i++) for (const q of qs) await engine.query({ q, locale: "nl", limit: 20 });
await database.close();
