// Writing CSV (RFC 4180: comma, CRLF, fields quoted when needed) and sending it as a download.
// Reading CSV (the survey import) is app/modules/survey/csv.ts.

export type TableValue = string | number | null;
export interface Table {
  columns: readonly string[];
  rows: readonly (readonly TableValue[])[];
}

/** One field for a CSV file: quoted when it holds the delimiter, a quote, a line break or edge spaces. */
export function quoteField(value: string, delimiter: "," | ";" = ","): string {
  if (
    value.includes(delimiter) ||
    value.includes('"') ||
    value.includes("\n") ||
    value.includes("\r") ||
    value.trim() !== value
  ) {
    return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}

/**
 * A table as CSV (comma, CRLF after every row, fields quoted when needed). Text that a
 * spreadsheet would run as a formula (starting with = + - @, a tab or a CR) gets a leading
 * apostrophe; null is an empty field.
 */
export function toCsv(table: Table): string {
  const field = (value: TableValue): string => {
    if (value === null) return "";
    if (typeof value === "number") return String(value);
    return quoteField(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value, ",");
  };
  return [table.columns, ...table.rows]
    .map((row) => row.map(field).join(","))
    .join("\r\n")
    .concat("\r\n");
}

/**
 * A CSV download: UTF-8 with a byte-order mark (so that Excel reads the accents), as an
 * attachment named `filename`.
 */
export function csvResponse(csv: string, filename: string, cacheControl: string): Response {
  return new Response(`\uFEFF${csv}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": cacheControl,
    },
  });
}
