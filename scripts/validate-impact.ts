/**
 * npm run validate:impact -- --replicates R --accounts N --seed S [--months M] [--format json|text] [--demo]
 * --demo: the first start's demo instead of the generator's defaults (its size, stronger planted effects and
 * training window, app/customers/generator/demo.ts), estimating the cohorts of the report's default period.
 * Simulates R generated customer bases in memory (with the planted effects, and again with every
 * effect 0), runs the impact report's estimators on each and prints, per estimand: truth, mean
 * estimate, bias, RMSE, 95% CI coverage and power (app/analytics/impact/validate.ts), with the
 * simulation-study diagnostics of Morris, White & Crowther (2019): Monte Carlo SEs of bias and coverage
 * (±MC), mean model SE vs the empirical SE of the estimates and their ratio, and the interval's SE (CI SE);
 * "ctl eff": planted effects the comparison accounts received, "DiD bias": bias against truth − ctl eff.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadContent } from "../app/content/load.server";
import { validateImpact, type EstimandSummary } from "../app/analytics/impact/validate";
import { DEFAULT_EFFECTS } from "../app/customers/generator/profile";
import { DEMO_COHORT_MONTHS, DEMO_DATA } from "../app/customers/generator/demo";

const USAGE =
  "usage: npm run validate:impact -- --replicates R --accounts N --seed S [--months M] [--format json|text] [--partial FILE] [--demo]";

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        replicates: { type: "string", default: "10" },
        accounts: { type: "string" },
        seed: { type: "string", default: "1" },
        months: { type: "string", default: "24" },
        partial: { type: "string" },
        format: { type: "string", default: "text" },
        demo: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : err}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const int = (v: string | undefined, name: string, min: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}`);
    return n;
  };
  if (values.format !== "json" && values.format !== "text") throw new UsageError("--format must be json or text");
  const replicates = int(values.replicates, "replicates", 1),
    accounts = int(values.accounts ?? String(values.demo ? DEMO_DATA.accounts : 800), "accounts", 20);
  const demo = values.demo
    ? {
        effects: { ...DEFAULT_EFFECTS, ...DEMO_DATA.effects },
        trainingWindow: DEMO_DATA.trainingWindow,
        cohortMonths: DEMO_COHORT_MONTHS,
      }
    : {};
  const seed = int(values.seed, "seed", 0),
    months = int(values.months, "months", 12);

  const { courses: sources, problems } = await loadContent(path.resolve(process.env.CONTENT_DIR ?? "content"));
  if (problems.length) console.error(`content: ${problems.length} problem(s); courses with problems are left out`);
  const courses = sources
    .filter((c) => c.frontmatter.status === "published")
    .map((c) => ({
      id: c.frontmatter.id,
      title: c.frontmatter.title,
      stage: c.frontmatter.stage,
      features: [...c.frontmatter.features],
      lessonIds: c.lessons.map((l) => l.frontmatter.id),
    }));
  const started = Date.now();
  const result = validateImpact({
    replicates,
    accounts,
    seed,
    months,
    courses,
    ...demo,
    onReplicate: (d, t, partial) => {
      if (values.format === "text") process.stderr.write(`\r  replicate ${d}/${t}`);
      // --partial FILE: the summary so far after every replicate (a long run on a shared machine keeps what it did).
      if (values.partial)
        fs.writeFileSync(
          values.partial,
          `${JSON.stringify({ replicatesDone: d, seconds: (Date.now() - started) / 1000, ...partial() })}\n`,
        );
    },
  });
  const seconds = (Date.now() - started) / 1000;
  if (values.format === "json") {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  }
  process.stderr.write("\n");
  const table = (title: string, rows: EstimandSummary[]) => {
    console.log(`\n${title}`);
    const head = ["estimand".padEnd(34), "truth", "mean est", "bias", "±MC", "RMSE", "coverage", "±MC", "power"];
    console.log([...head, "n", "model SE", "emp SE", "ratio", "CI SE", "ctl eff", "DiD bias", "±MC"].join("\t"));
    const f = (x: number | null, d = 3) => (x === null ? "–" : x.toFixed(d));
    for (const r of rows)
      console.log(
        [
          r.name.padEnd(34),
          ...[r.truth, r.meanEstimate, r.bias, r.biasMcse, r.rmse].map((x) => f(x)),
          ...[r.coverage, r.coverageMcse, r.power].map((x) => f(x, 2)),
          r.replicates,
          ...[r.modelSe, r.empiricalSe, r.seRatio, r.intervalSe].map((x) => f(x)),
          ...[r.truthControls, r.contrastBias, r.contrastBiasMcse].map((x) => f(x)),
        ].join("\t"),
      );
  };
  table(
    `With the planted effects${values.demo ? " of the demo, cohorts of the last 12 months" : ""} (${replicates} replicates × ${accounts} accounts × ${months} months, seed ${seed})`,
    result.estimands,
  );
  table("With every effect 0 (power = false positives; per course: BH discoveries)", result.null);
  console.log(`\n${seconds.toFixed(1)} s`);
  return 0;
}

class UsageError extends Error {}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((err) => {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    console.error(err instanceof Error ? err.stack : err);
    process.exitCode = 1;
  });
