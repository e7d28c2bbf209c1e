import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { KINDS } from "#app/customers/import/kinds";
import { compileRowCheck } from "#app/customers/import/row-check";
import type { FieldSpec } from "#app/customers/import/fields";

/**
 * The compiled row check (row-check.ts) must accept exactly the cells zod's safeParse accepts, for
 * every kind, and what it accepts must already be the row zod would return (validateRow returns the
 * cells themselves). Cells are generated around each field's type and bounds, and across types.
 */

/** Values near the field's type and limits, and values of every other type. */
function cellValue(field: FieldSpec): fc.Arbitrary<unknown> {
  const limits = [field.min, field.max].filter((n): n is number => n !== undefined);
  const near = limits.flatMap((n) => [n, n - 1, n + 1, n - 0.5, n + 0.5, n - Number.EPSILON * 4]);
  const own: fc.Arbitrary<unknown>[] = [
    fc.constantFrom(...near, 0, -0, 1, -1, 0.5, 2 ** 31, -(2 ** 53), NaN, Infinity, -Infinity),
    fc.integer(),
    fc.double(),
  ];
  if (field.oneOf) own.push(fc.constantFrom(...field.oneOf, ...field.oneOf.map((v) => v.toUpperCase()), ""));
  return fc.oneof(
    ...own,
    fc.constantFrom(null, undefined, "", "2025-01-15", true, false, [], {}),
    fc.string(),
    fc.boolean(),
    fc.date({ noInvalidDate: false }),
    fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxLength: 3 }),
  );
}

/** Cells for a kind: mostly valid-typed per field (so both answers occur), sometimes anything. */
function cellsOf(fields: FieldSpec[]): fc.Arbitrary<Record<string, unknown>> {
  const typed = (f: FieldSpec): fc.Arbitrary<unknown> => {
    const value: fc.Arbitrary<unknown> =
      f.oneOf !== undefined
        ? fc.constantFrom(...f.oneOf)
        : f.type === "list"
          ? fc.array(fc.string(), { maxLength: 3 })
          : f.type === "bool"
            ? fc.boolean()
            : f.type === "datetime"
              ? fc.date()
              : f.type === "string" || f.type === "date"
                ? fc.string()
                : f.type === "int"
                  ? fc.integer({ min: f.min ?? -1000, max: f.max ?? 1000 })
                  : fc.double({ min: f.min ?? -1000, max: f.max ?? 1000, noNaN: true });
    return f.required ? value : fc.oneof(value, fc.constant(null));
  };
  return fc.record(
    Object.fromEntries(
      fields.map((f) => [f.name, fc.oneof({ arbitrary: typed(f), weight: 4 }, { arbitrary: cellValue(f), weight: 1 })]),
    ),
    { noNullPrototype: true },
  );
}

describe("compiled row check", () => {
  for (const spec of Object.values(KINDS)) {
    it(`${spec.kind}: compiles, and agrees with the zod schema on generated cells`, () => {
      const check = compileRowCheck(spec.row);
      expect(check).not.toBeNull();
      let accepted = 0,
        refused = 0;
      fc.assert(
        fc.property(cellsOf(spec.fields), (cells) => {
          const parsed = spec.row.safeParse(cells);
          expect(check!(cells)).toBe(parsed.success);
          if (parsed.success) {
            accepted++;
            // What validateRow returns (the cells) is what zod returns (a copy of them).
            expect(cells).toEqual(parsed.data);
            expect(Object.keys(cells)).toEqual(Object.keys(parsed.data as object));
          } else refused++;
        }),
        { numRuns: 400 },
      );
      expect(accepted).toBeGreaterThan(0);
      expect(refused).toBeGreaterThan(0);
    });
  }

  it("leaves schemas with anything it does not compile to zod", () => {
    const uncompiled = [
      z.object({ a: z.string().min(1) }),
      z.object({ a: z.number().multipleOf(2) }),
      z.object({ a: z.coerce.number() }),
      z.object({ a: z.string().refine((s) => s !== "x") }),
      z.object({ a: z.array(z.string()).min(1) }),
      z.object({ a: z.date().min(new Date(0)) }),
      z.object({ a: z.string().default("x") }),
      z.object({ a: z.string() }).strict(),
      z.object({ a: z.string() }).passthrough(),
      z.object({ a: z.string() }).catchall(z.number()),
    ];
    for (const schema of uncompiled) expect(compileRowCheck(schema)).toBeNull();
  });

  it("follows zod on exclusive bounds, finite, NaN and invalid dates", () => {
    const schema = z.object({ n: z.number().gt(0).lt(5).finite().nullable(), d: z.date().nullable() });
    const check = compileRowCheck(schema)!;
    const cases = [0, 0.1, 5, 4.9, NaN, Infinity, null, "1"].flatMap((n) =>
      [new Date(0), new Date("nope"), null, "2025-01-01"].map((d) => ({ n, d })),
    );
    for (const cells of cases) expect(check(cells)).toBe(schema.safeParse(cells).success);
  });
});
