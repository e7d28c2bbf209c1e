import fc from "fast-check";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows, type Db } from "#db/index";
import { action as importAction } from "#app/routes/api.v1.$kind";
import { createApiToken } from "#app/auth/api-token.server";
import { KIND_NAMES } from "#app/customers/import/kinds";
import { useTestDatabase } from "../../support/test-db";
import { createAccount } from "../../support/factories";
import { run } from "../../support/requests";

/** Rows in every table the import API can write to: a refused batch must leave this unchanged. */
async function factRows(db: Db) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select (
    (select count(*) from accounts) + (select count(*) from subscription_lines) + (select count(*) from revenue_movements)
    + (select count(*) from feature_usage) + (select count(*) from support_tickets) + (select count(*) from feedback_responses)
    + (select count(*) from community_activity) + (select count(*) from marketing_engagement))::int as n`,
  );
  return row!.n;
}

const FIELD = fc.constantFrom(
  "external_id",
  "account",
  "account_id",
  "start_date",
  "end_date",
  "mrr",
  "seats",
  "plan",
  "product",
  "feature",
  "usage_date",
  "active_users",
  "events",
  "opened_at",
  "priority",
  "score",
  "kind",
  "name",
  "segment",
  "__proto__",
  "constructor",
  "",
);
const VALUE = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom("2024-01-01", "API-P1", "31/12/2024", "-1", "1e309", "=cmd()"),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const ROW = fc.dictionary(FIELD, VALUE, { maxKeys: 8 });
const BODY = fc.oneof(
  fc.record({ rows: fc.array(ROW, { maxLength: 6 }), skipInvalid: fc.boolean() }, { requiredKeys: ["rows"] }),
  fc.record({ rows: fc.anything() }),
  fc.anything(),
);

describe("REST import API under random and malformed input (fast-check)", () => {
  const handle = useTestDatabase();
  let token: string;
  beforeAll(async () => {
    await createAccount(handle.db, { externalId: "API-P1" });
    token = (await createApiToken({ name: "prop", scopes: ["import:write"], createdBy: null })).value;
  });

  it("always answers with a status and a JSON error, never crashes, and a refused batch writes nothing", async () => {
    const kind = fc.oneof(fc.constantFrom(...KIND_NAMES), fc.constantFrom("unicorns", "", "__proto__"));
    const raw = fc.oneof(
      BODY.map((b) => JSON.stringify(b) ?? "null"),
      fc.string({ maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(kind, raw, async (k, body) => {
        const before = await factRows(handle.db);
        const res = await run(() =>
          importAction({
            request: new Request(`http://x/api/v1/${encodeURIComponent(k)}`, {
              method: "POST",
              body,
              headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
            }),
            params: { kind: k },
            context: {},
          }),
        );
        expect([200, 400, 404, 422]).toContain(res.status);
        if (res.status === 200) return;
        const payload = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
        expect(typeof payload.error?.code).toBe("string");
        expect(String(payload.error?.message ?? "").length).toBeGreaterThan(0);
        expect(await factRows(handle.db)).toBe(before);
      }),
      { numRuns: 120 },
    );
  });
});
