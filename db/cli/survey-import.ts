// npm run survey:import -- <bestand.csv>
// Imports a TrendMonitor survey export into the configured database (DATABASE_URL, or the
// embedded database in DATA_DIR while the app is stopped). Applies migrations first, prints what
// changed per wave; on any error in the file it stores nothing, lists the problems with line and
// column, and exits with code 1.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import {
  describeSummary,
  formatSurveyError,
  importSurveyFile,
} from "../../app/modules/survey/import.server.ts";
import { DEFAULT_MAX_BYTES } from "../../app/modules/survey/parse.ts";
import { exitWith, openForCli } from "./open.ts";

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error("Gebruik: npm run survey:import -- <bestand.csv>");
  process.exit(1);
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1).replace(".", ",").replace(/,0$/, "");
}

let size: number;
try {
  const stat = statSync(file);
  if (!stat.isFile()) throw new Error("geen bestand");
  size = stat.size;
} catch {
  console.error(`Het bestand ${file} bestaat niet of kan niet worden gelezen.`);
  process.exit(1);
}
// Refused before reading: parseSurvey would refuse it too, but only after reading it all.
if (size > DEFAULT_MAX_BYTES) {
  console.error(
    `Er is niets geïmporteerd: ${path.basename(file)} is te groot (${megabytes(size)} MB); ` +
      `de grens is ${megabytes(DEFAULT_MAX_BYTES)} MB. Is dit het goede bestand? Splits het anders per golf.`,
  );
  process.exit(1);
}
const content = new Uint8Array(readFileSync(file));

const database = await openForCli();
let failed = false;
try {
  await database.migrate();
  const result = await importSurveyFile(database.db, {
    fileName: path.basename(file),
    content,
    actorId: null,
    via: "cli",
  });
  if (result.ok) {
    console.log(
      `Import van ${path.basename(file)} klaar op ${database.kind} (${database.location}), importnummer ${result.summary.importId}.`,
    );
    for (const line of describeSummary(result.summary)) console.log(line);
  } else {
    failed = true;
    console.error(`Er is niets geïmporteerd: ${path.basename(file)} bevat fouten.`);
    for (const error of result.errors) console.error(`  - ${formatSurveyError("nl", error)}`);
  }
} catch (error) {
  await database.close();
  exitWith(error);
}
await database.close();
if (failed) process.exit(1);
