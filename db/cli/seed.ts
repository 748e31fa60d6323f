import { loadEnv } from "../../app/modules/env.server.ts";
import { describeSeed, seed, seedOptionsFromEnv } from "../seed/index.server.ts";
import { exitWith, openForCli } from "./open.ts";

const database = await openForCli();
try {
  await database.migrate();
  const summary = await seed(database.db, seedOptionsFromEnv(loadEnv()));
  console.log(`Seed klaar op ${database.kind} (${database.location}): ${describeSeed(summary)}.`);
} catch (error) {
  exitWith(error);
} finally {
  await database.close();
}
