import { getTableColumns } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/**
 * What a row's values must satisfy to fit the columns they are written to, read from the drizzle
 * schema (db/schema/customers.ts) so the limits cannot drift from the tables: integer is 32-bit,
 * numeric(p, s) holds |v| < 10^(p−s) after rounding to s decimals, text holds no NUL and only
 * well-formed Unicode. Checked per row before writing, so a value the database would refuse is a row
 * error with the row's number instead of a failed statement for the whole import. U+FFFD is refused
 * too: it is what text looks like after a wrong decoding somewhere upstream, never a real value.
 */
type Check = (value: unknown) => string | null;
export interface ColumnProblem {
  field: string;
  message: string;
}

const INT4_MAX = 2_147_483_647;
const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });

/** Every character textProblem looks at (NUL, U+FFFD, any surrogate): text without one has no problem. */
const SUSPECT = /[\0\uD800-\uDFFF\uFFFD]/;

/** (String#isWellFormed is in Node 20 but not in the ES2022 typings this project compiles against.) */
export function textProblem(s: string): string | null {
  if (!SUSPECT.test(s)) return null; // one scan for the common case instead of three
  if (s.includes("\0")) return "contains a NUL character (byte 0), which text cannot hold";
  if (!(s as unknown as { isWellFormed(): boolean }).isWellFormed())
    return "contains an unpaired UTF-16 surrogate (broken Unicode)";
  if (s.includes("\uFFFD"))
    return "contains the replacement character U+FFFD (text garbled by a wrong encoding before export)";
  return null;
}

function checkFor(column: {
  columnType: string;
  precision?: number;
  scale?: number;
  baseColumn?: { columnType: string };
}): Check | null {
  switch (column.columnType) {
    case "PgInteger":
      return (v) =>
        typeof v === "number" && (v > INT4_MAX || v < -INT4_MAX - 1)
          ? `is too large: must be at most ${fmt(INT4_MAX)} (got ${fmt(v)})`
          : null;
    case "PgNumericNumber":
    case "PgNumeric": {
      const { precision, scale = 0 } = column;
      if (precision === undefined) return null;
      const limit = 10 ** (precision - scale);
      return (v) => {
        const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN;
        if (!Number.isFinite(n)) return null;
        const rounded = Math.round(Math.abs(n) * 10 ** scale) / 10 ** scale;
        return rounded >= limit
          ? `is too large: must be less than ${fmt(limit)} in absolute value (got ${fmt(n)})`
          : null;
      };
    }
    case "PgText":
    case "PgVarchar":
      return (v) => (typeof v === "string" ? textProblem(v) : null);
    case "PgArray":
      return column.baseColumn?.columnType === "PgText"
        ? (v) =>
            Array.isArray(v)
              ? (v.map((x) => (typeof x === "string" ? textProblem(x) : null)).find(Boolean) ?? null)
              : null
        : null;
    default:
      return null;
  }
}

const cache = new WeakMap<PgTable, [key: string, field: string, check: Check][]>();

function checksOf(table: PgTable) {
  let checks = cache.get(table);
  if (!checks) {
    checks = [];
    for (const [key, column] of Object.entries(getTableColumns(table))) {
      const check = checkFor(column as unknown as Parameters<typeof checkFor>[0]);
      if (check) checks.push([key, column.name, check]);
    }
    cache.set(table, checks);
  }
  return checks;
}

/** Problems of a row (keyed by the table's property names, as writers produce it) against its columns. */
export function columnProblems(table: PgTable, row: Record<string, unknown>): readonly ColumnProblem[] {
  let problems: ColumnProblem[] | null = null; // made only for a row with a problem
  for (const [key, field, check] of checksOf(table)) {
    const value = row[key];
    if (value === null || value === undefined) continue;
    const message = check(value);
    if (message) (problems ??= []).push({ field, message: `${field} ${message}` });
  }
  return problems ?? NO_PROBLEMS;
}
const NO_PROBLEMS: readonly ColumnProblem[] = Object.freeze([]);

const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A row error as it can be stored (jsonb holds neither NUL nor lone surrogates): those shown as escapes. */
export function storableError<E extends { message: string; values?: string[] }>(e: E): E {
  const clean = (s: string) =>
    s.replace(UNSTORABLE, (c) => (c === "\0" ? "\\0" : `\\u${c.charCodeAt(0).toString(16)}`));
  return { ...e, message: clean(e.message), ...(e.values ? { values: e.values.map(clean) } : {}) };
}
