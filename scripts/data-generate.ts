/**
 * npm run data:generate -- --accounts N --months M --seed S [--end YYYY-MM-DD]
 *   [--effect-adoption POINTS] [--effect-expansion PCT] [--effect-churn PCT] [--effect-signals 0..1]
 * Deterministic synthetic customers, learners, progress, usage, health signals and revenue with known
 * training effects, written to the configured database (DATABASE_URL or PGLITE_DIR) in one transaction.
 */
import { parseArgs } from "node:util";
import { prepareDatabase } from "../app/bootstrap.server";
import { generateCustomerData } from "../app/customers/generator/index.server";
import { closeDb } from "../db/index";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "200" },
    months: { type: "string", default: "24" },
    seed: { type: "string", default: "1" },
    end: { type: "string" },
    "effect-adoption": { type: "string" },
    "effect-expansion": { type: "string" },
    "effect-churn": { type: "string" },
    "effect-signals": { type: "string" },
  },
});
const num = (v: string | undefined, name: string) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) {
    console.error(`--${name} must be a number`);
    process.exit(2);
  }
  return n;
};

async function main() {
  const handle = await prepareDatabase({ seed: false, log: () => {}, source: "npm run data:generate" });
  const started = Date.now();
  const result = await generateCustomerData(handle.db, {
    accounts: num(values.accounts, "accounts")!,
    months: num(values.months, "months")!,
    seed: num(values.seed, "seed")!,
    endDate: values.end,
    effects: Object.fromEntries(
      Object.entries({
        adoptionPoints: num(values["effect-adoption"], "effect-adoption"),
        expansionPct: num(values["effect-expansion"], "effect-expansion"),
        churnReductionPct: num(values["effect-churn"], "effect-churn"),
        healthSignals: num(values["effect-signals"], "effect-signals"),
      }).filter(([, v]) => v !== undefined),
    ),
    onProgress: (d, t) => process.stdout.write(`\r  accounts ${d}/${t}`),
  });
  process.stdout.write("\n");
  console.log(JSON.stringify({ ...result, seconds: Math.round((Date.now() - started) / 100) / 10 }, null, 2));
  await closeDb();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
