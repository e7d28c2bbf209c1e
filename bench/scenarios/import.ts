import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";

export interface ImportBenchResult {
  rows: number;
  seconds: number;
  rowsPerSec: number;
  peakRssMb: number;
  baselineRssMb: number;
  fileMb: number;
}

/** An N-row usage CSV for existing subscriptions. */
export async function writeUsageCsv(file: string, rows: number, subscriptionIds: string[]) {
  const out = fs.createWriteStream(file);
  out.write("usage_id,subscription_id,usage_date,feature_name,usage_count,usage_duration_secs\n");
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const month = String(1 + ((i >> 5) % 12)).padStart(2, "0");
    if (
      !out.write(
        `B-${i},${subscriptionIds[i % subscriptionIds.length]},2025-${month}-${day},feature_${i % 20},${i % 50},${i % 3600}\n`,
      )
    )
      await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

/** Writes an N-row usage CSV for existing subscriptions, then imports it with the real engine in a child process. */
export async function benchImport(
  env: Record<string, string>,
  rows: number,
  subscriptionIds: string[],
): Promise<ImportBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-bench-import-"));
  const file = path.join(dir, "usage.csv");
  await writeUsageCsv(file, rows, subscriptionIds);
  // The import runs in a child process (the benchmark's own memory is not the importer's), on the
  // same database; the child reports its peak RSS from the kernel (VmHWM).
  const child = spawnSync("npx", ["tsx", "bench/lib/import-child.ts", "feature_usage", file], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 16 * 2 ** 20,
  });
  if (child.status !== 0) throw new Error(`bench import failed:\n${child.stderr}`);
  const r = JSON.parse(child.stdout.trim().split("\n").pop()!) as {
    seconds: number;
    status: string;
    errors: unknown[];
    baselineRssMb: number;
    peakRssMb: number;
  };
  if (r.status !== "committed") throw new Error(`bench import ${r.status}: ${JSON.stringify(r.errors)}`);
  const seconds = r.seconds;
  const fileMb = fs.statSync(file).size / 2 ** 20;
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    rows,
    seconds: Math.round(seconds * 10) / 10,
    rowsPerSec: Math.round(rows / seconds),
    peakRssMb: r.peakRssMb,
    baselineRssMb: r.baselineRssMb,
    fileMb: Math.round(fileMb),
  };
}
