import fs from "node:fs";
import { parse } from "csv-parse";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "#db/index";
import { accounts, auditLog, imports, subscriptionLines } from "#db/schema/index";
import { coerce, type DateFormat } from "./fields";
import { autoMap, KINDS, type KindSpec } from "./kinds";
import { applyChurnRule, refreshUsageRollup, upsertBatch, WRITERS } from "./writers.server";
import { refreshAccountMonths } from "#app/analytics/rollups/refresh.server";

export interface RowError { row: number; field?: string; message: string; values?: string[] }
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
  onProgress?: (p: { phase: "validating" | "writing"; rows: number; total?: number }) => void;
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

const BATCH_ROWS = 2000;
const MAX_STORED_ERRORS = 5000;

function csvStream(filePath: string) {
  return fs.createReadStream(filePath).pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true }));
}

export async function readHeaders(filePath: string): Promise<string[]> {
  for await (const record of csvStream(filePath) as AsyncIterable<string[]>) return record.map((h) => h.trim());
  return [];
}

interface Parents { accounts: Map<string, string>; subscriptions: Map<string, string> }

export async function loadParents(db: Db, spec: KindSpec): Promise<Parents> {
  const parents: Parents = { accounts: new Map(), subscriptions: new Map() };
  if (spec.parent === "none") return parents;
  for (const a of await db.select({ id: accounts.id, ext: accounts.externalId }).from(accounts)) parents.accounts.set(a.ext, a.id);
  if (spec.parent === "account-or-subscription") {
    for (const s of await db.select({ ext: subscriptionLines.externalId, accountId: subscriptionLines.accountId }).from(subscriptionLines)) parents.subscriptions.set(s.ext, s.accountId);
  }
  return parents;
}

/** Validates one CSV record; returns the typed record and its account id, or the row's errors. */
export function validateRow(spec: KindSpec, headers: string[], index: Map<string, number>, mapping: Record<string, string>, record: string[], parents: Parents, dateFormat: DateFormat, row: number) {
  const errors: RowError[] = [];
  if (record.length !== headers.length) errors.push({ row, message: `has ${record.length} columns, expected ${headers.length}` });
  const typed: Record<string, unknown> = {};
  for (const field of spec.fields) {
    const header = mapping[field.name];
    const result = coerce(field, header === undefined ? undefined : record[index.get(header)!], dateFormat);
    if (result.ok) typed[field.name] = result.value;
    else errors.push({ row, field: field.name, message: `${header ?? field.name} ${result.message}` });
  }
  let accountId: string | null = null;
  if (spec.parent !== "none" && !errors.length) {
    const viaSub = typeof typed.subscription === "string" ? parents.subscriptions.get(typed.subscription) : undefined;
    accountId = typeof typed.account === "string" ? parents.accounts.get(typed.account) ?? null : viaSub ?? null;
    if (!accountId) {
      if (typeof typed.account === "string") errors.push({ row, field: "account", message: `unknown account "${typed.account}"` });
      else if (typeof typed.subscription === "string") errors.push({ row, field: "subscription", message: `unknown subscription "${typed.subscription}"` });
      else errors.push({ row, field: "account", message: "needs an account or a subscription" });
    }
  }
  return { typed, accountId, errors };
}

/**
 * Imports a CSV file all-or-nothing: pass 1 streams and validates every row; unless every row is valid
 * (or skipInvalid is chosen) nothing is written. Pass 2 streams again and upserts in multi-row batches
 * inside ONE transaction, so a crash or kill leaves the database as it was.
 */
export async function runImport(db: Db, opts: ImportOptions): Promise<ImportResult> {
  const spec = KINDS[opts.kind];
  if (!spec) throw new Error(`unknown kind "${opts.kind}"; expected one of ${Object.keys(KINDS).join(", ")}`);
  const writer = WRITERS[opts.kind]!;
  const dateFormat = opts.dateFormat ?? "yyyy-MM-dd";
  const headers = await readHeaders(opts.filePath);
  const mapping = { ...autoMap(spec, headers), ...(opts.mapping ?? {}) };
  const index = new Map(headers.map((h, i) => [h, i]));
  const fatal: RowError[] = [];
  for (const [field, header] of Object.entries(mapping)) {
    if (!spec.fields.some((f) => f.name === field)) fatal.push({ row: 1, message: `mapping names unknown field "${field}"` });
    else if (!index.has(header)) fatal.push({ row: 1, field, message: `column "${header}" is not in the file` });
  }
  for (const f of spec.fields.filter((f) => f.required && !mapping[f.name])) fatal.push({ row: 1, field: f.name, message: `required field "${f.name}" is not mapped to a column` });
  if (spec.parent !== "none" && !mapping.account && !mapping.subscription) fatal.push({ row: 1, field: "account", message: "map a column to account (or subscription)" });
  const parents = await loadParents(db, spec);

  const errors: RowError[] = [...fatal];
  const rejectedRows = new Set<number>();
  const seenKeys = new Map<string, number>();
  let total = 0;
  if (!fatal.length) {
    let first = true;
    for await (const record of csvStream(opts.filePath) as AsyncIterable<string[]>) {
      if (first) { first = false; continue; }
      total++;
      const rowNo = total + 1; // spreadsheet row number (header is row 1)
      const v = validateRow(spec, headers, index, mapping, record, parents, dateFormat, rowNo);
      const key = writer.toRow(v.typed, v.accountId)[writer.conflict === "external_id" ? "externalId" : writer.conflict] as string | undefined;
      if (!v.errors.length && key) {
        const before = seenKeys.get(key);
        if (before) v.errors.push({ row: rowNo, field: "external_id", message: `duplicate key "${key}" (also on row ${before})` });
        else seenKeys.set(key, rowNo);
      }
      if (v.errors.length) {
        rejectedRows.add(rowNo);
        if (errors.length < MAX_STORED_ERRORS) errors.push(...v.errors.map((e) => ({ ...e, values: record })));
      }
      if (total % 10_000 === 0) opts.onProgress?.({ phase: "validating", rows: total });
    }
  }
  seenKeys.clear();
  if (opts.dryRun) {
    return { importId: "", status: fatal.length || rejectedRows.size ? "rejected" : "committed", rowsTotal: total, rowsAccepted: total - rejectedRows.size, rowsRejected: rejectedRows.size, errors: errors.slice(0, MAX_STORED_ERRORS), mapping };
  }
  const base = { kind: opts.kind, fileName: opts.fileName ?? opts.filePath.split("/").pop(), source: opts.source ?? "cli", userId: opts.userId ?? null, skipInvalid: !!opts.skipInvalid, rowsTotal: total };
  const stored = errors.slice(0, MAX_STORED_ERRORS);
  if (fatal.length || (rejectedRows.size && !opts.skipInvalid)) {
    const [rec] = await db.insert(imports).values({ ...base, status: "rejected", rowsAccepted: 0, rowsRejected: fatal.length ? total : rejectedRows.size, errors: stored, finishedAt: new Date() }).returning({ id: imports.id });
    await db.insert(auditLog).values({ actorUserId: opts.userId ?? null, action: "import.rejected", target: rec!.id, details: { kind: opts.kind, errors: errors.length } });
    return { importId: rec!.id, status: "rejected", rowsTotal: total, rowsAccepted: 0, rowsRejected: fatal.length ? total : rejectedRows.size, errors: stored, mapping };
  }

  const accepted = total - rejectedRows.size;
  opts.log?.(`writing ${accepted} rows in one transaction…`);
  const importId = await db.transaction(async (tx) => {
    const touched = new Set<string>();
    let batch: Record<string, unknown>[] = [];
    let written = 0;
    // One batch in flight while the next is parsed, so CSV parsing and the database work overlap.
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async () => {
      const rows = batch;
      batch = [];
      await inFlight; // a failed batch throws here and rolls the transaction back
      inFlight = upsertBatch(tx as Tx, writer, rows).then(() => {
        written += rows.length;
        opts.onProgress?.({ phase: "writing", rows: written, total: accepted });
      });
      inFlight.catch(() => {}); // handled by the next await; never an unhandled rejection meanwhile
    };
    let rowNo = 0;
    for await (const record of csvStream(opts.filePath) as AsyncIterable<string[]>) {
      if (rowNo++ === 0) continue;
      if (rejectedRows.has(rowNo)) continue;
      const v = validateRow(spec, headers, index, mapping, record, parents, dateFormat, rowNo);
      if (v.accountId) touched.add(v.accountId);
      batch.push(writer.toRow(v.typed, v.accountId));
      if (batch.length >= BATCH_ROWS) await flush();
    }
    await flush();
    await inFlight;
    if (opts.kind === "feature_usage") await refreshUsageRollup(tx as Tx, [...touched]);
    if (opts.kind === "churn_events") await applyChurnRule(tx as Tx, [...touched]);
    // Keep the impact report's rollups current, atomically with the data they summarise.
    await refreshAccountMonths(tx as unknown as Db, [...touched]);
    const [rec] = await tx.insert(imports).values({ ...base, status: "committed", rowsAccepted: accepted, rowsRejected: rejectedRows.size, errors: stored, finishedAt: new Date() }).returning({ id: imports.id });
    await tx.insert(auditLog).values({ actorUserId: opts.userId ?? null, action: "import.committed", target: rec!.id, details: { kind: opts.kind, rows: accepted, skipped: rejectedRows.size } });
    return rec!.id;
  });
  return { importId, status: "committed", rowsTotal: total, rowsAccepted: accepted, rowsRejected: rejectedRows.size, errors: stored, mapping };
}

export async function getImport(db: Db, id: string) {
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  return row ?? null;
}
