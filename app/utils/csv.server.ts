import { stringify } from "csv-stringify/sync";

/** A value a CSV cell is written from. */
export type CsvCell = string | number | boolean | Date | null | undefined;

/**
 * Spreadsheets run a cell that starts with = + - @ (or tab / carriage return) as a formula, so text
 * cells starting with one get a leading apostrophe (OWASP's advice). Numbers are written as numbers:
 * a negative amount is data we produced, not text someone typed.
 */
function neutralise(cell: CsvCell): string | number {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : "";
  if (typeof cell === "boolean") return cell ? "true" : "false";
  if (cell instanceof Date) return cell.toISOString();
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** The one CSV writer: a header row, then the rows, every cell neutralised, CRLF line ends (RFC 4180). */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return stringify([header, ...rows.map((row) => row.map(neutralise))], { record_delimiter: "\r\n" });
}

/** A CSV download Response (toCsv). */
export function csvResponse(filename: string, header: string[], rows: CsvCell[][]): Response {
  return new Response(toCsv(header, rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^a-z0-9._-]/gi, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}
