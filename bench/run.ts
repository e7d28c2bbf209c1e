/**
 * npm run bench — measured speed against a production build on 127.0.0.1 (never part of npm test).
 * Runs on PGlite, or on PostgreSQL when DATABASE_URL is set (a fresh `uplift_bench` database is made).
 * Options: --seconds N (per load run, default 10), --only a,b (lesson,writes,content,weight,report,import,responsive),
 * --workers N (server processes, WEB_CONCURRENCY; PostgreSQL only, default 1),
 * --report-database NAME (PostgreSQL: measure the report and insights pages on this existing database,
 * e.g. one filled by `npm run data:generate -- --accounts 10000 --months 24 --seed 7`, instead of
 * generating 10,000 accounts first). BENCH_DB_PREFIX prefixes the databases the bench creates.
 * Prints a table and writes bench/results.json. BENCH_CPU_PROF=dir profiles the server (lib/server.ts).
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { courses, lessonProgress, lessons, users, accounts } from "../db/schema/index";
import { seedDemo } from "../db/seed/demo";
import { hashPassword } from "../app/auth/password.server";
import { syncContent } from "../app/content/sync.server";
import { freshDatabase } from "./lib/database";
import { startServer } from "./lib/server";
import type { CpuPerRequest } from "./lib/cpu";
import { createSessions } from "./lib/session";
import { benchLessonPage } from "./scenarios/lesson-page";
import { benchProgressWrites, warmBareAction } from "./scenarios/progress-writes";
import { benchContentBuild } from "./scenarios/content-build";
import { measurePageWeight } from "./scenarios/page-weight";
import { benchImport } from "./scenarios/import";
import { benchImportResponsiveness } from "./scenarios/import-responsiveness";
import { benchInsightsPages, benchReport, scanFloor } from "./scenarios/report";
import { subscriptionLines } from "../db/schema/index";
import { generateCustomerData } from "../app/customers/generator/index.server";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const seconds = Number(arg("seconds") ?? 10);
const only = arg("only")?.split(",");
const want = (s: string) => !only || only.includes(s);
const SECRET = "bench-session-secret-0123456789";
const PORT = Number(arg("port") ?? 3190);
const LEARNERS = 4000;
const WORKERS = Number(arg("workers") ?? 1);

type Row = { benchmark: string; value: string; reference: string; ratio: string; target: string };
const rows: Row[] = [];
const results: Record<string, unknown> = {};
/** Server CPU per request, and on PostgreSQL the database backends' (PGlite runs inside the server). */
const cpuText = (c: CpuPerRequest, kind: string) =>
  `${kind === "postgres" ? `${c.serverMs} server + ${c.databaseMs} db` : `${c.serverMs}`} (load gen ${c.loadGeneratorMs})`;
const pct = (a: number, b: number) => (b > 0 ? `${Math.round((a / b) * 100)}%` : "n/a");

async function main() {
  console.log("building the production bundle…");
  execSync("npx remix build", { stdio: "ignore" });
  const db = await freshDatabase(arg("db-name") ?? "uplift_bench"); // --db-name: several people benchmarking on one PostgreSQL
  const serverProcesses = db.kind === "postgres" ? WORKERS : 1; // PGlite allows one process
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    database: db.kind,
    serverProcesses,
  };
  console.log(
    `machine: ${machine.cpus} CPUs, Node ${machine.node}, database ${db.kind}, ${serverProcesses} server process(es)`,
  );

  // Prepare data in this process, then hand the database to the server (PGlite allows one process).
  const handle = await db.open();
  const sync = await syncContent(handle.db, { contentDir: "content", cacheDir: "bench/tmp/mdx-cache" });
  if (sync.problems.length) throw new Error("content has problems; run npm run content:check");
  await seedDemo(handle.db, hashPassword);
  const [acme] = await handle.db.select().from(accounts).where(eq(accounts.externalId, "ACME-001"));
  const learnerRows: { id: string }[] = [];
  for (let i = 0; i < LEARNERS; i += 1000) {
    learnerRows.push(
      ...(await handle.db
        .insert(users)
        .values(
          Array.from({ length: Math.min(1000, LEARNERS - i) }, (_, j) => ({
            email: `bench-${i + j}@acme.example`,
            name: `Bench ${i + j}`,
            role: "learner" as const,
            accountId: acme!.id,
          })),
        )
        .returning({ id: users.id })),
    );
  }
  const cookies = await createSessions(
    handle.db,
    learnerRows.map((r) => r.id),
    SECRET,
  );
  const plainLessons = await handle.db
    .select({ id: lessons.id, courseId: lessons.courseId })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    // Courses without prerequisites: a bench learner has completed nothing, so any other course is locked.
    .where(
      and(
        isNull(lessons.quiz),
        isNull(lessons.archivedAt),
        eq(courses.status, "published"),
        sql`cardinality(${courses.prerequisites}) = 0`,
      ),
    )
    // The same lesson page every run (the first in catalog order), so runs compare like with like.
    .orderBy(courses.position, courses.id, lessons.position);
  await handle.close();
  if (!plainLessons.length) throw new Error("no lesson without a quiz to benchmark");
  const lessonPath = `/courses/${plainLessons[0]!.courseId}/${plainLessons[0]!.id}`;

  const server = await startServer(
    { ...db.serverEnv, SESSION_SECRET: SECRET, DATA_DIR: "bench/tmp/data", WEB_CONCURRENCY: String(serverProcesses) },
    PORT,
  );
  let accepted = 0;
  let acceptedKeys: string[] = [];
  try {
    if (want("lesson") || want("weight")) {
      console.log(`lesson page vs bare route vs static file (${seconds}s each, 32 connections)…`);
      const r = await benchLessonPage(server.url, lessonPath, cookies[0]!, seconds, server.pid);
      results.lessonPage = { lesson: r.lesson, bareRoute: r.bare, staticFile: r.staticFile };
      rows.push({
        benchmark: "Lesson page req/s",
        value: String(r.lesson.requestsPerSec),
        reference: `bare route ${r.bare.requestsPerSec}`,
        ratio: r.bare.requestsPerSec ? `${(r.lesson.requestsPerSec / r.bare.requestsPerSec).toFixed(2)}×` : "n/a",
        target: "≥ 0.40× bare",
      });
      rows.push({
        benchmark: "Lesson page vs static file",
        value: String(r.lesson.requestsPerSec),
        reference: `static ${r.staticFile.requestsPerSec}`,
        ratio: pct(r.lesson.requestsPerSec, r.staticFile.requestsPerSec),
        target: "—",
      });
      if (r.lesson.cpu && r.bare.cpu) {
        rows.push({
          benchmark: "Lesson page CPU ms/request",
          value: cpuText(r.lesson.cpu, db.kind),
          reference: `bare ${cpuText(r.bare.cpu, db.kind)}`,
          ratio: pct(r.lesson.cpu.serverMs, r.bare.cpu.serverMs),
          target: "—",
        });
      }
      rows.push({
        benchmark: "Lesson page p50 / p99 ms",
        value: `${r.lesson.p50} / ${r.lesson.p99}`,
        reference: `bare ${r.bare.p50} / ${r.bare.p99}`,
        ratio: pct(r.lesson.p99, r.bare.p99),
        target: "—",
      });
      if (want("weight")) {
        const w = await measurePageWeight(server.url, r.html, cookies[0]!);
        results.pageWeight = w;
        rows.push({
          benchmark: "Lesson page JS / CSS (gzip)",
          value: `${(w.jsBytesGzip / 1024).toFixed(1)} KiB / ${(w.cssBytesGzip / 1024).toFixed(1)} KiB`,
          reference: `HTML ${(w.htmlBytesGzip / 1024).toFixed(1)} KiB`,
          ratio: pct(w.jsBytesGzip + w.cssBytesGzip, w.htmlBytesGzip),
          target: "—",
        });
        rows.push({
          benchmark: "Lesson page app JS without content (gzip)",
          value: `${(w.appJsBytesGzip / 1024).toFixed(1)} KiB (${w.appJsBytesGzip} B)`,
          reference: `content script ${w.jsBytesGzip - w.appJsBytesGzip} B; incl. route manifest ${w.manifestBytesGzip} B`,
          ratio: "—",
          target: "≤ 100 KiB gzip, with the route manifest",
        });
      }
    }
    if (want("writes")) {
      console.log(`progress writes by ${LEARNERS} distinct learners (${seconds}s)…`);
      // The data request a JavaScript-enabled browser sends when the "Mark complete" form submits.
      const dataParam = `?_data=${encodeURIComponent("routes/courses.$courseId.$lessonId")}`;
      const pairs = cookies.flatMap((cookie, i) =>
        plainLessons.map((l) => ({
          cookie,
          path: `/courses/${l.courseId}/${l.id}${dataParam}`,
          key: `${learnerRows[i]!.id}:${l.id}`,
        })),
      );
      // Interleave so consecutive requests come from different learners.
      pairs.sort((a, b) => a.path.localeCompare(b.path));
      // Warm the shared action path (middleware, Remix) first, as the lesson scenario warms its targets.
      await warmBareAction(server.url, cookies[0]!, 3);
      const { writes: w, bareAction } = await benchProgressWrites(server.url, pairs, cookies[0]!, seconds, server.pid);
      accepted = w.accepted;
      acceptedKeys = w.acceptedKeys;
      results.progressWrites = {
        completionsPerSec: w.completionsPerSec,
        accepted: w.accepted,
        sent: w.sent,
        errors: w.errors,
        p99: w.p99,
        cpu: w.cpu,
        bareAction,
      };
    }
  } finally {
    await server.stop();
  }
  if (want("writes")) {
    const after = await db.open();
    // Every accepted completion must be in the database (requests still in flight at the end may add more).
    const stored = await after.db
      .select({ userId: lessonProgress.userId, lessonId: lessonProgress.lessonId })
      .from(lessonProgress)
      .where(
        and(
          eq(lessonProgress.status, "completed"),
          inArray(
            lessonProgress.userId,
            learnerRows.map((r) => r.id),
          ),
        ),
      );
    await after.close();
    const storedKeys = new Set(stored.map((r) => `${r.userId}:${r.lessonId}`));
    const lost = acceptedKeys.filter((k) => !storedKeys.has(k)).length;
    const w = results.progressWrites as {
      completionsPerSec: number;
      p99: number;
      sent: number;
      cpu: CpuPerRequest | null;
      bareAction: { requestsPerSec: number; cpu: CpuPerRequest | null };
    };
    Object.assign(results.progressWrites as object, { countedInDatabase: stored.length, lost });
    rows.push({
      benchmark: "Lesson completions/s (HTTP)",
      value: String(w.completionsPerSec),
      reference: `bare action ${w.bareAction.requestsPerSec}/s; ${accepted} accepted, ${stored.length} stored, ${w.sent} sent`,
      ratio: `${pct(w.completionsPerSec, w.bareAction.requestsPerSec)}, ${lost === 0 ? "nothing lost" : `LOST ${lost}`}`,
      target: "≥ 200/s on PostgreSQL, nothing lost",
    });
    if (w.cpu && w.bareAction.cpu) {
      rows.push({
        benchmark: "Completion CPU ms/request",
        value: cpuText(w.cpu, db.kind),
        reference: `bare action ${cpuText(w.bareAction.cpu, db.kind)}`,
        ratio: pct(w.cpu.serverMs, w.bareAction.cpu.serverMs),
        target: "—",
      });
    }
  }
  if (want("content")) {
    console.log("content build: cold and warm, 300 generated lessons…");
    const c = await benchContentBuild(300);
    results.contentBuild = c;
    rows.push({
      benchmark: "Content build 300 lessons cold / warm",
      value: `${c.coldMs} ms / ${c.warmMs} ms`,
      reference: `compiled ${c.coldCompiled} cold, ${c.warmCompiled} warm`,
      ratio: pct(c.warmMs, c.coldMs),
      target: "warm compiles 0",
    });
  }

  if (want("report")) {
    const reportAccounts = Number(arg("report-accounts") ?? 10_000);
    const months = Number(arg("report-months") ?? 24);
    const reuse = arg("report-database");
    const rdb = await freshDatabase(reuse ?? "uplift_bench_report", { keep: !!reuse });
    const h = await rdb.open();
    const sync2 = await syncContent(h.db, { contentDir: "content", cacheDir: "bench/tmp/mdx-cache" });
    if (sync2.problems.length) throw new Error("content has problems");
    await seedDemo(h.db, hashPassword);
    let generateSeconds: number | null = null;
    if (!reuse) {
      console.log(`impact report: generating ${reportAccounts.toLocaleString("en")} accounts × ${months} months…`);
      const t = performance.now();
      // A fixed window, so the report period below falls inside it whatever today's date.
      await generateCustomerData(h.db, {
        accounts: reportAccounts,
        months,
        seed: 2026,
        endDate: "2026-10-31",
        onProgress: (d, n) => process.stdout.write(`\r  accounts ${d}/${n}`),
      });
      process.stdout.write("\n");
      generateSeconds = Math.round((performance.now() - t) / 100) / 10;
    } else console.log(`impact report and insights: on the existing database ${reuse}`);
    const [cs] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "cs@uplift.example"));
    const [csCookie] = await createSessions(h.db, [cs!.id], SECRET);
    const floor = await scanFloor(h);
    await h.close(); // PGlite: one process at a time
    const srv = await startServer({ ...rdb.serverEnv, SESSION_SECRET: SECRET, DATA_DIR: "bench/tmp/data" }, PORT + 1);
    try {
      const r = await benchReport(srv.url, csCookie!, floor);
      const pages = await benchInsightsPages(srv.url, csCookie!);
      results.report = { ...r, generateSeconds, insights: pages };
      const size = `${r.accounts.toLocaleString("en")} accounts, ${r.progressRows.toLocaleString("en")} progress rows`;
      rows.push({
        benchmark: `Impact report, ${size}`,
        value: `cold ${r.coldMs} ms, warm p50 ${r.warm.p50} / p95 ${r.warm.p95} ms`,
        reference: `count(*) scan ${r.scanFloorMs} ms`,
        ratio: `${(r.warm.p95 / Math.max(r.scanFloorMs, 0.1)).toFixed(2)}× scan`,
        target: "warm p95 ≤ 300 ms, cold ≤ 5 s",
      });
      for (const p of pages)
        rows.push({
          benchmark: `Insights ${p.path}, ${size}`,
          value: `cold ${p.coldMs} ms, warm p50 ${p.warm.p50} / p95 ${p.warm.p95} ms`,
          reference: `count(*) scan ${r.scanFloorMs} ms`,
          ratio: `${(p.warm.p95 / Math.max(r.scanFloorMs, 0.1)).toFixed(2)}× scan`,
          target: "warm p95 ≤ 300 ms, cold ≤ 5 s",
        });
    } finally {
      await srv.stop();
    }
  }

  if (want("import")) {
    const importRows = Number(arg("import-rows") ?? 1_000_000);
    console.log(`import: ${importRows.toLocaleString("en")} usage rows from CSV…`);
    const h = await db.open();
    await generateCustomerData(h.db, { accounts: 50, months: 6, seed: 99 });
    const subs = (await h.db.select({ ext: subscriptionLines.externalId }).from(subscriptionLines)).map((r) => r.ext);
    await h.close(); // the import runs in a child process (PGlite: one process at a time)
    const r = await benchImport(db.serverEnv, importRows, subs);
    results.import = r;
    rows.push({
      benchmark: `Import ${importRows.toLocaleString("en")} usage rows`,
      value: `${r.rowsPerSec.toLocaleString("en")} rows/s, ${r.seconds} s`,
      reference: `peak RSS ${r.peakRssMb} MB (baseline ${r.baselineRssMb} MB), file ${r.fileMb} MB`,
      ratio: `${Math.round((r.rowsPerSec / 50_000) * 100)}% of target`,
      target: "≥ 50k rows/s, RSS < 400 MB",
    });
  }

  if (want("responsive")) {
    const importRows = Number(arg("responsive-rows") ?? 300_000);
    console.log(`server responsiveness during a ${importRows.toLocaleString("en")}-row import through the admin UI…`);
    const h = await db.open();
    // Subscriptions for the rows (the import scenario makes the same ones; either may run alone).
    if (!(await h.db.select({ ext: subscriptionLines.externalId }).from(subscriptionLines).limit(1)).length)
      await generateCustomerData(h.db, { accounts: 50, months: 6, seed: 99 });
    const subs = (await h.db.select({ ext: subscriptionLines.externalId }).from(subscriptionLines)).map((r) => r.ext);
    const [cs] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "cs@uplift.example"));
    const [csCookie] = await createSessions(h.db, [cs!.id], SECRET);
    await h.close();
    const srv = await startServer({ ...db.serverEnv, SESSION_SECRET: SECRET, DATA_DIR: "bench/tmp/data" }, PORT + 2);
    try {
      const r = await benchImportResponsiveness(srv.url, csCookie!, importRows, subs).catch((err: unknown) => {
        throw new Error(`${err instanceof Error ? err.message : err}\nserver log:\n${srv.log().slice(-3000)}`);
      });
      results.importResponsiveness = r;
      rows.push({
        benchmark: `Import responsiveness: /healthz during a ${importRows.toLocaleString("en")}-row import`,
        // A failed request (e.g. 408 after a long stall) is a finding, reported beside the latencies.
        value: `p99 ${r.healthz.p99} ms (p50 ${r.healthz.p50}, max ${r.healthz.max}, n ${r.healthz.samples}${r.failedRequests ? `, ${r.failedRequests} failed` : ""})`,
        reference: `progress page p99 ${r.progressPage.p99} ms (max ${r.progressPage.max}, n ${r.progressPage.samples}); import ${r.importSeconds} s via admin UI`,
        ratio: `${pct(r.healthz.p99, 1000)} of target`,
        target: "p99 ≤ 1 s",
      });
    } finally {
      await srv.stop();
    }
  }

  console.table(rows);
  fs.mkdirSync("bench", { recursive: true });
  const file = path.join("bench", db.kind === "postgres" ? "results.postgres.json" : "results.json");
  fs.writeFileSync(file, JSON.stringify(mergeResults(file, { machine, seconds, results, rows }), null, 2));
  console.log(`wrote ${file}${only ? ` (updated: ${only.join(", ")}; other scenarios kept from earlier runs)` : ""}`);
}

const SCENARIO_OF_RESULT: Record<string, string> = {
  lessonPage: "lesson",
  pageWeight: "weight",
  progressWrites: "writes",
  contentBuild: "content",
  report: "report",
  import: "import",
  importResponsiveness: "responsive",
};
const SCENARIO_ORDER = ["lesson", "weight", "writes", "content", "report", "import", "responsive"];
/** Which scenario a table row belongs to; a row no prefix names is an error, never silently kept. */
function scenarioOfRow(benchmark: string) {
  if (benchmark.startsWith("Lesson page JS")) return "weight";
  if (benchmark.startsWith("Lesson page")) return "lesson";
  if (benchmark.startsWith("Lesson completions") || benchmark.startsWith("Completion")) return "writes";
  if (benchmark.startsWith("Content build")) return "content";
  if (benchmark.startsWith("Impact report") || benchmark.startsWith("Insights")) return "report";
  if (benchmark.startsWith("Import responsiveness")) return "responsive";
  if (benchmark.startsWith("Import")) return "import";
  throw new Error(`bench row "${benchmark}" belongs to no scenario: name it in scenarioOfRow`);
}

/**
 * A run with --only updates those scenarios and keeps the others from the previous results file
 * (each scenario records when it was measured), so one slow scenario can be re-run on its own.
 */
function mergeResults(
  file: string,
  run: { machine: object; seconds: number; results: Record<string, unknown>; rows: Row[] },
) {
  const now = new Date().toISOString();
  type Saved = {
    results?: Record<string, unknown>;
    table?: Row[];
    scenarioMeasuredAt?: Record<string, string>;
    seconds?: number;
  };
  const before: Saved = only && fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Saved) : {};
  const ran = new Set(Object.keys(run.results).map((k) => SCENARIO_OF_RESULT[k]!));
  const measuredAt = { ...(before.scenarioMeasuredAt ?? {}) };
  for (const sc of ran) measuredAt[sc] = now;
  const kept = (before.table ?? []).filter((r) => !ran.has(scenarioOfRow(r.benchmark)));
  const table = [...kept, ...run.rows].sort(
    (a, b) => SCENARIO_ORDER.indexOf(scenarioOfRow(a.benchmark)) - SCENARIO_ORDER.indexOf(scenarioOfRow(b.benchmark)),
  );
  return {
    measuredAt: now,
    scenarioMeasuredAt: measuredAt,
    machine: run.machine,
    seconds: run.seconds,
    results: { ...(before.results ?? {}), ...run.results },
    table,
  };
}

main()
  .then(() => process.exit(0))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
