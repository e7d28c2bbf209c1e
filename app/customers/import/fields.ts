import { isValid, parse } from "date-fns";

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
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && y > 1900 && y < 2200 ? raw : null;
}

const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

export function coerce(spec: FieldSpec, raw: string | undefined, dateFormat: DateFormat): Coerced {
  const value = (raw ?? "").trim();
  if (value === "") return spec.required ? { ok: false, message: "is required" } : { ok: true, value: null };
  switch (spec.type) {
    case "string": {
      if (spec.oneOf && !spec.oneOf.includes(value.toLowerCase())) return { ok: false, message: `must be one of ${spec.oneOf.join(", ")} (got "${value}")` };
      return { ok: true, value: spec.oneOf ? value.toLowerCase() : value };
    }
    case "list":
      return { ok: true, value: value.split(/[;|,]/).map((s) => s.trim().toLowerCase()).filter(Boolean) };
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
      if (spec.type === "int" && !Number.isInteger(n)) return { ok: false, message: `must be a whole number (got "${value}")` };
      if (spec.min !== undefined && n < spec.min) return { ok: false, message: spec.type === "money" && spec.min === 0 ? `must not be negative (got ${value})` : `must be at least ${spec.min} (got ${value})` };
      if (spec.max !== undefined && n > spec.max) return { ok: false, message: `must be at most ${spec.max} (got ${value})` };
      return { ok: true, value: n };
    }
    case "date": {
      const day = value.slice(0, 10);
      let valid = dateFormat === "yyyy-MM-dd" ? isoDay(day) : undefined;
      if (valid === undefined) {
        const d = parseDate(day, dateFormat);
        valid = d ? ymd(d) : null;
      }
      return valid ? { ok: true, value: valid } : { ok: false, message: `is not a valid date in format ${dateFormat} (got "${value}")` };
    }
    case "datetime": {
      const iso = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?)?/.test(value) && dateFormat === "yyyy-MM-dd" ? new Date(value.length <= 10 ? `${value}T00:00:00Z` : `${value.replace(" ", "T")}${/Z|[+-]\d\d:?\d\d$/.test(value) ? "" : "Z"}`) : null;
      if (iso && !Number.isNaN(iso.getTime())) return { ok: true, value: iso };
      const d = parseDate(value.slice(0, 10), dateFormat);
      return d ? { ok: true, value: new Date(`${ymd(d)}T00:00:00Z`) } : { ok: false, message: `is not a valid date/time (got "${value}")` };
    }
  }
}
