/**
 * npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--segment S] [--plan-tier T] [--country C] [--csm NAME]
 *   [--stage onboarding|adoption|expansion] [--language de] [--trained any|adoption|coverage] [--coverage PCT]
 *   [--format json|csv] [--table summary|accounts|cohorts|…] [--rebuild-rollups]
 * The impact report on the configured database (DATABASE_URL, else PGlite at PGLITE_DIR), for scripts
 * and scheduled exports. JSON names each figure plainly; CSV prints one table (same as /report.csv).
 */
import { parseArgs } from "node:util";
import { closeDb, getDbHandle } from "../db/index";
import { runReportQuery } from "../app/analytics/report/json.server";
import { parseReportFilters } from "../app/analytics/report/filters";
import { REPORT_TABLES, reportTableCsv, type ReportTableKey } from "../app/analytics/report/csv";
import { rebuildRollups } from "../app/analytics/rollups/refresh.server";

const USAGE =
  "usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--segment S] [--plan-tier T] [--country C] [--csm NAME] [--stage STAGE] [--language TAG] [--trained any|adoption|coverage] [--coverage PCT] [--format json|csv] [--table NAME] [--rebuild-rollups]";

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        from: { type: "string" },
        to: { type: "string" },
        segment: { type: "string" },
        "plan-tier": { type: "string" },
        country: { type: "string" },
        csm: { type: "string" },
        stage: { type: "string" },
        language: { type: "string" },
        trained: { type: "string" },
        coverage: { type: "string" },
        x: { type: "string" },
        format: { type: "string", default: "json" },
        table: { type: "string", default: "summary" },
        "rebuild-rollups": { type: "boolean", default: false },
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
  if (values.format !== "json" && values.format !== "csv") {
    console.error(`--format must be json or csv\n${USAGE}`);
    return 2;
  }
  if (!(values.table! in REPORT_TABLES)) {
    console.error(`--table must be one of: ${Object.keys(REPORT_TABLES).join(", ")}`);
    return 2;
  }
  const params = new URLSearchParams();
  const put = (k: string, v: string | undefined) => {
    if (v !== undefined) params.set(k, v);
  };
  put("from", values.from);
  put("to", values.to);
  put("segment", values.segment);
  put("planTier", values["plan-tier"]);
  put("country", values.country);
  put("csm", values.csm);
  put("stage", values.stage);
  put("language", values.language);
  put("trained", values.trained);
  put("coverage", values.coverage);
  put("x", values.x);
  // Filters are checked before the database is opened: a typo never waits for PGlite.
  const invalid = parseReportFilters(params);
  if (!invalid.ok) return printFilterErrors(invalid.errors);
  const handle = await getDbHandle();
  if (values["rebuild-rollups"]) await rebuildRollups(handle.db, { log: (m) => console.error(m) });
  // The same function GET /api/v1/report answers with: both print the same JSON.
  const result = await runReportQuery(handle.db, params);
  if (!result.ok) {
    if (result.kind === "invalid") return printFilterErrors(result.errors);
    if (result.kind === "computing") throw new Error("the CLI computes the report itself");
    console.error(result.message);
    if (result.suggested)
      console.error(`The data covers, for example: --from ${result.suggested.from} --to ${result.suggested.to}`);
    return 2;
  }
  process.stdout.write(
    values.format === "json"
      ? `${JSON.stringify(result.summary, null, 2)}\n`
      : reportTableCsv(result.report, values.table as ReportTableKey),
  );
  return 0;
}

function printFilterErrors(errors: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(errors)) console.error(`--${k === "planTier" ? "plan-tier" : k}: ${v}`);
  return 2;
}

main()
  .then(async (code) => {
    await closeDb();
    process.exitCode = code;
  })
  .catch(async (err) => {
    console.error(err instanceof Error ? err.message : err);
    await closeDb().catch(() => {});
    process.exitCode = 1;
  });
