import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { uuidArray } from "#db/sql-lists";

const dialect = new PgDialect();

describe("uuidArray", () => {
  it("binds all ids as one array parameter", () => {
    const ids = ["6f1c2b8e-1d2a-4c3b-9e8f-0a1b2c3d4e5f", "00000000-0000-4000-8000-000000000001"];
    const q = dialect.sqlToQuery(uuidArray(ids));
    expect(q.sql).toBe("$1::uuid[]");
    expect(q.params).toEqual([`{${ids.join(",")}}`]);
  });

  it("refuses anything that is not a uuid, so nothing can break out of the array literal", () => {
    expect(() => uuidArray(["6f1c2b8e-1d2a-4c3b-9e8f-0a1b2c3d4e5f", "x},{y"])).toThrow(/not a uuid: "x},{y"/);
    expect(() => uuidArray([""])).toThrow(/not a uuid/);
  });
});
