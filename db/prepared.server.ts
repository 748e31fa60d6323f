// Queries that every page runs are built once per database handle (issue #21): drizzle builds a
// statement's SQL text from its query builder on every call, which was 8-9 % of a member page's
// CPU. A prepared drizzle query keeps the text and fills in `sql.placeholder` values per call.
// (PostgreSQL itself prepares every statement already: postgres.js and PGlite do that by text.)
import type { DB } from "./client.server.ts";

/**
 * `build` once for each database handle (the app's one, a test's, a transaction's), then the
 * same prepared query for that handle.
 */
export function preparedFor<Prepared>(build: (db: DB) => Prepared): (db: DB) => Prepared {
  const built = new WeakMap<DB, Prepared>();
  return (db) => {
    let prepared = built.get(db);
    if (prepared === undefined) {
      prepared = build(db);
      built.set(db, prepared);
    }
    return prepared;
  };
}
