import { isValid, parse } from "date-fns";
import { z } from "zod";

/** How one CSV cell becomes a typed value; every failure is a readable message. */
export type FieldType = "string" | "date" | "datetime" | "number" | "money" | "int" | "bool" | "list";
export interface FieldSpec {
  name: string;
  type: FieldType;
  required?: boolean;
  /** Allowed values (after lower-casing) for enum-like fields. */
  oneOf?: readonly string[];
  min?: number;
  max?: number;
  help?: string;
}

/**
 * An import kind's row is a zod object built from the constructors below: its inferred type is the
 * typed row (what `cellCoercer` makes of the CSV or JSON cells, checked against the schema), and its
 * fields' specs (what a column can map to, for the mapping page, the API document and `cellCoercer`) are
 * read from the same declaration, so the two cannot drift. Each constructor gives an optional field
 * (null when the cell is empty); `required(…)` makes it required (never null).
 */
const META = new WeakMap<z.ZodTypeAny, Omit<FieldSpec, "name" | "required">>();
function cell<T extends z.ZodTypeAny>(schema: T, meta: Omit<FieldSpec, "name" | "required">): z.ZodNullable<T> {
  META.set(schema, meta);
  return schema.nullable();
}
const bounded = (n: z.ZodNumber, o: { min?: number; max?: number }) => {
  const low = o.min === undefined ? n : n.min(o.min);
  return o.max === undefined ? low : low.max(o.max);
};
export const cells = {
  text: () => cell(z.string(), { type: "string" }),
  /** Compared lower-cased; the row holds the lower-case value. */
  oneOf: <const V extends readonly [string, ...string[]]>(values: V) =>
    cell(z.enum(values), { type: "string", oneOf: values }),
  /** Values separated by ; | or , (lower-cased, empty ones dropped). */
  list: () => cell(z.array(z.string()), { type: "list" }),
  bool: () => cell(z.boolean(), { type: "bool" }),
  int: (o: { min?: number; max?: number } = {}) => cell(bounded(z.number().int(), o), { type: "int", ...o }),
  number: (o: { min?: number; max?: number } = {}) => cell(bounded(z.number(), o), { type: "number", ...o }),
  money: () => cell(z.number().min(0), { type: "money", min: 0 }),
  /** The day, yyyy-MM-dd, whatever the file's date format. */
  date: () => cell(z.string(), { type: "date" }),
  datetime: () => cell(z.date(), { type: "datetime" }),
};
export const required = <T extends z.ZodTypeAny>(field: z.ZodNullable<T>): T => field.unwrap();

/** The field specs of a row schema, in its order. */
export function fieldsOf(shape: z.ZodRawShape): FieldSpec[] {
  return Object.entries(shape).map(([name, schema]) => {
    const inner = schema instanceof z.ZodNullable ? schema.unwrap() : schema;
    const meta = META.get(inner);
    if (!meta) throw new Error(`import field ${name} is not built with the cells constructors`);
    return { name, ...meta, required: inner === schema };
  });
}

export const DATE_FORMATS = ["yyyy-MM-dd", "MM/dd/yyyy", "dd/MM/yyyy", "dd.MM.yyyy", "dd-MM-yyyy"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const REF = new Date(2000, 0, 1);
const TRUE = new Set(["true", "t", "yes", "y", "1"]);
const FALSE = new Set(["false", "f", "no", "n", "0"]);

function parseDate(raw: string, format: DateFormat): Date | null {
  const d = parse(raw, format, REF);
  return isValid(d) && d.getFullYear() > 1900 && d.getFullYear() < 2200 ? d : null;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The common case, yyyy-MM-dd, checked without date-fns (whose generic parser was 15% of a large
 * import's CPU): the day if it exists, null if it does not, undefined when the text has another shape
 * (then date-fns decides, as for every other format).
 */
function isoDay(raw: string): string | null | undefined {
  const m = ISO_DAY.exec(raw);
  if (!m) return undefined;
  const y = Number(m[1]),
    mo = Number(m[2]),
    d = Number(m[3]);
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && y > 1900 && y < 2200
    ? raw
    : null;
}

/** "hh:mm[:ss[.fff]]" with an optional zone (Z, ±hh:mm, ±hhmm); hours 0–23, minutes and seconds 0–59. */
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(\.\d{1,9})?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/;

/**
 * The day part and the time part of a cell (split at "T" or the first space). The time is null when
 * something other than a valid time follows the day ("2026-01-15garbage"), so that cell is refused.
 */
function splitDateTime(value: string): [string, { clock: string; zone: string } | null] {
  const m = /^([^T ]+)(?:[T ](.*))?$/.exec(value);
  if (!m) return [value, null];
  if (m[2] === undefined) return [m[1]!, { clock: "00:00:00", zone: "Z" }];
  const t = TIME.exec(m[2].trim());
  if (!t) return [m[1]!, null];
  const zone =
    t[5] === undefined || t[5] === "Z" ? "Z" : t[5].length === 5 ? `${t[5].slice(0, 3)}:${t[5].slice(3)}` : t[5];
  return [m[1]!, { clock: `${t[1]}:${t[2]}:${t[3] ?? "00"}${(t[4] ?? "").slice(0, 4)}`, zone }];
}

const ymd = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/** The day (yyyy-MM-dd) a date cell names in the chosen format, or null. */
function dayOf(day: string, dateFormat: DateFormat): string | null {
  const iso = dateFormat === "yyyy-MM-dd" ? isoDay(day) : undefined;
  if (iso !== undefined) return iso;
  const d = parseDate(day, dateFormat);
  return d ? ymd(d) : null;
}

/** A cell that cannot be its field's value, with the message people read (made only for bad cells). */
export class CellProblem {
  constructor(readonly message: string) {}
}
/** One field's coercion of a raw cell: the typed value (null when empty), or a CellProblem. */
export type CellCoercer = (raw: string | undefined) => unknown;
type ValueParser = (value: string) => unknown;

const REQUIRED = new CellProblem("is required");

/**
 * The coercion of one field's cells, decided once per import (field type, bounds, date format) rather
 * than per cell: the CSV importer runs it for every cell of every row. Returns the value, or a CellProblem.
 */
export function cellCoercer(spec: FieldSpec, dateFormat: DateFormat): CellCoercer {
  const parse = valueParser(spec, dateFormat);
  const empty = spec.required ? REQUIRED : null;
  return (raw) => {
    const value = raw === undefined ? "" : raw.trim();
    return value === "" ? empty : parse(value);
  };
}

/** Digits with an optional leading minus: Number() of it directly (the clean-up below would not change it). */
function plainInteger(value: string): boolean {
  const n = value.length;
  for (let i = value.charCodeAt(0) === 45 /* - */ ? 1 : 0; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return n > (value.charCodeAt(0) === 45 ? 1 : 0);
}

/** yyyy-MM-dd exactly (ten characters, digits and dashes): the day, or null when it does not exist. */
function plainIsoDay(value: string): string | null | undefined {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return undefined;
  let y = 0,
    mo = 0,
    d = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    if (i < 4) y = y * 10 + c;
    else if (i < 7) mo = mo * 10 + c;
    else d = d * 10 + c;
  }
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && y > 1900 && y < 2200
    ? value
    : null;
}

function valueParser(spec: FieldSpec, dateFormat: DateFormat): ValueParser {
  switch (spec.type) {
    case "string": {
      const oneOf = spec.oneOf;
      if (!oneOf) return (value) => value;
      const allowed = new Set(oneOf);
      return (value) => {
        const lower = value.toLowerCase();
        return allowed.has(lower) ? lower : new CellProblem(`must be one of ${oneOf.join(", ")} (got "${value}")`);
      };
    }
    case "list":
      return (value) =>
        value
          .split(/[;|,]/)
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean);
    case "bool":
      return (value) => {
        const v = value.toLowerCase();
        if (TRUE.has(v)) return true;
        if (FALSE.has(v)) return false;
        return new CellProblem(`must be true or false (got "${value}")`);
      };
    case "int":
    case "number":
    case "money": {
      const { type, min, max } = spec;
      return (value) => {
        const n = plainInteger(value)
          ? Number(value)
          : Number(value.replace(/[$€£\s]/g, "").replace(/,(?=\d{3}\b)/g, ""));
        if (!Number.isFinite(n)) return new CellProblem(`must be a number (got "${value}")`);
        if (type === "int" && !Number.isInteger(n)) return new CellProblem(`must be a whole number (got "${value}")`);
        if (min !== undefined && n < min)
          return new CellProblem(
            type === "money" && min === 0
              ? `must not be negative (got ${value})`
              : `must be at least ${min} (got ${value})`,
          );
        if (max !== undefined && n > max) return new CellProblem(`must be at most ${max} (got ${value})`);
        return n;
      };
    }
    case "date":
      return (value) => {
        // The common case first: a bare yyyy-MM-dd day (what dateCell would decide too, without its regexes).
        const plain = dateFormat === "yyyy-MM-dd" ? plainIsoDay(value) : undefined;
        if (plain !== undefined) return plain ?? dateProblem(value, dateFormat);
        return dateCell(value, dateFormat) ?? dateProblem(value, dateFormat);
      };
    case "datetime":
      return (value) => dateTimeCell(value, dateFormat) ?? new CellProblem(`is not a valid date/time (got "${value}")`);
  }
}

/** The day (yyyy-MM-dd) a date cell names, or null. A time part is allowed (exports often write midnight), anything else after the day is not. */
export function dateCell(value: string, dateFormat: DateFormat): string | null {
  const [day, time] = splitDateTime(value);
  return time === null ? null : dayOf(day, dateFormat);
}

/** The instant a date/time cell names (no zone: UTC), or null. */
export function dateTimeCell(value: string, dateFormat: DateFormat): Date | null {
  const [day, time] = splitDateTime(value);
  const valid = time === null ? null : dayOf(day, dateFormat);
  const at = valid && time ? new Date(`${valid}T${time.clock}${time.zone}`) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
}

const dateProblem = (value: string, dateFormat: DateFormat) =>
  new CellProblem(`is not a valid date in format ${dateFormat} (got "${value}")`);
