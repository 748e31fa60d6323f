// Survey import, the pure part: text in, typed rows or problems out (message keys with their
// values, said in the reader's language at the edge: formatSurveyError in import.server.ts). Nothing is stored
// here; the caller stores the rows only when the whole file is free of errors. Shared by server
// and browser (the upload form can check a file before sending it).

import type { ErrorParams, LaterMessage } from "#app/lib/errors.ts";
import { countSeparators, type Delimiter, firstLine, parseCsv, stripBom } from "#app/modules/survey/csv.ts";
import {
  type AiUse,
  type Answers,
  aiUseLabels,
  type ChoiceColumn,
  type ColumnDef,
  choiceColumns,
  columnDef,
  type Province,
  questionnaire,
} from "#app/modules/survey/questionnaire.ts";
import { type InstitutionType, type TopicKey, topics } from "#app/modules/taxonomy.ts";

export interface SurveyRow {
  /** Line in the imported file where this respondent's record starts. */
  line: number;
  respondentId: string;
  wave: number;
  /** Private: never shown publicly. */
  institutionName: string | null;
  institutionType: InstitutionType;
  province: Province | null;
  /** Private: only for intervision invitations. */
  contactEmail: string | null;
  /** Every choice column: its canonical label, or null when not answered. */
  answers: Answers;
  /** ai_uses, in the questionnaire's order, without duplicates. */
  aiUses: AiUse[];
}

export interface SurveyError {
  /** 1-based line in the file (1 = header); 0 = the file as a whole. */
  line: number;
  /** Column name when the error is about one column, else null. */
  column: string | null;
  /** What is wrong, said later in the reader's language (errorText). */
  message: LaterMessage;
}

export type ParseResult =
  | { ok: true; rows: SurveyRow[]; waves: number[]; delimiter: Delimiter }
  | { ok: false; errors: SurveyError[] };

export interface ParseOptions {
  /** Largest accepted file in bytes (UTF-8). Default 20 MB. */
  maxBytes?: number;
  /** Errors listed in full; beyond this one closing line says how many more there are. Default 100. */
  maxErrors?: number;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_ERRORS = 100;
const MAX_ID_LENGTH = 100;
const MAX_NAME_LENGTH = 300;
const MAX_EMAIL_LENGTH = 254;
const SAMPLE_LENGTH = 4096;

// ---------------------------------------------------------------------------------------------
// Label matching

/** Key for comparing labels: trimmed, runs of white space as one space, lower case. */
export function labelKey(value: string): string {
  return value.trim().replace(/\s+/g, " ").toLowerCase();
}

interface Matcher {
  labels: readonly string[];
  /** Exact label → canonical, and labelKey(label or alias) → canonical. */
  map: Map<string, string>;
}

const matchers = new Map<string, Matcher>();
for (const def of questionnaire as readonly ColumnDef[]) {
  if (!("labels" in def)) continue;
  const map = new Map<string, string>();
  for (const label of def.labels) {
    map.set(label, label);
    map.set(labelKey(label), label);
  }
  if ("aliases" in def) {
    for (const [alias, label] of Object.entries(def.aliases)) map.set(labelKey(alias), label);
  }
  matchers.set(def.column, { labels: def.labels, map });
}

/**
 * The canonical label for a raw answer in a labelled column (case and surrounding spaces
 * ignored), null for a blank answer, undefined for an answer that is not allowed.
 */
export function matchLabel(column: string, raw: string): string | null | undefined {
  const matcher = matchers.get(column);
  if (!matcher) return undefined;
  const exact = matcher.map.get(raw);
  if (exact !== undefined) return exact;
  const key = labelKey(raw);
  if (key === "") return null;
  return matcher.map.get(key);
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 99;
}

/** The closest allowed value when it is only a typo away. */
function suggestion(raw: string, allowed: readonly string[]): string | null {
  const key = labelKey(raw);
  let best: string | null = null;
  let bestDistance = 3;
  for (const label of allowed) {
    const distance = editDistance(key, label.toLowerCase());
    if (distance < bestDistance && distance <= Math.max(1, Math.floor(label.length / 3))) {
      best = label;
      bestDistance = distance;
    }
  }
  return best;
}

function listLabels(labels: readonly string[]): string {
  return labels.some((label) => label.includes(","))
    ? labels.map((label) => `"${label}"`).join(", ")
    : labels.join(", ");
}

function shown(raw: string): string {
  const value = raw.trim();
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

const encodingHint: LaterMessage = { key: "error.surveyFile.hintEncoding" };

function didYouMean(value: string): LaterMessage {
  return { key: "error.surveyFile.hintSuggestion", params: { value } };
}

/** A message followed by hints (a suggestion, the encoding), each its own sentence. */
function withHints(message: LaterMessage, hints: readonly (LaterMessage | null | false)[]): LaterMessage {
  const list = hints.filter((hint): hint is LaterMessage => !!hint);
  return list.length ? { key: "error.surveyFile.withHints", params: { message, hints: list } } : message;
}

function msg(key: LaterMessage["key"], params?: ErrorParams): LaterMessage {
  return params ? { key, params } : { key };
}

// ---------------------------------------------------------------------------------------------
// Errors

class ErrorList {
  readonly list: SurveyError[] = [];
  total = 0;
  constructor(private readonly max: number) {}

  /** The message is built only while the list is not full. */
  add(line: number, column: string | null, message: LaterMessage | (() => LaterMessage)): void {
    this.total++;
    if (this.list.length < this.max) {
      this.list.push({ line, column, message: typeof message === "function" ? message() : message });
    }
  }

  get any(): boolean {
    return this.total > 0;
  }

  result(): SurveyError[] {
    const rest = this.total - this.list.length;
    if (rest <= 0) return this.list;
    return [...this.list, { line: 0, column: null, message: msg("error.surveyFile.more", { count: rest }) }];
  }
}

function fail(line: number, column: string | null, message: LaterMessage): ParseResult {
  return { ok: false, errors: [{ line, column, message }] };
}

/** Where a problem is: "Regel 3, kolom "wave"". A message with an `at` says its own place. */
function at(line: number, column: string): LaterMessage {
  return msg("error.surveyFile.cell", { line, column });
}

function atLine(line: number): LaterMessage {
  return msg("error.surveyFile.line", { line });
}

// ---------------------------------------------------------------------------------------------
// Whole-file checks

function utf8Length(text: string, limit: number): number {
  // A UTF-16 code unit is at least one UTF-8 byte and at most three.
  if (text.length > limit || text.length * 3 <= limit) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Megabytes with one decimal when it is not whole: 50, or 0,5 in Dutch and 0.5 in English. */
function megabytes(bytes: number): number | LaterMessage {
  const tenths = Math.round((bytes / (1024 * 1024)) * 10);
  if (tenths % 10 === 0) return tenths / 10;
  return msg("error.surveyFile.decimal", { whole: Math.floor(tenths / 10), tenth: tenths % 10 });
}

function tooLarge(bytes: number, max: number): ParseResult {
  return fail(0, null, msg("error.surveyFile.tooLarge", { size: megabytes(bytes), max: megabytes(max) }));
}

const notCsv: LaterMessage = { key: "error.surveyFile.notCsv" };
const excel: LaterMessage = { key: "error.surveyFile.excel" };

function looksBinary(text: string): LaterMessage | null {
  if (text.startsWith("PK\u0003\u0004")) return excel;
  const end = Math.min(text.length, SAMPLE_LENGTH);
  let odd = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return notCsv;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || (c >= 0x7f && c < 0xa0) || c === 0xfffd) odd++;
  }
  return odd > Math.max(2, end / 100) ? notCsv : null;
}

const separatorNames: Record<string, LaterMessage> = {
  "\t": { key: "error.surveyFile.tabs" },
  "|": { key: "error.surveyFile.bars" },
};

function knownColumnCount(names: readonly string[]): number {
  let known = 0;
  for (const name of names) if (columnDef(headerKey(name))) known++;
  return known;
}

function headerKey(name: string): string {
  return name
    .replace(/^\uFEFF/, "")
    .trim()
    .replace(/^"(.*)"$/, "$1")
    .trim()
    .toLowerCase();
}

type HeaderCheck = { ok: true; delimiter: Delimiter } | { ok: false; message: LaterMessage };

function detectDelimiter(header: string): HeaderCheck {
  const counts = countSeparators(header);
  let best: { sep: keyof typeof counts; known: number; count: number } | null = null;
  for (const sep of [",", ";", "\t", "|"] as const) {
    const known = counts[sep] > 0 ? knownColumnCount(header.split(sep)) : 0;
    if (!best || known > best.known || (known === best.known && counts[sep] > best.count)) {
      best = { sep, known, count: counts[sep] };
    }
  }
  if (!best || best.known === 0) {
    if (best && best.count === 0 && knownColumnCount([header]) === 1) {
      return { ok: false, message: msg("error.surveyFile.noSeparator") };
    }
    return { ok: false, message: msg("error.surveyFile.noHeader") };
  }
  if (best.sep === "\t" || best.sep === "|") {
    return {
      ok: false,
      message: msg("error.surveyFile.separator", { separator: separatorNames[best.sep] as LaterMessage }),
    };
  }
  return { ok: true, delimiter: best.sep };
}

// ---------------------------------------------------------------------------------------------
// Per-column readers

/** A row being read: respondentId and wave stay null until a valid value is read. */
type Draft = Omit<SurveyRow, "respondentId" | "wave" | "answers"> & {
  respondentId: string | null;
  wave: number | null;
  answers: Record<string, string | null>;
};

/** Every choice column unanswered; copied (spread) for each row so all rows share one shape. */
const blankAnswers: Readonly<Record<string, null>> = Object.fromEntries(
  choiceColumns.map((column) => [column, null]),
);

/** Reads one cell into the draft row; reports problems. Returns nothing. */
type Reader = (raw: string, draft: Draft, line: number, errors: ErrorList) => void;

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const aiUseOrder = new Map<string, number>(aiUseLabels.map((label, index) => [label, index]));

function readerFor(def: ColumnDef): Reader {
  const column = def.column;
  switch (def.kind) {
    case "id":
      return (raw, draft, line, errors) => {
        const value = raw.trim();
        if (value === "")
          errors.add(line, column, () => msg("error.surveyFile.idMissing", { at: at(line, column) }));
        else if (value.length > MAX_ID_LENGTH)
          errors.add(line, column, () => msg("error.surveyFile.idTooLong", { at: at(line, column) }));
        else draft.respondentId = value;
      };
    case "wave":
      return (raw, draft, line, errors) => {
        const value = raw.trim();
        const year = /^\d{4}$/.test(value) ? Number(value) : Number.NaN;
        if (year >= 2000 && year <= 2100) draft.wave = year;
        else if (value === "")
          errors.add(line, column, () => msg("error.surveyFile.waveMissing", { at: at(line, column) }));
        else
          errors.add(line, column, () =>
            msg("error.surveyFile.waveInvalid", { at: at(line, column), value: shown(raw) }),
          );
      };
    case "text-private":
      return (raw, draft, line, errors) => {
        const value = raw.trim().replace(/\s+/g, " ");
        if (value === "") draft.institutionName = null;
        else if (value.includes("\uFFFD"))
          errors.add(line, column, () =>
            withHints(msg("error.surveyFile.nameUnreadable", { at: at(line, column) }), [encodingHint]),
          );
        else if (value.length > MAX_NAME_LENGTH)
          errors.add(line, column, () =>
            msg("error.surveyFile.nameTooLong", { at: at(line, column), max: MAX_NAME_LENGTH }),
          );
        else draft.institutionName = value;
      };
    case "email-private":
      return (raw, draft, line, errors) => {
        const value = raw.trim();
        if (value === "") draft.contactEmail = null;
        else if (value.length > MAX_EMAIL_LENGTH || !emailPattern.test(value))
          errors.add(line, column, () =>
            msg("error.surveyFile.emailInvalid", { at: at(line, column), value: shown(raw) }),
          );
        else draft.contactEmail = value;
      };
    case "institution_type":
    case "province":
    case "choice": {
      const labels = def.labels;
      const kind = def.kind;
      return (raw, draft, line, errors) => {
        const label = matchLabel(column, raw);
        if (label === undefined) {
          errors.add(line, column, () =>
            unknownAnswer(line, column, raw, labels, kind === "institution_type"),
          );
        } else if (kind === "institution_type") {
          draft.institutionType = (label ?? "Onbekend") as InstitutionType;
        } else if (kind === "province") {
          draft.province = label as Province | null;
        } else {
          draft.answers[column] = label;
        }
      };
    }
    case "multi": {
      const labels = def.labels;
      const separator = def.separator;
      return (raw, draft, line, errors) => {
        if (raw.trim() === "") return;
        const found = new Set<AiUse>();
        for (const part of raw.split(separator)) {
          if (part.trim() === "") continue;
          const label = matchLabel(column, part);
          if (label === undefined || label === null) {
            errors.add(line, column, () => {
              const close = suggestion(part, labels);
              return withHints(
                msg("error.surveyFile.unknownUse", {
                  at: at(line, column),
                  value: shown(part),
                  allowed: listLabels(labels),
                  separator,
                }),
                [close !== null && didYouMean(close), part.includes("\uFFFD") && encodingHint],
              );
            });
          } else found.add(label as AiUse);
        }
        draft.aiUses = [...found].sort((a, b) => (aiUseOrder.get(a) ?? 0) - (aiUseOrder.get(b) ?? 0));
      };
    }
  }
}

function unknownAnswer(
  line: number,
  column: string,
  raw: string,
  labels: readonly string[],
  blankIsUnknown: boolean,
): LaterMessage {
  const close = suggestion(raw, labels);
  return withHints(
    msg("error.surveyFile.unknownAnswer", {
      at: at(line, column),
      value: shown(raw),
      allowed: listLabels(labels),
    }),
    [
      blankIsUnknown && msg("error.surveyFile.hintBlankUnknown"),
      close !== null && didYouMean(close),
      raw.includes("\uFFFD") && encodingHint,
    ],
  );
}

// ---------------------------------------------------------------------------------------------
// The import

function toText(input: string | Uint8Array | ArrayBuffer, maxBytes: number): string | ParseResult {
  if (typeof input === "string") {
    const bytes = utf8Length(input, maxBytes);
    return bytes > maxBytes ? tooLarge(bytes, maxBytes) : input;
  }
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.byteLength > maxBytes) return tooLarge(bytes.byteLength, maxBytes);
  // Excel workbooks: .xlsx is a zip archive, .xls an OLE compound file.
  if (
    (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) ||
    (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
  ) {
    return fail(1, null, excel);
  }
  // Look at a sample before decoding everything: junk is refused without reading it all.
  const sample = looksBinary(new TextDecoder("utf-8").decode(bytes.subarray(0, SAMPLE_LENGTH)));
  if (sample) return fail(1, null, sample);
  return new TextDecoder("utf-8").decode(bytes);
}

/**
 * Reads a survey export (README of data/survey): `,` or `;` as delimiter, optional UTF-8 BOM,
 * CRLF/LF/CR line ends, quoted fields, labels in any case with surrounding spaces. Returns all
 * rows, or the errors (with line and column, as message keys) when anything does not fit: then nothing
 * of the file may be stored.
 */
export function parseSurvey(
  input: string | Uint8Array | ArrayBuffer,
  options: ParseOptions = {},
): ParseResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxErrors = Math.max(1, options.maxErrors ?? DEFAULT_MAX_ERRORS);

  const decoded = toText(input, maxBytes);
  if (typeof decoded !== "string") return decoded;
  const text = stripBom(decoded);
  if (!/\S/.test(text)) return fail(1, null, msg("error.surveyFile.empty"));

  const binary = looksBinary(text);
  if (binary) return fail(1, null, binary);
  // looksBinary samples only the start; a NUL further on cannot be stored (PostgreSQL text).
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const line = text.slice(0, nul).split(/\r\n|\r|\n/).length;
    return fail(line, null, msg("error.surveyFile.nul", { at: atLine(line), detail: notCsv }));
  }

  // Blank lines above the header are skipped (as parseCsv does).
  const headerLine = firstLine(text.replace(/^(?:[ \t]*(?:\r\n|\r|\n))+/, ""));
  if (headerLine === null) {
    return fail(1, null, msg("error.surveyFile.noLineEnd"));
  }
  const detected = detectDelimiter(headerLine);
  if (!detected.ok) return fail(1, null, detected.message);
  const delimiter = detected.delimiter;

  const records = parseCsv(text, delimiter);
  const header = records[0];
  if (!header) return fail(1, null, msg("error.surveyFile.empty"));
  if (header.problem) {
    return fail(
      header.line,
      null,
      header.problem.kind === "unterminated-quote"
        ? msg("error.surveyFile.headerOpenQuote")
        : msg("error.surveyFile.headerAfterQuote"),
    );
  }

  const errors = new ErrorList(maxErrors);

  // Header: known, unique column names; trailing empty names (a trailing delimiter) are ignored.
  const names = header.fields.map(headerKey);
  while (names.length > 0 && names[names.length - 1] === "") names.pop();
  const width = names.length;
  const readers: (Reader | null)[] = [];
  const seen = new Map<string, number>();
  for (const [index, name] of names.entries()) {
    readers.push(null);
    if (name === "") {
      errors.add(1, null, msg("error.surveyFile.columnUnnamed", { index: index + 1 }));
      continue;
    }
    const def = columnDef(name);
    if (!def) {
      const close = suggestion(
        name,
        questionnaire.map((d) => d.column),
      );
      errors.add(
        1,
        name,
        withHints(msg("error.surveyFile.columnUnknown", { column: shown(name) }), [
          close === null ? msg("error.surveyFile.hintRemoveColumn") : didYouMean(close),
        ]),
      );
      continue;
    }
    if (seen.has(name)) {
      errors.add(1, name, msg("error.surveyFile.columnTwice", { column: name }));
      continue;
    }
    seen.set(name, index);
    readers[index] = readerFor(def);
  }
  for (const def of questionnaire) {
    if (def.required && !seen.has(def.column)) {
      errors.add(
        1,
        def.column,
        withHints(msg("error.surveyFile.columnMissing", { column: def.column }), [
          (def.kind === "choice" || def.kind === "multi") && msg("error.surveyFile.hintAddColumn"),
        ]),
      );
    }
  }

  const firstOf = new Map<string, number>();
  const rows: SurveyRow[] = [];
  const waves = new Set<number>();
  const sep = msg(delimiter === "," ? "error.surveyFile.comma" : "error.surveyFile.semicolon");
  const last = records.length - 1;

  for (let r = 1; r < records.length; r++) {
    const record = records[r] as (typeof records)[number];
    const { line, fields, problem } = record;

    if (problem) {
      const column = names[problem.field] || null;
      const where = column ? at(problem.line, column) : atLine(problem.line);
      errors.add(problem.line, column, () =>
        msg(
          problem.kind === "unterminated-quote"
            ? "error.surveyFile.openQuote"
            : "error.surveyFile.afterQuote",
          { at: where },
        ),
      );
      continue;
    }
    if (fields.length < width) {
      const column = names[fields.length] || null;
      const counts = { at: atLine(line), fields: fields.length, width };
      errors.add(line, column, () =>
        r === last
          ? column
            ? msg("error.surveyFile.rowEndsColumn", { ...counts, column })
            : msg("error.surveyFile.rowEnds", counts)
          : column
            ? msg("error.surveyFile.rowShortColumn", { ...counts, column })
            : msg("error.surveyFile.rowShort", counts),
      );
      continue;
    }
    if (fields.length > width) {
      let extra = false;
      for (let f = width; f < fields.length; f++) if ((fields[f] as string).trim() !== "") extra = true;
      if (extra) {
        errors.add(line, null, () =>
          msg("error.surveyFile.rowLong", { at: atLine(line), fields: fields.length, width, separator: sep }),
        );
        continue;
      }
    }

    const draft: Draft = {
      line,
      respondentId: null,
      wave: null,
      institutionName: null,
      institutionType: "Onbekend",
      province: null,
      contactEmail: null,
      answers: { ...blankAnswers },
      aiUses: [],
    };
    for (let f = 0; f < width; f++) {
      const read = readers[f];
      if (read) read(fields[f] as string, draft, line, errors);
    }

    const { respondentId, wave } = draft;
    if (respondentId !== null && wave !== null) {
      const key = `${wave}\u0000${respondentId.toLowerCase()}`;
      const earlier = firstOf.get(key);
      if (earlier === undefined) firstOf.set(key, line);
      else {
        errors.add(line, "respondent_id", () =>
          msg("error.surveyFile.duplicateId", { at: atLine(line), id: shown(respondentId), wave, earlier }),
        );
      }
    }
    if (errors.any || respondentId === null || wave === null) continue;
    rows.push(draft as SurveyRow);
    waves.add(wave);
  }

  if (records.length === 1 && !errors.any) {
    errors.add(2, null, msg("error.surveyFile.headerOnly"));
  }
  if (errors.any) return { ok: false, errors: errors.result() };
  return { ok: true, rows, waves: [...waves].sort((a, b) => a - b), delimiter };
}

// ---------------------------------------------------------------------------------------------
// Knowledge needs and offers (docs/domain.md §4)

const needLabels: ReadonlySet<string> = new Set(["Onvoldoende", "Slecht"]);
const offerLabels: ReadonlySet<string> = new Set(["Goed"]);

/**
 * A respondent needs a topic when the answer to its survey column is Onvoldoende or Slecht,
 * and can offer it when the answer is Goed. Topics in taxonomy order.
 */
export function needsAndOffers(row: { answers: Pick<Answers, (typeof topics)[number]["surveyColumn"]> }): {
  needs: TopicKey[];
  offers: TopicKey[];
} {
  const needs: TopicKey[] = [];
  const offers: TopicKey[] = [];
  for (const topic of topics) {
    const answer = row.answers[topic.surveyColumn];
    if (answer === null) continue;
    if (needLabels.has(answer)) needs.push(topic.key);
    else if (offerLabels.has(answer)) offers.push(topic.key);
  }
  return { needs, offers };
}

export type { ChoiceColumn };
