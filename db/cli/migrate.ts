import { exitWith, openForCli } from "./open.ts";

const database = await openForCli();
try {
  await database.migrate();
  console.log(`Migraties toegepast op ${database.kind} (${database.location}).`);
} catch (error) {
  exitWith(error);
} finally {
  await database.close();
}
