import { execFile } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { summariseDraws } from "#app/analytics/impact/validate";

const run = promisify(execFile);
// The fields, exactly; then the simulation-study diagnostics (Morris, White & Crowther 2019) as extras.
const REQUIRED = ["name", "truth", "meanEstimate", "bias", "rmse", "coverage", "power", "replicates"];
const EXTRA = [
  "modelSe",
  "intervalSe",
  "empiricalSe",
  "seRatio",
  "biasMcse",
  "coverageMcse",
  "powerMcse",
  "empiricalSeMcse",
  "truthControls",
  "contrastBias",
  "contrastBiasMcse",
];
const FIELDS = [...REQUIRED, ...EXTRA].sort();
const close = (a: unknown, b: number) => expect(Math.abs(Number(a) - b)).toBeLessThan(1e-9);

describe("simulation-study performance measures", () => {
  it("computes bias, coverage, model and empirical SEs and their Monte Carlo SEs by the textbook formulas", () => {
    // Four replicates, by hand: estimates 1, 2, 4, 5 (mean 3), truth 2; SEs 1, 1, 2, 2; CI ± 2 SE.
    const draws = [1, 2, 4, 5].map((estimate, i) => {
      const se = i < 2 ? 1 : 2;
      return {
        estimate,
        low: estimate - 2 * se,
        high: estimate + 2 * se,
        truth: 2,
        se,
        truthControls: 0.5,
        discovered: i > 1,
      };
    });
    const s = summariseDraws("x", draws);
    close(s.bias, 1);
    close(s.rmse, Math.sqrt((1 + 0 + 4 + 9) / 4));
    // Every interval covers the truth 2: [−1, 3], [0, 4], [0, 8], [1, 9].
    close(s.coverage, 1);
    close(s.coverageMcse, 0);
    close(s.power, 0.5);
    close(s.powerMcse, Math.sqrt((0.5 * 0.5) / 4));
    const emp = Math.sqrt((4 + 1 + 1 + 4) / 3);
    close(s.empiricalSe, emp);
    close(s.biasMcse, emp / 2);
    close(s.empiricalSeMcse, emp / Math.sqrt(6));
    close(s.modelSe, Math.sqrt((1 + 1 + 4 + 4) / 4));
    close(s.seRatio, Math.sqrt(2.5) / emp);
    // CI half-width 2 SE read as a normal interval: SE × 2 / 1.96.
    close(s.intervalSe, (Math.sqrt(2.5) * 2) / 1.959963984540054);
    close(s.truthControls, 0.5);
    close(s.contrastBias, 1.5);
    close(s.contrastBiasMcse, emp / 2);
    // One replicate in three misses: the MCSE of coverage is √(c(1 − c)/n).
    const t = summariseDraws("y", [
      { estimate: 0, low: -1, high: 1, truth: 0, se: 0.5, truthControls: null, discovered: false },
      { estimate: 0, low: -1, high: 1, truth: 0, se: 0.5, truthControls: null, discovered: false },
      { estimate: 3, low: 2, high: 4, truth: 0, se: 0.5, truthControls: null, discovered: true },
    ]);
    close(t.coverage, 2 / 3);
    close(t.coverageMcse, Math.sqrt(((2 / 3) * (1 / 3)) / 3));
    expect([t.truthControls, t.contrastBias, t.contrastBiasMcse]).toEqual([null, null, null]);
  });
});

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
    const result = JSON.parse(lines[0]!) as Record<string, Record<string, number | string | null>[]>;
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
        // Diagnostics: Monte Carlo SE of coverage √(c(1 − c)/n); of bias empirical SE/√n; ratio model/empirical SE.
        const n = Number(row.replicates),
          c = Number(row.coverage);
        close(row.coverageMcse, Math.sqrt((c * (1 - c)) / n));
        // (Bias MCSE = SD of estimate − truth over √n; with effects 0 the truth is 0, so it is the empirical SE's.)
        if (section === "null" && row.empiricalSe !== null) close(row.biasMcse, Number(row.empiricalSe) / Math.sqrt(n));
        if (row.modelSe !== null && row.empiricalSe) close(row.seRatio, Number(row.modelSe) / Number(row.empiricalSe));
        if (String(row.name).startsWith("preTrendRejects")) expect(row.modelSe).toBeNull();
        else if (n === 2) expect(Number(row.modelSe)).toBeGreaterThan(0);
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
