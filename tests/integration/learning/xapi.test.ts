import { beforeAll, describe, expect, it } from "vitest";
import { loader as xapiLoader } from "#app/routes/api.v1.xapi.statements";
import { createApiToken } from "#app/auth/api-token.server";
import { completeLesson } from "#app/learning/completion.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount, createUser } from "../../support/factories";
import { syncFixtureContent } from "../../support/content";
import { run } from "../../support/requests";

const isIri = (s: unknown) => typeof s === "string" && /^[a-z][a-z0-9+.-]*:/i.test(s) && !!new URL(s);

type XapiStatement = {
  id: string;
  actor: { objectType: string; mbox: string };
  verb: { id: string; display: Record<string, string> };
  object: { objectType: string; id: string };
  timestamp: string;
};

describe("xAPI 1.0.3 statements export", () => {
  const handle = useTestDatabase();
  let token: string;
  let noScope: string;
  const call = (query: string, bearer?: string) =>
    run(() =>
      xapiLoader({
        request: new Request(`http://academy.test/api/v1/xapi/statements${query}`, {
          headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
        }),
        params: {},
        context: {},
      }),
    );

  beforeAll(async () => {
    await syncFixtureContent(handle.db);
    token = (await createApiToken({ name: "lrs", scopes: ["xapi:read"], createdBy: null })).value;
    noScope = (await createApiToken({ name: "other", scopes: ["import:write"], createdBy: null })).value;
    const account = await createAccount(handle.db);
    for (let i = 0; i < 3; i++) {
      const u = await createUser(handle.db, { accountId: account.id });
      await completeLesson(handle.db, { id: u.id, accountId: account.id }, "fixture-basics", "fixture-first");
      await completeLesson(handle.db, { id: u.id, accountId: account.id }, "fixture-basics", "fixture-second");
    }
  });

  it("requires a token with the xapi:read scope", async () => {
    expect((await call("")).status).toBe(401);
    expect((await call("", "upl_not-a-real-token")).status).toBe(401);
    const forbidden = await call("", noScope);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  it("returns statements with actor, verb IRI, object IRI and timestamp", async () => {
    const res = await call("?limit=100", token);
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Experience-API-Version")).toBe("1.0.3");
    const { statements, more } = (await res.json()) as { statements: XapiStatement[]; more: string };
    // Per learner: two lesson completions and the course certificate they earned (issue 5).
    expect(statements).toHaveLength(9);
    expect(more).toBe("");
    for (const s of statements) {
      expect(s.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(s.actor.objectType).toBe("Agent");
      expect(s.actor.mbox).toMatch(/^mailto:.+@.+/);
      expect(isIri(s.verb.id)).toBe(true);
      expect(s.verb.display["en-US"]).toBeTruthy();
      expect(s.object.objectType).toBe("Activity");
      expect(isIri(s.object.id)).toBe(true);
      expect(s.object.id).toMatch(/^http:\/\/academy\.test\/courses\/fixture-basics(\/fixture-|$)/);
      expect(new Date(s.timestamp).toISOString()).toBe(s.timestamp);
    }
    expect(statements.filter((s) => s.verb.id === "http://adlnet.gov/expapi/verbs/completed")).toHaveLength(6);
    expect(
      statements.filter((s) => s.verb.id === "http://id.tincanapi.com/verb/earned").map((s) => s.object.id),
    ).toEqual(Array(3).fill("http://academy.test/courses/fixture-basics"));
  });

  it("pages with a cursor without duplicates or gaps", async () => {
    const ids: string[] = [];
    let next = "?limit=4";
    for (let i = 0; i < 5 && next; i++) {
      const page = (await (await call(next.replace("/api/v1/xapi/statements", ""), token)).json()) as {
        statements: { id: string }[];
        more: string;
      };
      ids.push(...page.statements.map((s) => s.id));
      next = page.more;
    }
    expect(ids).toHaveLength(9);
    expect(new Set(ids).size).toBe(9);
  });

  it("rejects invalid paging parameters with a clear error body", async () => {
    const res = await call("?limit=0", token);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_query" } });
  });

  it("answers an out-of-range or malformed cursor with 400 and says what a cursor is", async () => {
    // Issue 15 item 12: 99999999999999999999 overflowed the bigint comparison in SQL (a 500).
    for (const cursor of ["99999999999999999999", "9223372036854775808", "1e30", "-1", "0", "1.5", "abc", ""]) {
      const res = await call(`?cursor=${encodeURIComponent(cursor)}`, token);
      expect(res.status, cursor).toBe(400);
      const body = (await res.json()) as { error: { code: string; details: { cursor?: string[] } } };
      expect(body.error.code).toBe("invalid_query");
      expect(body.error.details.cursor?.[0], cursor).toMatch(/cursor/i);
    }
    // The largest cursor this API can hand out is still accepted (an empty page).
    const last = await call(`?cursor=${Number.MAX_SAFE_INTEGER}`, token);
    expect(last.status).toBe(200);
    expect(await last.json()).toMatchObject({ statements: [], more: "" });
  });
});
