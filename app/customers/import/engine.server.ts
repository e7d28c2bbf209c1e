import type { z } from "zod";
import { isSingleSession, type Db, type Tx } from "#db/index";
import {
  accountCourse,
  accountMonth,
  accounts,
  auditLog,
  featureUsageMonthly,
  imports,
  subscriptionLines,
} from "#db/schema/index";
import { analyzeTables } from "#db/analyze";
import type { DateFormat } from "./fields";
import { RowValidator, type Parents, type RowError } from "./validate-row";
import { autoMap, KINDS, type KindSpec } from "./kinds";
import { WRITERS, type TableRow, type Writer } from "./writers.server";
import { finishImport } from "./finish.server";
import { openStagedUpsert } from "#db/staged-upsert";
import { openDeferredUpsert } from "#db/deferred-upsert";
import { pausingTransaction } from "#db/pausing-transaction";
import { columnProblems, storableError } from "./column-limits.server";
import { csvProblem, openCsv, readCsvHeaders } from "./csv-source.server";
import { describeError, humanImportFailure, recordFailedImport } from "./failures.server";
import { scheduleViewWarmUp } from "#app/analytics/report/warm-up.server";

export interface ImportOptions {
  kind: string;
  filePath: string;
  fileName?: string;
  mapping?: Record<string, string>;
  dateFormat?: DateFormat;
  skipInvalid?: boolean;
  /** Validate only: report errors, write nothing, record nothing. */
  dryRun?: boolean;
  source?: string;
  userId?: string | null;
  log?: (message: string) => void;
  onProgress?: (p: ImportProgress) => void;
}
/**
 * "reading": rows are checked (and, unless a dry run, written in the import's transaction) as the file
 * streams by; `fraction` is the share of the file's bytes read so far. "finishing": the last chunk is
 * merged, derived data (usage rollup, churn rule, the report's rollups) recomputed, the import recorded.
 */
export interface ImportProgress {
  phase: "reading" | "finishing";
  rows: number;
  fraction: number;
}
export interface ImportResult {
  importId: string;
  status: "committed" | "rejected" | "failed";
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  errors: RowError[];
  mapping: Record<string, string>;
}

/** Rows per COPY chunk: big enough that per-statement costs vanish, small enough to stay in temp buffers. */
const CHUNK_ROWS = 20_000;
/** Single-session databases: rows per step, each a short hold of the session (writeInSteps). */
const STEP_ROWS = 5_000;
/** Single-session databases: staged rows merged per statement of the final transaction (writeInSteps). */
const MERGE_ROWS = 2_500;
/** Single-session databases: accounts per step of the final transaction's rollup refreshes (writeInSteps). */
const STEP_ACCOUNTS = 5;
type FinishSteps = { pause: () => Promise<void>; accountsPerStep: number };
const MAX_STORED_ERRORS = 5000;

/** The file's CSV records, decoded (csv-source.server.ts), and how far into the file (0…1 of its bytes) the reader has got. */
const csvStream = (filePath: string) => openCsv(filePath);

/** The header row; refuses binary files, duplicate names and too many columns (CsvFileProblem). */
export async function readHeaders(filePath: string): Promise<string[]> {
  return (await readCsvHeaders(filePath)).headers;
}

export async function loadParents(db: Db, spec: KindSpec): Promise<Parents> {
  const parents: Parents = { accounts: new Map(), subscriptions: new Map() };
  if (spec.parent === "none") return parents;
  for (const a of await db.select({ id: accounts.id, ext: accounts.externalId }).from(accounts))
    parents.accounts.set(a.ext, a.id);
  if (spec.parent === "account-or-subscription") {
    for (const s of await db
      .select({ ext: subscriptionLines.externalId, accountId: subscriptionLines.accountId })
      .from(subscriptionLines))
      parents.subscriptions.set(s.ext, s.accountId);
  }
  return parents;
}

/** What one streaming pass over the file found. */
interface Scan {
  total: number;
  rejected: number;
  errors: RowError[];
}

interface ScanContext<S extends z.AnyZodObject, R extends TableRow> {
  writer: Writer<S, R>;
  headers: string[];
  index: Map<string, number>;
  mapping: Record<string, string>;
  parents: Parents;
  dateFormat: DateFormat;
  filePath: string;
}

/**
 * Streams the file once, validating every row (types, parents, duplicate natural keys) and handing
 * each accepted row to `accept`, awaited, so a slow database slows the reader (backpressure). With
 * `stopAtFirstError`, rows after the first invalid one are still checked (every error is reported)
 * but no longer accepted: the import is going to be rejected and rolled back anyway.
 */
async function scanFile<S extends z.AnyZodObject, R extends TableRow>(
  ctx: ScanContext<S, R>,
  opts: { stopAtFirstError: boolean; onProgress?: ImportOptions["onProgress"] },
  accept?: (row: R, accountId: string | null) => Promise<void> | undefined,
): Promise<Scan> {
  const { writer, headers, index, mapping, parents, dateFormat } = ctx;
  const validator = new RowValidator(writer.spec, headers, index, mapping, parents, dateFormat);

  const errors: RowError[] = [];
  // This row's errors (emptied for each row; what is kept is copied into `errors`).
  const rowErrors: RowError[] = [];
  // Every natural key seen, with its row: the one thing held per row, to name both rows of a duplicate.
  const seenKeys = new Map<string, number>();
  let total = 0,
    rejected = 0,
    first = true;
  const csv = csvStream(ctx.filePath);
  opts.onProgress?.({ phase: "reading", rows: 0, fraction: 0 });
  for await (const record of csv.records) {
    if (first) {
      first = false;
      continue;
    }
    total++;
    const rowNo = total + 1; // spreadsheet row number (header is row 1)
    rowErrors.length = 0;
    const typed = validator.validate(record, rowNo, rowErrors);
    let row = typed === null ? null : writer.toRow(typed, validator.accountId);
    // Values the columns cannot hold (32-bit seats, numeric(14,2) MRR, NUL…) are this row's errors, not the database's.
    if (row)
      for (const p of columnProblems(writer.table, row)) {
        rowErrors.push({ row: rowNo, ...p });
        row = null;
      }
    const key = row?.externalId;
    if (row && key) {
      const before = seenKeys.get(key);
      if (before)
        rowErrors.push({ row: rowNo, field: "external_id", message: `duplicate key "${key}" (also on row ${before})` });
      else seenKeys.set(key, rowNo);
    }
    if (rowErrors.length) {
      rejected++;
      if (errors.length < MAX_STORED_ERRORS)
        errors.push(...rowErrors.map((e) => storableError({ ...e, values: record })));
    } else if (accept && !(opts.stopAtFirstError && rejected)) {
      // Awaited only when the row filled a chunk (the write's backpressure), not once per row.
      const wait = accept(row!, validator.accountId);
      if (wait) await wait;
    }
    if (total % 10_000 === 0) opts.onProgress?.({ phase: "reading", rows: total, fraction: csv.fractionRead() });
  }
  return { total, rejected, errors };
}

/** Thrown inside the write transaction to roll it back when the file has invalid rows. */
class RejectedImport extends Error {
  constructor(readonly scan: Scan) {
    super("import rejected");
  }
}

/**
 * Imports a CSV file all-or-nothing, in ONE pass and ONE transaction: every row is validated as it
 * streams by, and accepted rows are upserted in chunks (COPY into a staging table, then one merge per
 * chunk) while the rest of the file is still being read. Unless every row is valid (or skipInvalid is
 * chosen) the transaction is rolled back at the end, so a rejected file, a crash or a kill leaves the
 * database as it was. Reading the file once instead of twice (validate, then write) is what lets CSV
 * parsing and the database work overlap.
 */
export async function runImport(db: Db, opts: ImportOptions): Promise<ImportResult> {
  const kind = WRITERS[opts.kind];
  if (!kind) throw new Error(`unknown kind "${opts.kind}"; expected one of ${Object.keys(KINDS).join(", ")}`);
  try {
    return await kind.use((writer) => importFile(db, opts, writer));
  } catch (err) {
    // The transaction (if any) is rolled back by now. A file that is not readable CSV is the file's
    // fault: rejected, with the reason. Anything else failed: recorded on its own, told in words.
    const base = {
      kind: opts.kind,
      fileName: opts.fileName ?? opts.filePath.split("/").pop(),
      source: opts.source ?? "cli",
      userId: opts.userId ?? null,
      skipInvalid: !!opts.skipInvalid,
    };
    const none = { rowsTotal: 0, rowsAccepted: 0, rowsRejected: 0, mapping: opts.mapping ?? {} };
    const problem = csvProblem(err);
    if (problem) {
      const errors = [{ row: problem.row, message: problem.message }];
      if (opts.dryRun) return { importId: "", status: "rejected", errors, ...none };
      const [rec] = await db
        .insert(imports)
        .values({ ...base, status: "rejected", errors, finishedAt: new Date() })
        .returning({ id: imports.id });
      await db.insert(auditLog).values({
        actorUserId: base.userId,
        action: "import.rejected",
        target: rec!.id,
        details: { kind: opts.kind, errors: 1 },
      });
      return { importId: rec!.id, status: "rejected", errors, ...none };
    }
    if (opts.dryRun) {
      console.warn(`[uplift] import check (${opts.kind}) failed: ${describeError(err)}`);
      return { importId: "", status: "failed", errors: [{ row: 0, message: humanImportFailure(err) }], ...none };
    }
    const failed = await recordFailedImport(db, base, err);
    return { importId: failed.importId, status: "failed", errors: [{ row: 0, message: failed.message }], ...none };
  }
}

async function importFile<S extends z.AnyZodObject, R extends TableRow>(
  db: Db,
  opts: ImportOptions,
  writer: Writer<S, R>,
): Promise<ImportResult> {
  const spec = writer.spec;
  const dateFormat = opts.dateFormat ?? "yyyy-MM-dd";
  const headers = await readHeaders(opts.filePath);
  const mapping = { ...autoMap(spec, headers), ...(opts.mapping ?? {}) };
  const index = new Map(headers.map((h, i) => [h, i]));
  const fatal: RowError[] = [];
  for (const [field, header] of Object.entries(mapping)) {
    if (!spec.fields.some((f) => f.name === field))
      fatal.push({ row: 1, message: `mapping names unknown field "${field}"` });
    else if (!index.has(header)) fatal.push({ row: 1, field, message: `column "${header}" is not in the file` });
  }
  for (const f of spec.fields.filter((f) => f.required && !mapping[f.name]))
    fatal.push({ row: 1, field: f.name, message: `required field "${f.name}" is not mapped to a column` });
  if (spec.parent !== "none" && !mapping.account && !mapping.subscription)
    fatal.push({ row: 1, field: "account", message: "map a column to account (or subscription)" });
  const parents = await loadParents(db, spec);
  const ctx: ScanContext<S, R> = { writer, headers, index, mapping, parents, dateFormat, filePath: opts.filePath };
  const stopAtFirstError = !opts.skipInvalid;

  const base = {
    kind: opts.kind,
    fileName: opts.fileName ?? opts.filePath.split("/").pop(),
    source: opts.source ?? "cli",
    userId: opts.userId ?? null,
    skipInvalid: !!opts.skipInvalid,
  };
  const reject = async (scan: Scan): Promise<ImportResult> => {
    const errors = [...fatal.map(storableError), ...scan.errors].slice(0, MAX_STORED_ERRORS);
    const rowsRejected = fatal.length ? scan.total : scan.rejected;
    if (opts.dryRun)
      return {
        importId: "",
        status: "rejected",
        rowsTotal: scan.total,
        rowsAccepted: scan.total - scan.rejected,
        rowsRejected: scan.rejected,
        errors,
        mapping,
      };
    const [rec] = await db
      .insert(imports)
      .values({
        ...base,
        rowsTotal: scan.total,
        status: "rejected",
        rowsAccepted: 0,
        rowsRejected,
        errors,
        finishedAt: new Date(),
      })
      .returning({ id: imports.id });
    await db.insert(auditLog).values({
      actorUserId: opts.userId ?? null,
      action: "import.rejected",
      target: rec!.id,
      details: { kind: opts.kind, errors: fatal.length + scan.errors.length },
    });
    return {
      importId: rec!.id,
      status: "rejected",
      rowsTotal: scan.total,
      rowsAccepted: 0,
      rowsRejected,
      errors,
      mapping,
    };
  };
  if (fatal.length) return reject({ total: 0, rejected: 0, errors: [] });
  if (opts.dryRun) {
    const scan = await scanFile(ctx, { stopAtFirstError, onProgress: opts.onProgress });
    if (scan.rejected && !opts.skipInvalid) return reject(scan);
    return {
      importId: "",
      status: "committed",
      rowsTotal: scan.total,
      rowsAccepted: scan.total - scan.rejected,
      rowsRejected: scan.rejected,
      errors: scan.errors,
      mapping,
    };
  }

  opts.log?.("validating and writing in one transaction…");
  // What the import changed, recorded atomically with it: derived data, the history entry, the audit.
  const finish = async (tx: Tx, scan: Scan, accepted: number, touched: Set<string>, steps?: FinishSteps) => {
    const importId = await finishImport(
      tx,
      [...touched],
      {
        ...base,
        rowsTotal: scan.total,
        rowsAccepted: accepted,
        rowsRejected: scan.rejected,
        errors: scan.errors,
      },
      {
        actorUserId: opts.userId ?? null,
        action: "import.committed",
        details: { kind: opts.kind, rows: accepted, skipped: scan.rejected },
      },
      steps,
    );
    return {
      importId,
      status: "committed" as const,
      rowsTotal: scan.total,
      rowsAccepted: accepted,
      rowsRejected: scan.rejected,
      errors: scan.errors,
      mapping,
    };
  };
  try {
    const result = isSingleSession(db)
      ? await writeInSteps(
          db,
          ctx,
          { stopAtFirstError, skipInvalid: !!opts.skipInvalid, onProgress: opts.onProgress },
          finish,
        )
      : await db.transaction(async (tx) => {
          const touched = new Set<string>();
          const stage = openStagedUpsert(tx, writer.table, { conflict: writer.conflict, chunkRows: CHUNK_ROWS });
          const scan = await scanFile(ctx, { stopAtFirstError, onProgress: opts.onProgress }, (row, accountId) => {
            if (accountId) touched.add(accountId);
            return stage.add(row) ? stage.flush() : undefined;
          }).catch(async (err: unknown) => {
            await stage.settle();
            throw err;
          }); // e.g. a CSV error mid-file: settle before the rollback too
          if (scan.rejected && !opts.skipInvalid) {
            await stage.settle(); // a COPY still writing during the ROLLBACK broke the connection (EPIPE) on PostgreSQL
            throw new RejectedImport(scan);
          }
          opts.onProgress?.({ phase: "finishing", rows: scan.total, fraction: 1 });
          return finish(tx, scan, await stage.finish(), touched);
        });
    // Fresh planner statistics for what the import changed (db/analyze.ts), after the commit.
    await analyzeTables(
      db,
      [writer.table, ...(opts.kind === "feature_usage" ? [featureUsageMonthly] : []), accountMonth, accountCourse],
      opts.log,
    );
    scheduleViewWarmUp(db);
    return result;
  } catch (err) {
    if (err instanceof RejectedImport) return reject(err.scan); // rolled back: nothing was written
    throw err;
  }
}

/**
 * The write on a single-session database (PGlite, in this process or through the server): one long
 * transaction there would stop every other query of the server (its pages, /healthz) until the end.
 * So rows go to a temporary stage in short steps with the event loop free in between, and only the
 * merge and what follows it run in one transaction (db/deferred-upsert.ts). All-or-nothing still.
 * That transaction pauses between its short statements (merge slices, batches of accounts): requests
 * are served from memory in between, and a few reads that need nothing from the import (/healthz's
 * `select 1`, the session lookup) run inside it (db/pausing-transaction.ts) instead of after its commit.
 */
async function writeInSteps<S extends z.AnyZodObject, R extends TableRow, Result>(
  db: Db,
  ctx: ScanContext<S, R>,
  opts: { stopAtFirstError: boolean; skipInvalid: boolean; onProgress?: ImportOptions["onProgress"] },
  finish: (tx: Tx, scan: Scan, accepted: number, touched: Set<string>, steps?: FinishSteps) => Promise<Result>,
): Promise<Result> {
  const touched = new Set<string>();
  const stage = openDeferredUpsert(db, ctx.writer.table, {
    conflict: ctx.writer.conflict,
    chunkRows: STEP_ROWS,
    mergeRows: MERGE_ROWS,
  });
  try {
    const scan = await scanFile(
      ctx,
      { stopAtFirstError: opts.stopAtFirstError, onProgress: opts.onProgress },
      (row, accountId) => {
        if (accountId) touched.add(accountId);
        return stage.add(row) ? stage.flush() : undefined;
      },
    );
    if (scan.rejected && !opts.skipInvalid) throw new RejectedImport(scan);
    opts.onProgress?.({ phase: "finishing", rows: scan.total, fraction: 1 });
    await stage.flush();
    const result = await pausingTransaction(db, async (tx, pause) =>
      finish(tx, scan, await stage.merge(tx, pause), touched, { pause, accountsPerStep: STEP_ACCOUNTS }),
    );
    await new Promise<void>((resolve) => setImmediate(resolve)); // requests that waited for the commit, before ANALYZE
    return result;
  } finally {
    await stage.discard();
  }
}
