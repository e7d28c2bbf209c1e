import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { importMappings, imports } from "#db/schema/index";
import { loader as mapLoader, action as mapAction } from "#app/routes/admin.imports.new/route";
import { loader as historyLoader } from "#app/routes/admin.imports._index/route";
import { loader as rejectedLoader } from "#app/routes/admin.imports.$importId.rejected";
import { getImportJob } from "#app/customers/import/jobs.server";
import { newUploadId, uploadDir } from "#app/customers/import/uploads.server";
import { sweepImportLeftovers } from "#app/customers/import/retention.server";
import { useTestDatabase } from "../../support/test-db";
import { createUser } from "../../support/factories";
import { get, post, run, sessionCookieFor } from "../../support/requests";

/**
 * The admin import pages with files people really upload (issue 15 items 12, 13, 17): unreadable CSV
 * and malformed query strings are clear 4xx pages, never a 500; another encoding is said in the
 * preview; uploads are deleted when their import ends and swept when abandoned; rejected rows keep
 * their original values for REJECTED_ROWS_DAYS.
 */
describe("admin import pages", () => {
  const handle = useTestDatabase();
  let cookie: string;
  const upload = (content: string | Buffer) => {
    const id = newUploadId();
    const file = path.join(uploadDir(), `${id}.csv`);
    fs.writeFileSync(file, content);
    return { id, file };
  };
  const preview = (id: string, extra = "") =>
    run(() =>
      mapLoader({
        request: get(`/admin/imports/new?upload=${id}&kind=accounts${extra}`, cookie),
        params: {},
        context: {},
      }),
    );
  const untilFinished = async (jobId: string) => {
    await vi.waitFor(() => expect(getImportJob(jobId)?.phase).toMatch(/^(done|failed)$/), {
      timeout: 120_000,
      interval: 50,
    });
    return getImportJob(jobId)!;
  };
  beforeAll(async () => {
    cookie = await sessionCookieFor(await createUser(handle.db, { role: "cs_leader" }));
  });

  it("a file that is not readable CSV gets a 422 page with the reason (and is not kept), not a 500", async () => {
    const cases: [string | Buffer, RegExp][] = [
      ['account_id,account_name\nQ-1,"never closed\nQ-2,x\n', /never closed/],
      ['account_id,account_name\n"\n', /quote/],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x08, 0, 0, 0]), /Excel workbook/],
      [Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256)), /binary data/],
      ["account_id,name,name\nD-1,a,b\n", /"name" appears 2 times/],
      [`${Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(",")}\n`, /100,000 columns.*at most 500/],
    ];
    for (const [content, message] of cases) {
      const { id, file } = upload(content);
      const res = await preview(id);
      expect(res.status).toBe(422);
      const body = await res.text();
      expect((JSON.parse(body) as { problem: string }).problem).toMatch(message);
      expect(body.length).toBeLessThan(2000); // no 100k-column mapping page
      expect(fs.existsSync(file)).toBe(false);
    }
  });

  it("a Windows-1252 file previews decoded, with a note naming the encoding", async () => {
    const { id } = upload(Buffer.from("account_id,account_name\nL-1,Café Müller\n", "latin1"));
    const res = await preview(id);
    expect(res.status).toBe(200);
    const data = (await res.json()) as { preview: { rows: string[][] }; encodingNote: string };
    expect(data.preview.rows).toEqual([["L-1", "Café Müller"]]);
    expect(data.encodingNote).toMatch(/not UTF-8.*Windows-1252/);
    const utf8 = (await (await preview(upload("account_id,account_name\nU-1,Zoë\n").id)).json()) as {
      encodingNote: string | null;
    };
    expect(utf8.encodingNote).toBeNull();
  });

  it("malformed percent-encoding in the file name is harmless: the page and the import work", async () => {
    const { id, file } = upload("account_id,account_name\nPCT-1,Percent Co\n");
    const page = await preview(id, "&source=crm&name=%E0%A4%A");
    expect(page.status).toBe(200);
    expect(((await page.json()) as { name: string }).name).toMatch(/^[\w.\- ]+$/);
    const started = await run(() =>
      mapAction({
        request: post(
          `/admin/imports/new?upload=${id}&kind=accounts&source=crm&name=%E0%A4%A`,
          { intent: "import", "map.external_id": "account_id", "map.name": "account_name", dateFormat: "yyyy-MM-dd" },
          cookie,
        ),
        params: {},
        context: {},
      }),
    );
    expect(started.status).toBe(302);
    const job = await untilFinished(started.headers.get("Location")!.split("/").pop()!);
    expect(job.result?.status).toBe("committed");
    expect(job.fileName).toMatch(/^[\w.\- ]+$/);
    // Item 17: the uploaded file is gone once the import has ended.
    expect(fs.existsSync(file)).toBe(false);
  });

  it("the mapping form refuses an unmapped required field and a column the file lacks beside them, writing nothing", async () => {
    const { id, file } = upload("account_id,account_name\nMAP-1,Mapped Co\n");
    const importsBefore = (await handle.db.select().from(imports)).length;
    const mappingsBefore = (await handle.db.select().from(importMappings)).length;
    for (const intent of ["validate", "import"]) {
      const res = await run(() =>
        mapAction({
          request: post(
            `/admin/imports/new?upload=${id}&kind=accounts&source=formcheck`,
            { intent, "map.external_id": "account_id", "map.seats": "headcount", dateFormat: "yyyy-MM-dd" },
            cookie,
          ),
          params: {},
          context: {},
        }),
      );
      expect(res.status).toBe(400);
      const { result, check } = (await res.json()) as {
        result: { error: Record<string, string[]>; initialValue: Record<string, unknown> };
        check: unknown;
      };
      expect(check).toBeNull();
      expect(result.error).toEqual({
        "map.name": ["Choose the column that holds name (it is required)."],
        "map.seats": ["Not a column of this file."],
      });
      expect(result.initialValue).toMatchObject({ map: { external_id: "account_id", seats: "headcount" } });
    }
    expect((await handle.db.select().from(imports)).length).toBe(importsBefore);
    expect((await handle.db.select().from(importMappings)).length).toBe(mappingsBefore);
    expect(fs.existsSync(file)).toBe(true);
    // Mapped, the same file validates: the dry run's answer comes back with the form's result.
    const ok = await run(() =>
      mapAction({
        request: post(
          `/admin/imports/new?upload=${id}&kind=accounts&source=formcheck`,
          { intent: "validate", "map.external_id": "account_id", "map.name": "account_name" },
          cookie,
        ),
        params: {},
        context: {},
      }),
    );
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { check: object }).check).toEqual({
      failed: false,
      rowsTotal: 1,
      rowsRejected: 0,
      errors: [],
    });
  });

  it("the upload is deleted when the import ends badly too, and the history says why", async () => {
    const { id, file } = upload("account_id,account_name,seats\nBAD-1,Big,1000000000000\n");
    const started = await run(() =>
      mapAction({
        request: post(
          `/admin/imports/new?upload=${id}&kind=accounts&name=big.csv`,
          { intent: "import", "map.external_id": "account_id", "map.name": "account_name", "map.seats": "seats" },
          cookie,
        ),
        params: {},
        context: {},
      }),
    );
    const job = await untilFinished(started.headers.get("Location")!.split("/").pop()!);
    expect(job.result?.status).toBe("rejected");
    expect(fs.existsSync(file)).toBe(false);
    const history = (await (
      await run(() => historyLoader({ request: get("/admin/imports", cookie), params: {}, context: {} }))
    ).json()) as { history: { id: string; status: string }[] };
    expect(history.history.find((h) => h.id === job.result!.importId)?.status).toBe("rejected");
  });

  it("the sweep removes abandoned uploads and, after REJECTED_ROWS_DAYS, the original values of rejected rows", async () => {
    const now = new Date();
    const stale = upload("account_id\nOLD\n");
    const fresh = upload("account_id\nNEW\n");
    const twoDaysAgo = new Date(now.getTime() - 48 * 3600_000);
    fs.utimesSync(stale.file, twoDaysAgo, twoDaysAgo);
    const errors = [
      { row: 3, field: "seats", message: "seats must be a number", values: ["X-1", "secret customer name", "many"] },
    ];
    const [old] = await handle.db
      .insert(imports)
      .values({
        kind: "accounts",
        status: "committed",
        rowsRejected: 1,
        errors,
        startedAt: new Date(now.getTime() - 9 * 86_400_000),
        finishedAt: new Date(now.getTime() - 8 * 86_400_000),
      })
      .returning();
    const [recent] = await handle.db
      .insert(imports)
      .values({
        kind: "accounts",
        status: "committed",
        rowsRejected: 1,
        errors,
        finishedAt: new Date(now.getTime() - 86_400_000),
      })
      .returning();

    const swept = await sweepImportLeftovers(handle.db, now);
    expect(swept.uploadsRemoved).toBeGreaterThanOrEqual(1);
    expect(fs.existsSync(stale.file)).toBe(false);
    expect(fs.existsSync(fresh.file)).toBe(true);
    const reread = async (id: string) => (await handle.db.select().from(imports).where(eq(imports.id, id)))[0]!.errors;
    expect(await reread(old!.id)).toEqual([{ row: 3, field: "seats", message: "seats must be a number" }]);
    expect(await reread(recent!.id)).toEqual(errors);
    const csv = await (
      await run(() =>
        rejectedLoader({
          request: get(`/admin/imports/${old!.id}/rejected`, cookie),
          params: { importId: old!.id },
          context: {},
        }),
      )
    ).text();
    expect(csv).toContain("seats must be a number");
    expect(csv).not.toContain("secret customer name");
    // Idempotent: a second sweep changes nothing.
    expect((await sweepImportLeftovers(handle.db, now)).importsCleared).toBe(0);
    fs.rmSync(fresh.file, { force: true });
  });
});
