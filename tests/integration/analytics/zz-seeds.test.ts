import fs from "node:fs";
import { it } from "vitest";
import { DEFAULT_EFFECTS, NO_EFFECTS, generateCustomerData } from "#app/customers/generator/index.server";
import { getImpactReport } from "#app/analytics/report.server";
import { createTestDatabase } from "../../support/test-db";
import { syncFixtureContent } from "../../support/content";
it("seeds", async () => {
  for (const seed of [1, 2, 3, 4, 5, 7]) for (const [name, effects] of [["fx", DEFAULT_EFFECTS], ["none", NO_EFFECTS]] as const) {
    const h = await createTestDatabase();
    await syncFixtureContent(h.db);
    await generateCustomerData(h.db, { accounts: 800, months: 24, seed, effects });
    const r = await getImpactReport(h.db, { from: "2026-04-01", to: "2026-10-31", trained: "any", coverage: 20, x: "coverage" });
    fs.appendFileSync("/tmp/exp/seeds.txt", `${seed} ${name} ${r.cohorts.map((c) => `${c.key}:${c.adjusted.ok ? `${c.adjusted.estimate.toFixed(1)}[${c.adjusted.low.toFixed(1)},${c.adjusted.high.toFixed(1)}]` : "x"} crude ${c.difference.ok ? c.difference.estimate.toFixed(1) : "x"}`).join(" | ")}\n`);
    await h.dropDatabase();
  }
}, 1_800_000);
