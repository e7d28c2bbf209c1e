import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiTokens, subscriptionLines } from "#db/schema/index";
import { action as importAction } from "#app/routes/api.v1.$kind";
import { loader as openapiLoader } from "#app/routes/api.v1.openapi[.json]";
import { createApiToken } from "#app/auth/api-token.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount } from "../../support/factories";
import { run } from "../../support/requests";

describe("REST import API", () => {
  const handle = useTestDatabase();
  let token: string;
  let readOnly: string;
  const post = (kind: string, body: unknown, bearer?: string, raw?: string) =>
    run(() =>
      importAction({
        request: new Request(`http://x/api/v1/${kind}`, {
          method: "POST",
          body: raw ?? JSON.stringify(body),
          headers: { "Content-Type": "application/json", ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
        }),
        params: { kind },
        context: {},
      }),
    );
  beforeAll(async () => {
    await createAccount(handle.db, { externalId: "API-1" });
    token = (await createApiToken({ name: "ci", scopes: ["import:write"], createdBy: null })).value;
    readOnly = (await createApiToken({ name: "ro", scopes: ["xapi:read"], createdBy: null })).value;
  });

  const rows = [{ external_id: "API-S1", account: "API-1", start_date: "2024-01-01", mrr: 120, seats: 4 }];

  it("refuses missing, unknown, revoked and wrong-scope tokens with JSON errors", async () => {
    expect((await post("subscriptions", { rows })).status).toBe(401);
    expect((await post("subscriptions", { rows }, "upl_nope")).status).toBe(401);
    const wrong = await post("subscriptions", { rows }, readOnly);
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ error: { code: "forbidden" } });
    const revoked = await createApiToken({ name: "old", scopes: ["import:write"], createdBy: null });
    await handle.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, revoked.token.id));
    expect((await post("subscriptions", { rows }, revoked.value)).status).toBe(401);
  });

  it("imports a batch idempotently", async () => {
    const first = await post("subscriptions", { rows }, token);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ accepted: 1, rejected: 0 });
    await post("subscriptions", { rows }, token);
    expect(
      await handle.db
        .select()
        .from(subscriptionLines)
        .where(sql`external_id = 'API-S1'`),
    ).toHaveLength(1);
  });

  it("answers invalid rows with 422 and row-level errors, writing nothing", async () => {
    const res = await post(
      "subscriptions",
      {
        rows: [
          { external_id: "API-S2", account: "API-1", start_date: "2024-01-01", mrr: -3 },
          { external_id: "API-S3", account: "NOPE", start_date: "nope", colour: "red" },
        ],
      },
      token,
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as {
      error: { code: string; details: { errors: { row: number; field: string }[] } };
    };
    expect(body.error.code).toBe("invalid_rows");
    expect(body.error.details.errors.map((e) => `${e.row}:${e.field}`).sort()).toEqual(
      ["0:mrr", "1:colour", "1:start_date"].sort(),
    );
    expect(
      await handle.db
        .select()
        .from(subscriptionLines)
        .where(sql`external_id in ('API-S2', 'API-S3')`),
    ).toHaveLength(0);
  });

  it("validates the body shape, JSON and kind", async () => {
    expect((await post("subscriptions", null, token, "{not json")).status).toBe(400);
    expect((await post("subscriptions", { rows: [] }, token)).status).toBe(400);
    expect((await post("unicorns", { rows }, token)).status).toBe(404);
  });

  it("publishes an OpenAPI 3.1 document of every kind", async () => {
    const doc = (await (await openapiLoader({ request: new Request("http://x/api/v1/openapi.json") })).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v1/accounts",
        "/api/v1/subscriptions",
        "/api/v1/feature_usage",
        "/api/v1/xapi/statements",
      ]),
    );
  });
});
