import { EnvError, loadEnv } from "../../app/modules/env.server.ts";
import { type Database, DatabaseInUseError, openDatabase } from "../client.server.ts";

/** Opens the configured database for a command-line tool, or exits with a plain message. */
export async function openForCli(): Promise<Database> {
  try {
    const env = loadEnv();
    const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, max: 2 });
    return database;
  } catch (error) {
    exitWith(error);
  }
}

export function exitWith(error: unknown): never {
  if (error instanceof EnvError || error instanceof DatabaseInUseError) {
    console.error(error.message);
  } else {
    console.error(`Fout: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
}
