import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { DATE_FORMATS, dateCell, dateTimeCell, type DateFormat, type FieldSpec } from "#app/customers/import/fields";
import { KINDS, type KindSpec } from "#app/customers/import/kinds";
import { RowValidator, type Parents, type RowError } from "#app/customers/import/validate-row";

/**
 * RowValidator (per-import compiled coercion, compiled schema check, one object per row) against the
 * validation it replaced, kept here as the oracle: `coerce` as it was, cells in a Map, the row parsed
 * with the kind's zod schema. Same typed row, same account, same errors and messages in the same
 * order, for every kind and date format, on generated records (valid, invalid and odd cells).
 */

const TRUE = new Set(["true", "t", "yes", "y", "1"]);
const FALSE = new Set(["false", "f", "no", "n", "0"]);
type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

/** fields.ts `coerce` before the compiled coercers (c3d57a0), verbatim but for the shared date parsing. */
function coerce(spec: FieldSpec, raw: string | undefined, dateFormat: DateFormat): Coerced {
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
      const valid = dateCell(value, dateFormat);
      return valid
        ? { ok: true, value: valid }
        : { ok: false, message: `is not a valid date in format ${dateFormat} (got "${value}")` };
    }
    case "datetime": {
      const at = dateTimeCell(value, dateFormat);
      return at ? { ok: true, value: at } : { ok: false, message: `is not a valid date/time (got "${value}")` };
    }
  }
}

const show = (v: unknown) =>
  v instanceof Date
    ? v
        .toISOString()
        .replace("T", " ")
        .replace(/(:00)?\.000Z$/, " UTC")
    : String(v);

/** engine.server.ts validateRow before RowValidator (c3d57a0), verbatim. */
function oracle(
  spec: KindSpec,
  headers: string[],
  index: Map<string, number>,
  mapping: Record<string, string>,
  record: string[],
  parents: Parents,
  dateFormat: DateFormat,
  row: number,
): { typed: z.infer<KindSpec["row"]> | null; accountId: string | null; errors: RowError[] } {
  const errors: RowError[] = [];
  if (record.length !== headers.length)
    errors.push({ row, message: `has ${record.length} columns, expected ${headers.length}` });
  const cells = new Map<string, unknown>();
  for (const field of spec.fields) {
    const header = mapping[field.name];
    const result = coerce(field, header === undefined ? undefined : record[index.get(header)!], dateFormat);
    if (result.ok) cells.set(field.name, result.value);
    else errors.push({ row, field: field.name, message: `${header ?? field.name} ${result.message}` });
  }
  let accountId: string | null = null;
  if (spec.parent !== "none" && !errors.length) {
    const account = cells.get("account"),
      subscription = cells.get("subscription");
    const viaSub = typeof subscription === "string" ? parents.subscriptions.get(subscription) : undefined;
    accountId = typeof account === "string" ? (parents.accounts.get(account) ?? null) : (viaSub ?? null);
    if (!accountId) {
      if (typeof account === "string") errors.push({ row, field: "account", message: `unknown account "${account}"` });
      else if (typeof subscription === "string")
        errors.push({ row, field: "subscription", message: `unknown subscription "${subscription}"` });
      else errors.push({ row, field: "account", message: "needs an account or a subscription" });
    }
  }
  for (const [earlier, later] of spec.ordered ?? []) {
    const a = cells.get(earlier),
      b = cells.get(later);
    if (
      a != null &&
      b != null &&
      String(b instanceof Date ? b.toISOString() : b) < String(a instanceof Date ? a.toISOString() : a)
    ) {
      errors.push({
        row,
        field: later,
        message: `${mapping[later] ?? later} (${show(b)}) is before ${mapping[earlier] ?? earlier} (${show(a)})`,
      });
    }
  }
  if (errors.length) return { typed: null, accountId, errors };
  const parsed = spec.row.safeParse(Object.fromEntries(cells));
  if (parsed.success) return { typed: parsed.data, accountId, errors };
  for (const issue of parsed.error.issues)
    errors.push({ row, field: String(issue.path[0] ?? ""), message: `${issue.path.join(".")} ${issue.message}` });
  return { typed: null, accountId, errors };
}

const parents: Parents = {
  accounts: new Map([
    ["A-1", "acc-1"],
    ["A-2", "acc-2"],
  ]),
  subscriptions: new Map([["S-1", "acc-1"]]),
};

/** Cells as exports write them: valid and invalid for each type, padded, empty, odd. */
const CELLS = [
  ...["", " ", "A-1", "A-2", "A-9", "S-1", "S-9", "x", " padded ", "tab\tin", "ünï 🚀", "\0nul", "\uFFFDbad"],
  ...["0", "1", "-1", "-0", "-", "007", "12", "4.5", "5", "10", "11", "1,234", "1,23", "$1,500.50", "€ 3", "1e3"],
  ...["2147483648", "99999999999999999999", "abc", "NaN", "Infinity", "0x10", " 42 "],
  ...["true", "FALSE", "yes", "n", "Y", "maybe"],
  ...["smb", "SMB", "mid_market", "enterprise", "nps", "CSAT", "new", "expansion", "churn", "a;b|c, D", ";;"],
  ...["2025-01-15", "2025-02-30", "2024-02-29", "2023-02-29", "1900-01-01", "2199-12-31", "2200-01-01"],
  ...["2025-13-01", "2025-00-10", "2025-1-5", "２０２５-01-15", "2025-01-15T10:00", "2025-01-15 23:59:59Z"],
  ...["2025-01-15T10:00:00+0200", "2025-01-15garbage", "2025-01-15T25:00", "01/15/2025", "15/01/2025"],
  ...["15.01.2025", "15-01-2025", "2025-01-15 ", "2025-01-14", "2026-01-15T00:00:00.000Z"],
];

const DAY: Record<DateFormat, string> = {
  "yyyy-MM-dd": "2025-01-15",
  "MM/dd/yyyy": "01/15/2025",
  "dd/MM/yyyy": "15/01/2025",
  "dd.MM.yyyy": "15.01.2025",
  "dd-MM-yyyy": "15-01-2025",
};

/** A cell its field accepts (so that whole rows are valid often enough to compare typed rows). */
function goodCell(field: FieldSpec, dateFormat: DateFormat): fc.Arbitrary<string> {
  if (field.name === "account") return fc.constantFrom("A-1", "A-2");
  if (field.name === "subscription") return fc.constantFrom("S-1", "");
  if (field.oneOf) return fc.constantFrom(...field.oneOf);
  switch (field.type) {
    case "date":
      return fc.constantFrom(DAY[dateFormat], `${DAY[dateFormat]} 00:00`, DAY["yyyy-MM-dd"]);
    case "datetime":
      return fc.constantFrom(`${DAY[dateFormat]}T10:00`, `${DAY[dateFormat]} 09:30:00+0100`);
    case "int":
      return fc.constantFrom("0", "3", "1,234");
    case "number":
    case "money":
      return fc.constantFrom("0", "4.5", "$1,500.50");
    case "bool":
      return fc.constantFrom("yes", "F");
    case "list":
      return fc.constantFrom("a;b|c", "x");
    case "string":
      return fc.constantFrom("E-1", "ünï 🚀", " padded ");
  }
}

function recordFor(spec: KindSpec, dateFormat: DateFormat) {
  const fields = spec.fields.map((f) => f.name);
  const anyCell = fc.oneof(fc.constantFrom(...CELLS), fc.string({ maxLength: 6 }));
  return fc.record({
    // Some fields not mapped (mostly all); headers named differently from fields (messages use the header).
    mapped: fc.oneof(fc.constant(fields), fc.subarray(fields)),
    cells: fc.tuple(
      ...spec.fields.map((f) =>
        fc.oneof({ arbitrary: goodCell(f, dateFormat), weight: 12 }, { arbitrary: anyCell, weight: 1 }),
      ),
    ),
    extra: fc.constantFrom(0, 0, 0, 0, 0, 0, 1, -1),
  });
}

describe("RowValidator", () => {
  for (const spec of Object.values(KINDS)) {
    for (const dateFormat of DATE_FORMATS) {
      it(`${spec.kind} (${dateFormat}): the same rows, accounts and errors as zod validation`, () => {
        let valid = 0;
        fc.assert(
          fc.property(recordFor(spec, dateFormat), ({ mapped, cells, extra }) => {
            const headers = spec.fields.map((f) => `Col ${f.name}`);
            const index = new Map(headers.map((h, i) => [h, i]));
            const mapping = Object.fromEntries(mapped.map((f) => [f, `Col ${f}`]));
            const record = extra > 0 ? [...cells, "extra"] : extra < 0 ? cells.slice(0, -1) : cells;
            const expected = oracle(spec, headers, index, mapping, record, parents, dateFormat, 7);
            const validator = new RowValidator(spec, headers, index, mapping, parents, dateFormat);
            const errors: RowError[] = [{ row: 1, message: "an earlier row's error, kept" }];
            const typed = validator.validate(record, 7, errors);
            expect(errors.slice(1)).toEqual(expected.errors);
            expect(typed).toEqual(expected.typed);
            if (typed) expect(Object.keys(typed)).toEqual(Object.keys(expected.typed!));
            expect(validator.accountId).toBe(expected.accountId);
            if (typed) valid++;
          }),
          { numRuns: 300 },
        );
        expect(valid).toBeGreaterThan(0);
      });
    }
  }

  it("accepts typical rows of every kind (the generated cases are not all refusals)", () => {
    const usage = KINDS.feature_usage!;
    const headers = ["usage_id", "subscription_id", "usage_date", "feature_name", "usage_count"];
    const index = new Map(headers.map((h, i) => [h, i]));
    const mapping = {
      external_id: "usage_id",
      subscription: "subscription_id",
      usage_date: "usage_date",
      feature_key: "feature_name",
      events: "usage_count",
    };
    const validator = new RowValidator(usage, headers, index, mapping, parents, "yyyy-MM-dd");
    const record = ["U-1", "S-1", "2025-01-15", "search", "12"];
    const errors: RowError[] = [];
    expect(validator.validate(record, 2, errors)).toEqual(
      oracle(usage, headers, index, mapping, record, parents, "yyyy-MM-dd", 2).typed,
    );
    expect(errors).toEqual([]);
    expect(validator.accountId).toBe("acc-1");
  });
});
