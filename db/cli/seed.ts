import { seed } from "../seed/index.server.ts";
import { exitWith, openForCli } from "./open.ts";

const database = await openForCli();
try {
  await database.migrate();
  const summary = await seed(database.db);
  console.log(`Seed klaar op ${database.kind} (${database.location}): ${summary.topics} onderwerpen.`);
} catch (error) {
  exitWith(error);
} finally {
  await database.close();
}
