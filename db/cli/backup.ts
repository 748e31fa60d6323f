// npm run db:backup -- [--out bestand]
// Backs up the configured database: PostgreSQL (DATABASE_URL) with pg_dump -Fc, the embedded
// database (DATA_DIR, while the app is stopped) with PGlite's dumpDataDir. Prints the file
// written; default ./backups/avk-<tijdstip>.dump or .tar.gz.
import { EnvError, loadEnv } from "../../app/modules/env.server.ts";
import { BackupError, backupDatabase, describeTarget, formatBytes, targetFromEnv } from "../backup.server.ts";

const usage = "Gebruik: npm run db:backup -- [--out bestand]";

function parseArgs(args: string[]): { out?: string } {
  if (args.length === 0) return {};
  if (args.length === 2 && args[0] === "--out" && args[1]) return { out: args[1] };
  if (args.length === 1 && args[0]?.startsWith("--out=") && args[0].length > 6)
    return { out: args[0].slice(6) };
  console.error(usage);
  process.exit(1);
}

const { out } = parseArgs(process.argv.slice(2));
try {
  const target = targetFromEnv(loadEnv());
  const result = await backupDatabase(target, out);
  console.log(`Back-up van ${describeTarget(target)} geschreven (${formatBytes(result.bytes)}):`);
  console.log(result.file);
} catch (error) {
  if (error instanceof BackupError || error instanceof EnvError) console.error(error.message);
  else console.error(`Fout: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
