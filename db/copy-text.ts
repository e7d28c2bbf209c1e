/**
 * Values → PostgreSQL COPY text format (the default `copy … from stdin` format: tab-separated
 * columns, one line per row, `\N` for NULL, backslash escapes). Pure functions, no database.
 *
 * The staging tables these lines go into have text columns only (see staged-upsert.ts), so every
 * value is written as the text PostgreSQL's own input functions would accept for the target type:
 * the typed casts then run in a normal INSERT … SELECT, where a bad value fails with its real message.
 */

/** What escapeCopyText changes or refuses; text without any of these is written as it is (one scan). */
const SPECIAL = /[\\\n\r\t\0]/;

/** Escapes one text value: backslash first, then the three characters that delimit fields and lines. */
export function escapeCopyText(text: string): string {
  if (!SPECIAL.test(text)) return text;
  if (text.includes("\0")) {
    // PostgreSQL text cannot hold NUL at all; say so here rather than as an opaque encoding error.
    throw new Error("COPY: a value contains a NUL character (\\0), which PostgreSQL text cannot store");
  }
  let out = "";
  for (const ch of text) {
    if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else out += ch;
  }
  return out;
}

/** An array literal as array_in reads it: every element quoted, so commas, braces and spaces are data. */
function arrayLiteral(values: readonly unknown[]): string {
  const parts = values.map((v) => {
    if (v === null || v === undefined) return "NULL";
    if (Array.isArray(v)) return arrayLiteral(v);
    return `"${scalarText(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  });
  return `{${parts.join(",")}}`;
}

/** The input text for one non-null value (before COPY escaping). */
function scalarText(value: unknown): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      // JSON would silently turn NaN/Infinity into null; an import must never store a different value.
      if (!Number.isFinite(value)) throw new Error(`COPY: ${value} is not a storable number`);
      return String(value);
    case "bigint":
      return String(value);
    case "boolean":
      return value ? "t" : "f";
    case "object":
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new Error("COPY: invalid Date");
        return value.toISOString();
      }
      if (Array.isArray(value)) return arrayLiteral(value);
      return JSON.stringify(value); // json / jsonb columns
    default:
      throw new Error(`COPY: cannot write a ${typeof value}`);
  }
}

/** One field: `\N` for null and undefined (the writers set every column, so undefined means "no value"). */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  // Strings are escaped; a number's or boolean's text has nothing to escape.
  if (typeof value === "string") return escapeCopyText(value);
  if (typeof value === "number" || typeof value === "boolean") return scalarText(value);
  return escapeCopyText(scalarText(value));
}

/** One row as a COPY text line, newline included. */
export function copyLine(values: readonly unknown[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) line += (i ? "\t" : "") + copyField(values[i]);
  return line + "\n";
}

/**
 * COPY lines collected in one growing Buffer rather than one long string: each line's text dies
 * young, while a string built by `+=` would keep every piece alive (and promoted to the old
 * generation) until the chunk is sent — on a million rows that garbage, not the data, set the peak RSS.
 */
export class CopyChunk {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private length = 0;
  rows = 0;

  push(values: readonly unknown[]): void {
    this.append(copyLine(values));
  }

  /** The row's values at `keys`, in that order, as one line (without an array of them in between). */
  pushRow(row: Readonly<Record<string, unknown>>, keys: readonly string[]): void {
    let line = copyField(row[keys[0]!]);
    for (let i = 1; i < keys.length; i++) line += "\t" + copyField(row[keys[i]!]);
    this.append(line + "\n");
  }

  private append(line: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    if (this.length + line.length * 3 > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + line.length * 3));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    this.length += this.buffer.write(line, this.length, "utf8");
    this.rows++;
  }

  /** The bytes so far; the chunk starts over in a new buffer, so these stay valid while they are sent. */
  take(): Buffer {
    const bytes = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(this.buffer.length);
    this.length = 0;
    this.rows = 0;
    return bytes;
  }
}
