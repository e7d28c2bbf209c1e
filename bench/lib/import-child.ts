/**
 * Runs one CSV import in a process of its own, so its peak memory is the importer's alone:
 * prints { seconds, status, baselineRssMb, peakRssMb } as JSON, peak from the kernel's VmHWM.
 * Usage: tsx bench/lib/import-child.ts <kind> <file.csv>   (database from DATABASE_URL / PGLITE_DIR)
 */
import fs from "node:fs";
import { createDb } from "../../db/client";
import { targetFromEnv } from "../../db/index";
import { runImport } from "../../app/customers/import/engine.server";

const kib = (field: string) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync("/proc/self/status", "utf8"))?.[1] ?? 0);
const mb = (k: number) => Math.round(k / 1024);

async function main() {
  const [kind, file] = process.argv.slice(2);
  const handle = await createDb(targetFromEnv());
  const baseline = kib("VmRSS");
  const started = performance.now();
  const result = await runImport(handle.db, { kind: kind!, filePath: file!, source: "bench" });
  const seconds = (performance.now() - started) / 1000;
  await handle.close();
  console.log(
    JSON.stringify({
      seconds,
      status: result.status,
      errors: result.errors.slice(0, 3),
      baselineRssMb: mb(baseline),
      peakRssMb: mb(kib("VmHWM")),
    }),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
