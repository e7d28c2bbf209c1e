import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loadReportData } from "#app/analytics/report/load.server";
import { buildImpactReport } from "#app/analytics/report/build";
import { DEFAULT_HEALTH_WEIGHTS } from "#app/analytics/health";
import { refreshAccountMonths } from "#app/analytics/rollups/refresh.server";
import { queryRows, type Db } from "#db/index";
import { useTestDatabase } from "../../support/test-db";
import { createAccount } from "../../support/factories";
import { addLine, addMovement, addUsage } from "../../support/customer-data";

const PERIOD = { from: "2025-01-01", to: "2025-12-31", trained: "any" as const, coverage: 20, x: "coverage" as const };
const report = async (db: Db) =>
  JSON.stringify(buildImpactReport(await loadReportData(db, PERIOD), DEFAULT_HEALTH_WEIGHTS));

/**
 * Stores every row of `table` again, last row first: a sequential scan (what an unordered read gets)
 * then meets them in the opposite order, as after a reload or a rollup rebuild in another order.
 */
async function reverseStorage(db: Db, table: string, column: string) {
  await db.execute(
    sql.raw(`do $$ declare r record; begin
      for r in select ctid from ${table} order by ctid desc loop
        update ${table} set ${column} = ${column} where ctid = r.ctid;
      end loop; end $$`),
  );
}

/**
 * The report's figures do not depend on the order rows are stored in (issue 18: they differed between
 * runs in the 6th significant digit). MRR with cents, thirds of seats and fractional movements make
 * floating-point sums that change with their order, so any unordered read feeding a sum shows here.
 */
describe("report figures are deterministic", () => {
  const handle = useTestDatabase();

  beforeAll(async () => {
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const a = await createAccount(handle.db, { segment: i % 2 ? "smb" : "enterprise", seats: 3 + (i % 4) });
      ids.push(a.id);
      for (let k = 0; k < 3; k++)
        await addLine(handle.db, a.id, {
          mrr: 100.1 * (i + 1) + 0.7 * k + 0.03 * i,
          start: `2024-0${k + 1}-01`,
          end: k === 2 && i % 5 === 0 ? "2025-06-30" : null,
          seats: 3 + k,
        });
      for (let k = 0; k < 4; k++)
        await addMovement(
          handle.db,
          a.id,
          k % 2 ? "upsell" : "contraction",
          (k % 2 ? 1 : -1) * (10.1 + i * 0.7 + k * 0.3),
          `2025-0${k + 2}-1${k}`,
        );
      for (let m = 1; m <= 12; m++)
        await addUsage(handle.db, a.id, `2025-${String(m).padStart(2, "0")}-01`, "workspace", (i + m) % 4);
    }
    // Revenue data through 2025-12, so the period lies inside it.
    await addLine(handle.db, ids[0]!, { mrr: 12.34, start: "2025-12-01", seats: 1 });
    await refreshAccountMonths(handle.db, ids);
  });

  it("gives identical JSON after every table the report reads is stored in the opposite order", async () => {
    const first = await report(handle.db);
    for (const [table, column] of [
      ["accounts", "name"],
      ["subscription_lines", "mrr"],
      ["revenue_movements", "amount"],
      ["feature_usage_monthly", "events"],
    ] as const)
      await reverseStorage(handle.db, table, column);
    const ids = await queryRows<{ id: string }>(handle.db, sql`select id from accounts order by external_id desc`);
    await refreshAccountMonths(
      handle.db,
      ids.map((r) => r.id),
    ); // the rollups rebuilt from the reordered tables, in another order
    await reverseStorage(handle.db, "account_month", "seats");
    expect(await report(handle.db)).toBe(first);
  });
});
