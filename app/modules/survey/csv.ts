// A small CSV reader (RFC 4180): quoted fields, doubled quotes, line breaks inside quotes,
// CRLF/LF/CR line ends, a UTF-8 byte-order mark. Every record knows the physical line it starts
// on (1-based, header = line 1), so import errors can point at the line a spreadsheet shows.
// No dependencies; shared by server and browser.

export type Delimiter = "," | ";";

/** Something wrong with the quoting of one record; the record's fields are then unreliable. */
export interface CsvProblem {
  kind: "unterminated-quote" | "text-after-quote";
  /** Physical line where the problem is (for an unterminated quote: where the quote opened). */
  line: number;
  /** 0-based index of the field. */
  field: number;
}

export interface CsvRecord {
  /** Physical line (1-based) on which the record starts. */
  line: number;
  fields: string[];
  problem?: CsvProblem;
}

const QUOTE = 34; // "
const LF = 10;
const CR = 13;

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Number of line breaks (CRLF, LF or CR each count once) in text[from, to). */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR) {
      count++;
      if (i + 1 < to && text.charCodeAt(i + 1) === LF) i++;
    }
  }
  return count;
}

/**
 * The first line of the text (up to the first line break outside quotes), or null when there is
 * none within maxLength characters: then the text has no recognisable header.
 */
export function firstLine(text: string, maxLength = 65_536): string | null {
  let inQuotes = false;
  const end = Math.min(text.length, maxLength);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (!inQuotes && (c === LF || c === CR)) return text.slice(0, i);
  }
  return text.length <= maxLength ? text : null;
}

/** How often each candidate separator occurs outside quotes in one line. */
export function countSeparators(line: string): Record<"," | ";" | "\t" | "|", number> {
  const counts = { ",": 0, ";": 0, "\t": 0, "|": 0 };
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === "," || ch === ";" || ch === "\t" || ch === "|")) counts[ch]++;
  }
  return counts;
}

/**
 * Reads all records. Blank lines are skipped. The text should already be without a byte-order
 * mark (see stripBom); line numbers count from the start of the text given.
 */
export function parseCsv(text: string, delimiter: Delimiter): CsvRecord[] {
  const records: CsvRecord[] = [];
  const delim = delimiter.charCodeAt(0);
  const len = text.length;
  let i = 0;
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let problem: CsvProblem | undefined;

  const endRecord = () => {
    // A blank (or whitespace-only) line is no record.
    if (!(fields.length === 1 && (fields[0] as string).trim() === "" && !problem)) {
      records.push(problem ? { line: recordLine, fields, problem } : { line: recordLine, fields });
    }
    fields = [];
    problem = undefined;
  };

  while (i < len) {
    let value: string;
    if (text.charCodeAt(i) === QUOTE) {
      const openLine = line;
      i++;
      value = "";
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          value += text.slice(i);
          line += countLineBreaks(text, i, len);
          i = len;
          problem ??= { kind: "unterminated-quote", line: openLine, field: fields.length };
          break;
        }
        line += countLineBreaks(text, i, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(i, q + 1);
          i = q + 2;
        } else {
          value += text.slice(i, q);
          i = q + 1;
          break;
        }
      }
      // After the closing quote only a delimiter or a line end may follow.
      if (i < len) {
        const c = text.charCodeAt(i);
        if (c !== delim && c !== LF && c !== CR) {
          let j = i;
          while (j < len) {
            const d = text.charCodeAt(j);
            if (d === delim || d === LF || d === CR) break;
            j++;
          }
          value += text.slice(i, j);
          i = j;
          problem ??= { kind: "text-after-quote", line, field: fields.length };
        }
      }
    } else {
      let j = i;
      while (j < len) {
        const c = text.charCodeAt(j);
        if (c === delim || c === LF || c === CR) break;
        j++;
      }
      value = text.slice(i, j);
      i = j;
    }
    fields.push(value);

    if (i >= len) break;
    const c = text.charCodeAt(i);
    if (c === delim) {
      i++;
      if (i >= len) fields.push("");
      continue;
    }
    // A line end: CRLF, LF or CR.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    endRecord();
    line++;
    recordLine = line;
  }
  if (fields.length > 0) endRecord();
  return records;
}
