// npm run db:restore -- <bestand> [--force]
// Restores a back-up from `npm run db:backup` into the configured database: PostgreSQL
// (DATABASE_URL) with pg_restore --clean --if-exists --no-owner in one transaction, the embedded
// database (DATA_DIR, while the app is stopped) with PGlite's loadDataDir. Only into an empty
// database, unless --force: then the back-up replaces what is there.
import { EnvError, loadEnv } from "../../app/modules/env.server.ts";
import { BackupError, describeTarget, restoreDatabase, targetFromEnv } from "../backup.server.ts";

const usage = "Gebruik: npm run db:restore -- <bestand> [--force]";

const args = process.argv.slice(2);
const force = args.includes("--force");
const files = args.filter((arg) => arg !== "--force");
if (files.length !== 1 || files[0]?.startsWith("-")) {
  console.error(usage);
  process.exit(1);
}
const file = files[0] as string;

try {
  const target = targetFromEnv(loadEnv());
  const result = await restoreDatabase(target, file, { force });
  console.log(
    `${file} teruggezet in ${describeTarget(target)}${result.replaced ? " (de vorige inhoud is vervangen)" : ""}: ` +
      `${result.tables} tabellen. Start de app daarna opnieuw; migraties die nieuwer zijn dan de back-up worden bij de start toegepast.`,
  );
} catch (error) {
  if (error instanceof BackupError || error instanceof EnvError) console.error(error.message);
  else console.error(`Fout: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
