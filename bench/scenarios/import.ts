import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DbHandle } from "../../db/client";
import { runImport } from "../../app/customers/import/engine.server";

export interface ImportBenchResult { rows: number; seconds: number; rowsPerSec: number; peakRssMb: number; baselineRssMb: number; fileMb: number }

/** Writes an N-row usage CSV for existing subscriptions, then imports it while sampling RSS. */
export async function benchImport(handle: DbHandle, rows: number, subscriptionIds: string[]): Promise<ImportBenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-bench-import-"));
  const file = path.join(dir, "usage.csv");
  const out = fs.createWriteStream(file);
  out.write("usage_id,subscription_id,usage_date,feature_name,usage_count,usage_duration_secs\n");
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, "0");
    const month = String(1 + ((i >> 5) % 12)).padStart(2, "0");
    if (!out.write(`B-${i},${subscriptionIds[i % subscriptionIds.length]},2025-${month}-${day},feature_${i % 20},${i % 50},${i % 3600}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  const started = performance.now();
  try {
    const r = await runImport(handle.db, { kind: "feature_usage", filePath: file, source: "bench" });
    if (r.status !== "committed") throw new Error(`bench import ${r.status}: ${JSON.stringify(r.errors.slice(0, 3))}`);
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const fileMb = fs.statSync(file).size / 2 ** 20;
  fs.rmSync(dir, { recursive: true, force: true });
  return { rows, seconds: Math.round(seconds * 10) / 10, rowsPerSec: Math.round(rows / seconds), peakRssMb: Math.round(peak / 2 ** 20), baselineRssMb: Math.round(baseline / 2 ** 20), fileMb: Math.round(fileMb) };
}
