import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditLog, importMappings, imports } from "#db/schema/index";
import { action as uploadAction } from "#app/routes/admin.imports._index/route";
import { loader as mapLoader } from "#app/routes/admin.imports.new/route";
import { uploadDir } from "#app/customers/import/uploads.server";
import { getEnv } from "#app/env.server";
import { useTestDatabase } from "../../support/test-db";
import { createUser } from "../../support/factories";
import { get, run, sessionCookieFor } from "../../support/requests";

type Reply = {
  result: { status: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> };
};

/**
 * Issue 18 item 5: the upload step (/admin/imports) answers conform's one reply shape. A refused upload
 * (no file, an empty one, over MAX_UPLOAD_MB, not CSV by its name or its first bytes, an unknown kind)
 * comes back with the error beside its field and the fields typed, and keeps nothing: no file under
 * DATA_DIR/uploads, no import, mapping or audit row. An accepted one goes on to the mapping page.
 */
describe("import upload (/admin/imports)", () => {
  const handle = useTestDatabase();
  let cookie: string;
  beforeAll(async () => {
    cookie = await sessionCookieFor(await createUser(handle.db, { role: "cs_leader" }));
  });
  const maxMb = getEnv().MAX_UPLOAD_MB;
  afterEach(() => {
    getEnv().MAX_UPLOAD_MB = maxMb;
  });

  /** The uploaded bytes start with a marker unique to the test, so a file left behind can be found among others. */
  const MARKER = "marker_placeholder";
  const marked = () => `marker_${crypto.randomBytes(6).toString("hex")}`;
  const keptWith = (marker: string) =>
    fs
      .readdirSync(uploadDir())
      .filter((f) => fs.readFileSync(path.join(uploadDir(), f)).subarray(0, 64).includes(marker));
  const upload = async (fields: Record<string, string>, file?: { name: string; body: string | Buffer }) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append(
      "file",
      file
        ? new File([typeof file.body === "string" ? file.body : new Uint8Array(file.body)], file.name, {
            type: "text/csv",
          })
        : new File([], ""),
    );
    const request = new Request("http://localhost/admin/imports?index", {
      method: "POST",
      body: form,
      headers: { Cookie: cookie },
    });
    return run(() => uploadAction({ request, params: {}, context: {} }));
  };
  const counts = async () => ({
    imports: (await handle.db.select().from(imports)).length,
    mappings: (await handle.db.select().from(importMappings)).length,
    audit: (await handle.db.select().from(auditLog)).length,
  });

  it("refuses each bad upload beside its field, keeps the fields typed, and keeps nothing", async () => {
    const before = await counts();
    const cases: [Record<string, string>, { name: string; body: string | Buffer } | undefined, string, RegExp][] = [
      [{ kind: "accounts", source: "crm" }, undefined, "file", /^Choose a CSV file to upload\.$/],
      [{ kind: "accounts", source: "crm" }, { name: "empty.csv", body: "" }, "file", /“empty\.csv” is empty/],
      [
        { kind: "accounts", source: "crm" },
        { name: "accounts.xlsx", body: "account_id\nA-1\n" },
        "file",
        /“accounts\.xlsx” is not a CSV file/,
      ],
      [
        { kind: "accounts", source: "crm" },
        {
          name: "export.csv",
          body: Buffer.concat([Buffer.from("PK\x03\x04", "latin1"), Buffer.from(MARKER), Buffer.alloc(64)]),
        },
        "file",
        /zip archive, probably an Excel workbook/,
      ],
      [
        { kind: "spreadsheets", source: "crm" },
        { name: "a.csv", body: "account_id\n" },
        "kind",
        /Choose what the file/,
      ],
    ];
    for (const [fields, file, field, message] of cases) {
      const marker = marked();
      const withMarker = !file?.body.length
        ? file
        : {
            ...file,
            body:
              typeof file.body === "string"
                ? `${marker},x\n${file.body}`
                : Buffer.from(file.body.toString("latin1").replace(MARKER, marker), "latin1"),
          };
      const res = await upload(fields, withMarker);
      expect(res.status, `${field}: ${message}`).toBe(400);
      const { result } = (await res.json()) as Reply;
      expect(result.status).toBe("error");
      expect(result.error?.[field]?.[0]).toMatch(message);
      expect(result.initialValue).toMatchObject({ kind: fields.kind, source: "crm" });
      expect(JSON.stringify(result)).not.toContain(uploadDir()); // the stored path never goes to the page
      expect(keptWith(marker)).toEqual([]);
    }
    expect(await counts()).toEqual(before);
  });

  it("a file over MAX_UPLOAD_MB is refused beside the field (413) and not kept", async () => {
    getEnv().MAX_UPLOAD_MB = 1;
    const marker = marked();
    const before = await counts();
    const body = `${marker},x\n${"a,b\n".repeat(300_000)}`; // 1.2 MB
    const res = await upload({ kind: "usage", source: "product" }, { name: "usage.csv", body });
    expect(res.status).toBe(413);
    const { result } = (await res.json()) as Reply;
    expect(result.error?.file).toEqual(["The file is larger than 1 MB. Split it, or use the CLI (npm run import)."]);
    expect(result.initialValue).toMatchObject({ kind: "usage", source: "product" });
    expect(keptWith(marker)).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it("a form posted without the file encoding is refused beside the file field", async () => {
    const request = new Request("http://localhost/admin/imports?index", {
      method: "POST",
      body: new URLSearchParams({ kind: "accounts" }),
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    });
    const res = await run(() => uploadAction({ request, params: {}, context: {} }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as Reply).result.error?.file).toEqual(["Choose a CSV file to upload."]);
  });

  it("an accepted upload is stored and goes on to the mapping page, as before", async () => {
    const marker = marked();
    const res = await upload(
      { kind: "accounts", source: "Sales Force!" },
      { name: "crm export.csv", body: `${marker},account_name\nA-1,Acme\n` },
    );
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("Location")!, "http://localhost");
    expect(location.pathname).toBe("/admin/imports/new");
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      kind: "accounts",
      source: "salesforce",
      name: "crm export.csv",
    });
    expect(keptWith(marker)).toEqual([`${location.searchParams.get("upload")}.csv`]);
    fs.rmSync(path.join(uploadDir(), keptWith(marker)[0]!));
  });

  it("the mapping page without an upload, or with one no longer kept, says to upload first (the latter a 404)", async () => {
    const open = (query: string) =>
      run(() => mapLoader({ request: get(`/admin/imports/new${query}`, cookie), params: {}, context: {} }));
    const direct = await open("");
    expect([direct.status, await direct.json()]).toEqual([200, { needsUpload: true, gone: false }]);
    const gone = await open(`?upload=${crypto.randomUUID()}&kind=accounts`);
    expect([gone.status, await gone.json()]).toEqual([404, { needsUpload: true, gone: true }]);
  });

  it("is for CS leaders and admins only", async () => {
    const learner = await sessionCookieFor(await createUser(handle.db, { role: "author" }));
    const request = new Request("http://localhost/admin/imports?index", {
      method: "POST",
      body: new FormData(),
      headers: { Cookie: learner },
    });
    expect((await run(() => uploadAction({ request, params: {}, context: {} }))).status).toBe(403);
  });
});
