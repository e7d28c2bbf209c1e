import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const FIELDS = ["name", "truth", "meanEstimate", "bias", "rmse", "coverage", "power", "replicates"].sort();

// A tiny run of the real CLI (npm run validate:impact): shape and sanity, not the targets (docs/ has a recorded run).
describe("npm run validate:impact", () => {
  it("prints exactly one JSON object with every estimand's truth, estimate, bias, RMSE, coverage and power, with and without effects", async () => {
    const partial = path.join(os.tmpdir(), `validate-partial-${process.pid}.json`);
    const { stdout } = await run(
      "npx",
      [
        "tsx",
        "scripts/validate-impact.ts",
        "--replicates",
        "2",
        "--accounts",
        "160",
        "--seed",
        "3",
        "--format",
        "json",
        "--partial",
        partial,
      ],
      { maxBuffer: 1 << 20 },
    );
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!) as Record<string, Record<string, number | string>[]>;
    expect(Object.keys(result).sort()).toEqual(["estimands", "null"]);
    for (const section of ["estimands", "null"]) {
      const rows = result[section]!;
      expect(rows.map((r) => r.name)).toEqual(
        expect.arrayContaining(["overall.expansion", "overall.utilization", "overall.health", "overall.churn"]),
      );
      for (const row of rows) {
        expect(Object.keys(row).sort()).toEqual(FIELDS);
        for (const k of ["coverage", "power"]) {
          expect(row[k]).toBeGreaterThanOrEqual(0);
          expect(row[k]).toBeLessThanOrEqual(1);
        }
        expect(row.replicates).toBeGreaterThanOrEqual(1);
        expect(row.replicates).toBeLessThanOrEqual(2);
        expect(Math.abs(Number(row.bias) - (Number(row.meanEstimate) - Number(row.truth)))).toBeLessThan(1e-9);
        expect(Number(row.rmse)).toBeGreaterThanOrEqual(Math.abs(Number(row.bias)) - 1e-9);
      }
    }
    // Without effects every truth is 0; with them, the planted utilization lift (15 pp of seats) is the truth's order.
    for (const row of result.null!) expect(row.truth).toBe(0);
    // The pre-trend test's rejection rate ("power") and its complement ("coverage"), with nothing planted before training.
    const pre = result.null!.find((r) => r.name === "preTrendRejects.expansion")!;
    expect(Number(pre.coverage) + Number(pre.power)).toBe(1);
    // --partial: the summary after the last replicate is the final one.
    const saved = JSON.parse(fs.readFileSync(partial, "utf8")) as { replicatesDone: number; estimands: unknown[] };
    expect(saved.replicatesDone).toBe(2);
    expect(saved.estimands).toEqual(result.estimands);
    fs.rmSync(partial);
    const util = result.estimands!.find((r) => r.name === "overall.utilization")!;
    expect(Number(util.truth)).toBeGreaterThan(10);
    expect(Number(util.truth)).toBeLessThan(25);
  }, 300_000);

  it("refuses bad arguments with a usage line and exit code 2", async () => {
    const err = await run("npx", ["tsx", "scripts/validate-impact.ts", "--replicates", "0"]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toMatch(/--replicates must be an integer/);
  });
});
