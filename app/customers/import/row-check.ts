import { z } from "zod";

/**
 * A kind's row schema (kinds.ts) compiled into a plain predicate: true exactly when
 * `schema.safeParse(cells).success` would be, for a plain object holding the shape's keys (the cells
 * RowValidator builds, validate-row.ts). zod's parse walks a context, builds issue lists and copies every
 * row, array and date; on a large import that was ~15% of the row loop's CPU for a check that always
 * passes (cellCoercer has already made each cell its field's type). The schema stays the one source: only the
 * node types and checks the `cells` constructors (fields.ts) use are compiled; anything else (a
 * refinement, a transform, a coercing or string check, a length limit, a strict object) makes
 * `compileRowCheck` return null and the caller parses with zod as before. When the predicate says no,
 * the caller still asks zod for the issues, so messages are zod's own. Equivalence with safeParse is
 * tested for every kind on generated cells (tests/unit/customers/row-check.test.ts).
 */
export type RowCheck = (cells: Record<string, unknown>) => boolean;
type CellCheck = (value: unknown) => boolean;

/** zod's getParsedType(v) === "date": a Date instance that is not a thenable. */
const isDate = (v: unknown): v is Date =>
  v instanceof Date && typeof (v as unknown as { then?: unknown }).then !== "function";

function compileNumber(def: z.ZodNumberDef): CellCheck | null {
  if (def.coerce) return null;
  const tests: ((n: number) => boolean)[] = [];
  for (const check of def.checks) {
    const value = (check as { value?: number }).value!;
    if (check.kind === "int") tests.push(Number.isInteger);
    else if (check.kind === "min") tests.push(check.inclusive ? (n) => n >= value : (n) => n > value);
    else if (check.kind === "max") tests.push(check.inclusive ? (n) => n <= value : (n) => n < value);
    else if (check.kind === "finite") tests.push(Number.isFinite);
    else return null; // multipleOf: zod's float-safe remainder, not worth copying
  }
  // NaN is zod's "nan" type, refused before the checks; comparisons with NaN are false anyway.
  return (v) => {
    if (typeof v !== "number" || Number.isNaN(v)) return false;
    for (const test of tests) if (!test(v)) return false;
    return true;
  };
}

function compileCell(schema: z.ZodTypeAny): CellCheck | null {
  if (schema instanceof z.ZodNullable) {
    const inner = compileCell(schema.unwrap() as z.ZodTypeAny);
    return inner && ((v) => v === null || inner(v));
  }
  if (schema instanceof z.ZodString)
    return schema._def.checks.length || schema._def.coerce ? null : (v) => typeof v === "string";
  if (schema instanceof z.ZodEnum) {
    const values = new Set<unknown>(schema.options as string[]);
    return (v) => typeof v === "string" && values.has(v);
  }
  if (schema instanceof z.ZodBoolean) return schema._def.coerce ? null : (v) => typeof v === "boolean";
  if (schema instanceof z.ZodNumber) return compileNumber(schema._def);
  if (schema instanceof z.ZodDate)
    return schema._def.checks.length || schema._def.coerce ? null : (v) => isDate(v) && !Number.isNaN(v.getTime());
  if (schema instanceof z.ZodArray) {
    const def = schema._def as z.ZodArrayDef;
    if (def.exactLength || def.minLength || def.maxLength) return null;
    const element = compileCell(def.type);
    return element && ((v) => Array.isArray(v) && v.every(element));
  }
  return null;
}

/** The predicate for a row schema, or null when the schema uses something not compiled here (use zod). */
export function compileRowCheck(schema: z.AnyZodObject): RowCheck | null {
  const def = schema._def as z.ZodObjectDef;
  // Only zod's default object: unknown keys stripped, no catch-all (RowValidator sets the shape's keys only).
  if (def.unknownKeys !== "strip" || !(def.catchall instanceof z.ZodNever)) return null;
  const keys: string[] = [];
  const checks: CellCheck[] = [];
  for (const [key, cell] of Object.entries(schema.shape as z.ZodRawShape)) {
    const check = compileCell(cell);
    if (!check) return null;
    keys.push(key);
    checks.push(check);
  }
  return (cells) => {
    for (let i = 0; i < keys.length; i++) if (!checks[i]!(cells[keys[i]!])) return false;
    return true;
  };
}
