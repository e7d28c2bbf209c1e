import { stringify } from "csv-stringify/sync";

/**
 * Cells that a spreadsheet would run as a formula (= + - @, tab, CR) are prefixed with a quote.
 * Numbers stay numbers: only strings are neutralised.
 */
export function neutraliseCell<T>(value: T): T | string {
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return value;
}

/** A CSV download Response with neutralised cells. */
export function csvResponse(filename: string, header: string[], rows: unknown[][]): Response {
  const body = stringify([header, ...rows.map((r) => r.map(neutraliseCell))]);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^a-z0-9._-]/gi, "_")}"`,
      "Cache-Control": "no-store",
    },
  });
}
