import { rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openPostgres, pgliteExtensions, wrapPglite } from "#db/client.server.ts";
import { databaseUrlFor } from "./pg-url.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string;
    pgliteDump: string;
  }
}

/**
 * Migrates one template database for the whole run: on PostgreSQL a template database that
 * each test copies (CREATE DATABASE ... TEMPLATE), on PGlite a data-directory dump that each
 * test file loads.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `avk_tpl_${process.pid}_${Date.now()}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    const template = openPostgres(databaseUrlFor(url, name), 1);
    await template.migrate();
    await template.close();
    project.provide("pgTemplate", name);
    project.provide("pgliteDump", "");
    return async () => {
      const left = await admin<{ datname: string }[]>`
        select datname from pg_database where datname like ${String.raw`avk\_t\_%`} or datname = ${name}`;
      for (const row of left) await admin.unsafe(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const client = await PGlite.create({ extensions: pgliteExtensions });
  const database = wrapPglite(client, "memory://template");
  await database.migrate();
  const dump = await client.dumpDataDir("none");
  await client.close();
  const file = path.join(os.tmpdir(), `avk-pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgTemplate", "");
  project.provide("pgliteDump", file);
  return () => rmSync(file, { force: true });
}
