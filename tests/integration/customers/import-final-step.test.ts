import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows } from "#db/index";
import { accounts } from "#db/schema/index";
import { runImport } from "#app/customers/import/engine.server";
import { startImportJob, getImportJob } from "#app/customers/import/jobs.server";
import { loader as healthz } from "#app/routes/healthz";
import { loader as progressPage } from "#app/routes/admin.imports.jobs.$jobId";
import { createUser } from "../../support/factories";
import { get, sessionCookieFor } from "../../support/requests";
import { useTestDatabase } from "../../support/test-db";

/**
 * The import's final transaction (merge of the staged rows, usage rollup, account months, record) on
 * PGlite, one session (issue 15 item 7): it used to hold the process's only thread and the database
 * until its commit, so /healthz and the import's own progress page waited seconds. Now it pauses
 * between short statements and those two requests are answered while it is still open
 * (db/pausing-transaction.ts) — and the import is still all-or-nothing. Speed: npm run bench (responsive).
 */
const onPglite = process.env.TEST_DB_KIND !== "postgres";
const ROWS = 30_000; // several merge slices (5,000 rows each) and rollup batches

describe("the import's final step", () => {
  const handle = useTestDatabase();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-import-final-"));
  const file = path.join(tmp, "usage.csv");
  beforeAll(async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `FS-${i}`);
    await handle.db.insert(accounts).values(ids.map((externalId) => ({ externalId, name: externalId })));
    const lines = ["usage_id,account_id,usage_date,feature_name,usage_count"];
    for (let i = 0; i < ROWS; i++)
      lines.push(`FS-${i},FS-${i % 30},2025-0${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, "0")},alerts,${i % 7}`);
    fs.writeFileSync(file, lines.join("\n"));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const count = async (table: string) =>
    (await queryRows<{ n: number }>(handle.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

  it.runIf(onPglite)("answers /healthz and the progress page while the final transaction is still open", async () => {
    // Which PGlite transaction is open (the driver's own, under drizzle): the import's last one is its final step.
    const client = (handle.db as unknown as { $client: PGlite }).$client;
    const original = client.transaction.bind(client);
    let opened = 0;
    let open = 0;
    const spy = vi.spyOn(client, "transaction").mockImplementation(async (work) => {
      const id = ++opened;
      open = id;
      try {
        return await original(work);
      } finally {
        if (open === id) open = 0;
      }
    });
    const cs = await createUser(handle.db, { role: "cs_leader" });
    const cookie = await sessionCookieFor(cs);
    const answered: { what: string; during: number; phase?: string }[] = [];
    try {
      const job = startImportJob(handle.db, {
        kind: "feature_usage",
        filePath: file,
        fileName: "usage.csv",
        userId: cs.id,
      });
      const poll = setInterval(() => {
        void healthz().then((r) => r.status === 200 && answered.push({ what: "healthz", during: open }));
        void progressPage({
          request: get(`/admin/imports/jobs/${job.id}`, cookie),
          params: { jobId: job.id },
          context: {},
        })
          .then((r) => r.json() as Promise<{ phase: string }>)
          .then((body) => answered.push({ what: "progress", during: open, phase: body.phase }));
      }, 10);
      await vi.waitFor(() => expect(["done", "failed"]).toContain(getImportJob(job.id)!.phase), {
        timeout: 60_000,
        interval: 20,
      });
      clearInterval(poll);
      expect(getImportJob(job.id)!.result?.status).toBe("committed");
    } finally {
      spy.mockRestore();
    }
    const finalTransaction = opened;
    const during = answered.filter((a) => a.during === finalTransaction);
    expect(during.filter((a) => a.what === "healthz").length).toBeGreaterThan(0);
    expect(during.filter((a) => a.what === "progress" && a.phase === "finishing").length).toBeGreaterThan(0);
    expect(await count("feature_usage")).toBe(ROWS);
  });

  it("is still all-or-nothing: a failure in its last statement leaves no row, rollup or record of success", async () => {
    await handle.db.execute(sql`delete from feature_usage`);
    await handle.db.execute(sql`delete from feature_usage_monthly`);
    await handle.db.execute(sql`delete from account_month`);
    // The import's audit entry is the final transaction's last statement.
    await handle.db.execute(
      sql.raw(`create function test_fail_audit() returns trigger language plpgsql as $$
        begin if new.action = 'import.committed' then raise exception 'disk full' using errcode = '53100'; end if; return new; end $$`),
    );
    await handle.db.execute(
      sql.raw(
        "create trigger test_fail_audit before insert on audit_log for each row execute function test_fail_audit()",
      ),
    );
    const committedBefore = await count("imports where status = 'committed'");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const r = await runImport(handle.db, { kind: "feature_usage", filePath: file, userId: null });
      expect(r.status).toBe("failed");
    } finally {
      warn.mockRestore();
      await handle.db.execute(sql.raw("drop trigger test_fail_audit on audit_log"));
    }
    expect(await count("feature_usage")).toBe(0);
    expect(await count("feature_usage_monthly")).toBe(0);
    expect(await count("account_month")).toBe(0);
    expect(await count("imports where status = 'committed'")).toBe(committedBefore);
  });
});
