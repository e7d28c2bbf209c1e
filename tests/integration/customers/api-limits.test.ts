import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "#db/index";
import { action as importAction } from "#app/routes/api.v1.$kind";
import { createApiToken } from "#app/auth/api-token.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount } from "../../support/factories";
import { run } from "../../support/requests";

/**
 * Issue 15 item 12: API rows with values their columns cannot hold answered 500 (the database refused
 * the statement). Now: 422 with row-level errors naming the field, and nothing written (no rows, no
 * import record, no audit entry).
 */
describe("REST import API: values beyond their columns", () => {
  const handle = useTestDatabase();
  let token: string;
  const post = (kind: string, raw: string) =>
    run(() =>
      importAction({
        request: new Request(`http://x/api/v1/${kind}`, {
          method: "POST",
          body: raw,
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        }),
        params: { kind },
        context: {},
      }),
    );
  const counts = async () =>
    (
      await queryRows<{ subs: number; accounts: number; imports: number; audit: number }>(
        handle.db,
        sql`
    select (select count(*)::int from subscription_lines) as subs, (select count(*)::int from accounts) as accounts,
           (select count(*)::int from imports) as imports, (select count(*)::int from audit_log where action like 'import%') as audit`,
      )
    )[0]!;
  beforeAll(async () => {
    await createAccount(handle.db, { externalId: "LIM-1" });
    token = (await createApiToken({ name: "ci", scopes: ["import:write"], createdBy: null })).value;
  });

  const line = (extra: Record<string, unknown>) => ({
    external_id: "LIM-S1",
    account: "LIM-1",
    start_date: "2024-01-01",
    mrr: 10,
    ...extra,
  });
  // Raw JSON text: "\u0000" and a lone "\ud800" are legal JSON escapes, which is how clients send them.
  const cases: [name: string, kind: string, body: string, field: string, message: RegExp][] = [
    [
      "seats 1000000000000",
      "subscriptions",
      JSON.stringify({ rows: [line({ seats: 1_000_000_000_000 })] }),
      "seats",
      /at most 2,147,483,647/,
    ],
    ["mrr 1e15", "subscriptions", JSON.stringify({ rows: [line({ mrr: 1e15 })] }), "mrr", /too large/],
    [
      "arr 1e15 (mrr = arr / 12)",
      "subscriptions",
      JSON.stringify({ rows: [line({ mrr: null, arr: 1e15 })] }),
      "mrr",
      /too large/,
    ],
    [
      "a NUL byte",
      "subscriptions",
      '{"rows":[{"external_id":"LIM-S1","account":"LIM-1","start_date":"2024-01-01","mrr":10,"plan":"Pro\\u0000"}]}',
      "plan",
      /NUL/,
    ],
    [
      "a lone surrogate",
      "accounts",
      '{"rows":[{"external_id":"LIM-A1","name":"Broken \\ud800 Co"}]}',
      "name",
      /surrogate/,
    ],
    [
      "a lone low surrogate in the key",
      "accounts",
      '{"rows":[{"external_id":"LIM-\\udc00","name":"Ok"}]}',
      "external_id",
      /surrogate/,
    ],
  ];
  for (const [name, kind, body, field, message] of cases) {
    it(`${name} → 422 with a row-level error on ${field}, nothing written`, async () => {
      const before = await counts();
      const res = await post(kind, body);
      expect(res.status).toBe(422);
      const json = (await res.json()) as {
        error: { code: string; details: { errors: { row: number; field: string; message: string }[] } };
      };
      expect(json.error.code).toBe("invalid_rows");
      expect(json.error.details.errors).toEqual([
        expect.objectContaining({ row: 0, field, message: expect.stringMatching(message) }),
      ]);
      expect(await counts()).toEqual(before);
    });
  }

  it("with skipInvalid the good rows go in and the bad one is reported (and its error is storable)", async () => {
    const body =
      '{"skipInvalid":true,"rows":[{"external_id":"LIM-S2","account":"LIM-1","start_date":"2024-01-01","mrr":10},{"external_id":"LIM-S3","account":"LIM-1","start_date":"2024-01-01","mrr":10,"product":"x\\u0000y","seats":99999999999}]}';
    const res = await post("subscriptions", body);
    expect(res.status).toBe(200);
    const json = (await res.json()) as { accepted: number; rejected: number; errors: { row: number; field: string }[] };
    expect(json).toMatchObject({ accepted: 1, rejected: 1 });
    expect(json.errors.map((e) => `${e.row}:${e.field}`).sort()).toEqual(["1:product", "1:seats"]);
  });
});
