import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { apiTokens, auditLog, lessonProgress, users } from "#db/schema/index";
import { action as collectionAction, loader as collectionLoader } from "#app/routes/scim.v2.Users";
import { action as memberAction, loader as memberLoader } from "#app/routes/scim.v2.Users_.$id";
import { getSessionUser } from "#app/auth/session.server";
import { sha256 } from "#app/auth/tokens.server";
import { useTestDatabase } from "../../support/test-db";
import { createAccount } from "../../support/factories";
import { createCourse, markCompleted } from "../../support/learning";
import { get, run, sessionCookieFor } from "../../support/requests";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("SCIM 2.0 provisioning (/scim/v2/Users)", () => {
  const handle = useTestDatabase();
  let token: string;
  let noScope: string;
  beforeAll(async () => {
    await createAccount(handle.db, { externalId: "SCIM-ACME", name: "Scim Acme", emailDomains: ["scim-acme.example"] });
    await createAccount(handle.db, {
      externalId: "SCIM-GLOBEX",
      name: "Scim Globex",
      emailDomains: ["globex.example"],
    });
    const make = async (scopes: string[]) => {
      const value = `upl_${crypto.randomBytes(24).toString("base64url")}`;
      await handle.db
        .insert(apiTokens)
        .values({ name: "idp", tokenHash: sha256(value), tokenPrefix: value.slice(0, 8), scopes });
      return value;
    };
    token = await make(["scim"]);
    noScope = await make(["xapi:read"]);
  });

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    bearer: string | null = token,
  ): Promise<{ status: number; json: Json | null; res: Response }> => {
    const request = new Request(`http://localhost${path}`, {
      method,
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { "Content-Type": "application/scim+json", ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
    });
    const id = /\/Users\/([^/?]+)/.exec(path)?.[1];
    const args = { request, params: id ? { id } : {}, context: {} };
    const res = await run(() =>
      id
        ? method === "GET"
          ? memberLoader(args)
          : memberAction(args)
        : method === "GET"
          ? collectionLoader(args)
          : collectionAction(args),
    );
    const text = res.status === 204 ? "" : await res.text();
    if (text) expect(res.headers.get("Content-Type")).toBe("application/scim+json");
    return { status: res.status, json: text ? (JSON.parse(text) as Json) : null, res };
  };

  it("refuses requests without a token (401) or without the scim scope (403), in the SCIM error format", async () => {
    const anon = await call("GET", "/scim/v2/Users", undefined, null);
    expect(anon.status).toBe(401);
    expect(anon.json).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "401" });
    expect((await call("GET", "/scim/v2/Users", undefined, noScope)).status).toBe(403);
  });

  it("Okta's sequence: lookup, create, get, PUT, PATCH active:false deactivates (sessions revoked, progress kept)", async () => {
    const q = encodeURIComponent('userName eq "ada.okta@scim-acme.example"');
    const lookup = await call("GET", `/scim/v2/Users?filter=${q}&startIndex=1&count=100`);
    expect(lookup.json).toMatchObject({
      schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
      totalResults: 0,
      Resources: [],
    });
    const created = await call("POST", "/scim/v2/Users", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: "Ada.Okta@scim-acme.example",
      name: { givenName: "Ada", familyName: "Okta" },
      emails: [{ primary: true, value: "Ada.Okta@scim-acme.example", type: "work" }],
      displayName: "Ada Okta",
      locale: "en-US",
      externalId: "00u1okta",
      groups: [],
      password: "ignored-by-the-academy",
      active: true,
    });
    expect(created.status).toBe(201);
    const id = created.json!.id as string;
    expect(created.res.headers.get("Location")).toMatch(new RegExp(`/scim/v2/Users/${id}$`));
    expect(created.json).toMatchObject({
      userName: "ada.okta@scim-acme.example",
      externalId: "00u1okta",
      active: true,
      name: { givenName: "Ada", familyName: "Okta" },
    });
    expect(created.json!["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]).toEqual({
      organization: "SCIM-ACME",
    });
    const [row] = await handle.db.select().from(users).where(eq(users.id, id));
    expect(row).toMatchObject({ role: "learner", passwordHash: null, externalId: "00u1okta" });

    expect((await call("POST", "/scim/v2/Users", { userName: "ada.okta@scim-acme.example" })).json).toMatchObject({
      status: "409",
      scimType: "uniqueness",
    });
    expect((await call("GET", `/scim/v2/Users/${id}`)).json).toMatchObject({
      id,
      userName: "ada.okta@scim-acme.example",
    });
    const found = await call("GET", `/scim/v2/Users?filter=${q}`);
    expect(found.json).toMatchObject({ totalResults: 1, Resources: [{ id }] });

    const put = await call("PUT", `/scim/v2/Users/${id}`, {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      id,
      userName: "ada.okta@scim-acme.example",
      name: { givenName: "Ada", familyName: "Lovelace" },
      emails: [{ primary: true, value: "ada.okta@scim-acme.example", type: "work" }],
      active: true,
      externalId: "00u1okta",
    });
    expect(put.status).toBe(200);
    expect(put.json!.displayName).toBe("Ada Lovelace");

    // She learns something and is signed in when the IdP deactivates her.
    const { lessons } = await createCourse(handle.db);
    await markCompleted(handle.db, { id, accountId: row!.accountId }, lessons);
    const cookie = await sessionCookieFor(row!);
    expect(await getSessionUser(get("/", cookie))).not.toBeNull();
    const patch = await call("PATCH", `/scim/v2/Users/${id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "replace", value: { active: false } }],
    });
    expect(patch.status).toBe(200);
    expect(patch.json!.active).toBe(false);
    expect(await getSessionUser(get("/", cookie))).toBeNull();
    expect((await handle.db.select().from(lessonProgress).where(eq(lessonProgress.userId, id))).length).toBe(2);
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.target, id));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["user.provisioned_scim", "user.updated_scim", "user.deactivated"]),
    );
  });

  it("Entra's sequence: create with the enterprise extension, PATCH with paths and string booleans, DELETE", async () => {
    const created = await call("POST", "/scim/v2/Users", {
      schemas: [
        "urn:ietf:params:scim:schemas:core:2.0:User",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
      ],
      externalId: "entra-7",
      userName: "grace@contractor.example",
      active: true,
      displayName: "Grace Hopper",
      emails: [{ primary: true, type: "work", value: "grace@contractor.example" }],
      name: { formatted: "Grace Hopper", familyName: "Hopper", givenName: "Grace" },
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { organization: "SCIM-GLOBEX" },
    });
    expect(created.status).toBe(201);
    const id = created.json!.id as string;
    const patched = await call("PATCH", `/scim/v2/Users/${id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [
        { op: "Replace", path: "displayName", value: "Grace B. Hopper" },
        { op: "Add", path: 'emails[type eq "work"].value', value: "grace.hopper@contractor.example" },
        { op: "Replace", path: "active", value: "False" },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({
      displayName: "Grace B. Hopper",
      userName: "grace.hopper@contractor.example",
      active: false,
    });
    expect(
      (await call("PATCH", `/scim/v2/Users/${id}`, { Operations: [{ op: "Replace", path: "active", value: "True" }] }))
        .json!.active,
    ).toBe(true);
    expect((await call("DELETE", `/scim/v2/Users/${id}`)).status).toBe(204);
    expect((await call("GET", `/scim/v2/Users/${id}`)).json!.active).toBe(false);
    const none = await call(
      "GET",
      `/scim/v2/Users?filter=${encodeURIComponent('userName eq "nobody@contractor.example"')}`,
    );
    expect(none.json).toMatchObject({ totalResults: 0 });
  });

  it("answers bad input with SCIM errors and writes nothing", async () => {
    const before = (await handle.db.select().from(users)).length;
    expect((await call("POST", "/scim/v2/Users", { userName: "not-an-email" })).json).toMatchObject({
      status: "400",
      scimType: "invalidValue",
    });
    expect((await call("POST", "/scim/v2/Users", { userName: "x@unknown-domain.example" })).json).toMatchObject({
      status: "400",
      scimType: "invalidValue",
    });
    expect((await call("GET", `/scim/v2/Users?filter=${encodeURIComponent('name co "x"')}`)).json).toMatchObject({
      status: "400",
      scimType: "invalidFilter",
    });
    expect((await call("GET", "/scim/v2/Users/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await call("GET", "/scim/v2/Users/not-a-uuid")).status).toBe(404);
    expect(
      (
        await call("PATCH", "/scim/v2/Users/00000000-0000-4000-8000-000000000000", {
          Operations: [{ op: "replace", value: { active: false } }],
        })
      ).status,
    ).toBe(404);
    expect((await handle.db.select().from(users)).length).toBe(before);
  });

  it("never exposes or changes staff", async () => {
    const [staff] = await handle.db
      .insert(users)
      .values({ email: "staff@scim-acme.example", name: "Staff", role: "admin" })
      .returning();
    expect((await call("GET", `/scim/v2/Users/${staff!.id}`)).status).toBe(404);
    expect(
      (
        await call("PATCH", `/scim/v2/Users/${staff!.id}`, {
          Operations: [{ op: "replace", value: { active: false } }],
        })
      ).status,
    ).toBe(404);
    expect((await call("POST", "/scim/v2/Users", { userName: "staff@scim-acme.example" })).status).toBe(409);
  });
});
