// `npm run match -- --input <deelnemers.json> [--min 4] [--max 7] [--seed 1]`
//
// Reads [{ id, institution, type, needs: [topic], offers: [topic], province, inPerson, fte?,
// digitisationDegree? }] (the last two optional band labels, docs/domain.md §7) and
// prints the proposal { score, groups: [{ members, score, reasons }] } as JSON on stdout.
// Problems (missing file, bad JSON, constraints that cannot hold) go to stderr as one Dutch
// message, exit code 1, no stack trace.

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { MatchError, type MatchResult, match, parseParticipants } from "#app/modules/intervisie/matching.ts";
import { type MatchReason, reasonText } from "#app/modules/intervisie/reasons.ts";

const usage = "Gebruik: npm run match -- --input <deelnemers.json> [--min 4] [--max 7] [--seed 1]";

class CliError extends Error {}

function wholeNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim()))
    throw new CliError(`--${name} moet een heel getal zijn, niet "${value}".`);
  return Number(value);
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** The proposal as printed: scores rounded, the reasons in Dutch (the command speaks Dutch). */
function rounded(result: MatchResult) {
  const said = (reasons: Record<string, MatchReason[]>) =>
    Object.fromEntries(
      Object.entries(reasons).map(([id, list]) => [id, list.map((r) => reasonText(r, "nl"))]),
    );
  return {
    score: round(result.score),
    groups: result.groups.map((g) => ({
      members: g.members,
      score: round(g.score),
      reasons: said(g.reasons),
    })),
  };
}

function readParticipants(file: string) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliError(`Bestand niet gevonden: ${file}`);
    if (code === "EISDIR") throw new CliError(`${file} is een map, geen bestand.`);
    throw new CliError(`Kan ${file} niet lezen (${code ?? "onbekende fout"}).`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const where = position === undefined ? "" : ` (bij teken ${Number(position) + 1})`;
    throw new CliError(`Ongeldige JSON in ${file}${where}: het bestand is geen geldige JSON.`);
  }
  return parseParticipants(data);
}

function run(argv: string[]): number {
  let values: { input?: string; min?: string; max?: string; seed?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        input: { type: "string", short: "i" },
        min: { type: "string" },
        max: { type: "string" },
        seed: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch {
    throw new CliError(`Onbekende of onvolledige optie. ${usage}`);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (!values.input) throw new CliError(`Geef een invoerbestand op met --input. ${usage}`);
  const participants = readParticipants(values.input);
  const result = match(participants, {
    min: wholeNumber(values.min, "min"),
    max: wholeNumber(values.max, "max"),
    seed: wholeNumber(values.seed, "seed"),
  });
  process.stdout.write(`${JSON.stringify(rounded(result), null, 2)}\n`);
  return 0;
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (error) {
  if (error instanceof CliError || error instanceof MatchError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Er ging iets onverwachts mis: ${(error as Error)?.message ?? String(error)}\n`);
  }
  process.exitCode = 1;
}
