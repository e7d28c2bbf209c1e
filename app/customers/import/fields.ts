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
 * typed row (what `coerce` makes of the CSV or JSON cells, checked against the schema), and its
 * fields' specs (what a column can map to, for the mapping page, the API document and `coerce`) are
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

export type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

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

export function coerce(spec: FieldSpec, raw: string | undefined, dateFormat: DateFormat): Coerced {
  const value = (raw ?? "").trim();
  if (value === "") return spec.required ? { ok: false, message: "is required" } : { ok: true, value: null };
  switch (spec.type) {
    case "string": {
      if (spec.oneOf && !spec.oneOf.includes(value.toLowerCase()))
        return { ok: false, message: `must be one of ${spec.oneOf.join(", ")} (got "${value}")` };
      return { ok: true, value: spec.oneOf ? value.toLowerCase() : value };
    }
    case "list":
      return {
        ok: true,
        value: value
          .split(/[;|,]/)
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean),
      };
    case "bool": {
      const v = value.toLowerCase();
      if (TRUE.has(v)) return { ok: true, value: true };
      if (FALSE.has(v)) return { ok: true, value: false };
      return { ok: false, message: `must be true or false (got "${value}")` };
    }
    case "int":
    case "number":
    case "money": {
      const n = Number(value.replace(/[$€£\s]/g, "").replace(/,(?=\d{3}\b)/g, ""));
      if (!Number.isFinite(n)) return { ok: false, message: `must be a number (got "${value}")` };
      if (spec.type === "int" && !Number.isInteger(n))
        return { ok: false, message: `must be a whole number (got "${value}")` };
      if (spec.min !== undefined && n < spec.min)
        return {
          ok: false,
          message:
            spec.type === "money" && spec.min === 0
              ? `must not be negative (got ${value})`
              : `must be at least ${spec.min} (got ${value})`,
        };
      if (spec.max !== undefined && n > spec.max)
        return { ok: false, message: `must be at most ${spec.max} (got ${value})` };
      return { ok: true, value: n };
    }
    case "date": {
      // A time part is allowed (exports often write midnight), anything else after the day is not.
      const [day, time] = splitDateTime(value);
      const valid = time === null ? null : dayOf(day, dateFormat);
      return valid
        ? { ok: true, value: valid }
        : { ok: false, message: `is not a valid date in format ${dateFormat} (got "${value}")` };
    }
    case "datetime": {
      const [day, time] = splitDateTime(value);
      const valid = time === null ? null : dayOf(day, dateFormat);
      const at = valid && time ? new Date(`${valid}T${time.clock}${time.zone}`) : null;
      return at && !Number.isNaN(at.getTime())
        ? { ok: true, value: at }
        : { ok: false, message: `is not a valid date/time (got "${value}")` };
    }
  }
}
