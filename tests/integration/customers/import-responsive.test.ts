import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "#db/index";
import { accounts } from "#db/schema/index";
import { runImport, type ImportProgress } from "#app/customers/import/engine.server";
import { useTestDatabase } from "../../support/test-db";

/**
 * A big import must not stop the server's other queries (issue 15 item 7: on PGlite, one session, a
 * 300k-row import kept /healthz waiting 20 s). Behaviour, not speed: a query issued while the file is
 * being read is answered while it is still being read, not after the import's commit. On PostgreSQL
 * the pool's other connections answer it; on PGlite the import stages rows in short steps.
 * The figures are in npm run bench (scenario "responsive").
 */
describe("a big import leaves room for other queries", () => {
  const handle = useTestDatabase();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-import-responsive-"));
  beforeAll(async () => {
    await handle.db.insert(accounts).values({ externalId: "R-1", name: "Responsive Co" });
  });
  afterAll(async () => {
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("answers a query issued mid-import before the import reaches its finishing step", async () => {
    const lines = ["usage_id,account_id,usage_date,feature_name,usage_count"];
    for (let i = 0; i < 40_000; i++)
      lines.push(`R-${i},R-1,2025-03-${String(1 + (i % 28)).padStart(2, "0")},alerts,${i % 7}`);
    const file = path.join(tmp, "usage.csv");
    fs.writeFileSync(file, lines.join("\n"));
    let phase: ImportProgress["phase"] = "reading";
    let asked: Promise<void> | undefined;
    let answeredDuring: ImportProgress["phase"] | "done" | undefined;
    let done = false;
    const result = await runImport(handle.db, {
      kind: "feature_usage",
      filePath: file,
      onProgress: (p) => {
        phase = p.phase;
        if (!asked && p.phase === "reading" && p.rows >= 10_000) {
          asked = queryRows(handle.db, sql`select count(*)::int as n from accounts`).then(() => {
            answeredDuring = done ? "done" : phase;
          });
        }
      },
    });
    done = true;
    await asked;
    expect(result.status).toBe("committed");
    expect(answeredDuring).toBe("reading");
    const [row] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from feature_usage where external_id like 'R-%'`,
    );
    expect(row!.n).toBe(40_000);
  });
});
