import { z } from "zod";
import type { Db } from "#db/index";
import { apiError } from "#app/auth/api-token.server";
import { loadParents } from "./import/engine.server";
import { RowValidator, type RowError } from "./import/validate-row";
import { KINDS } from "./import/kinds";
import { upsertBatch, WRITERS, type TableRow, type Writer } from "./import/writers.server";
import { finishImport } from "./import/finish.server";
import { columnProblems, storableError, textProblem } from "./import/column-limits.server";
import { recordFailedImport } from "./import/failures.server";
import { readTextWithin } from "#app/utils/request.server";
import { scheduleViewWarmUp } from "#app/analytics/report/warm-up.server";

export const MAX_API_ROWS = 5000;
export const MAX_API_BYTES = 5 * 1024 * 1024;

const Body = z.object({
  rows: z
    .array(z.record(z.string(), z.unknown()))
    .min(1, "send at least one row")
    .max(MAX_API_ROWS, `send at most ${MAX_API_ROWS} rows per request`),
  skipInvalid: z.boolean().default(false),
});

/** One cell: a scalar; text without NUL, unpaired surrogates or U+FFFD (what PostgreSQL text can hold, honestly). */
const Cell = z
  .custom<string | number | boolean | null>(
    (v) => v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean",
    "must be a string, number, boolean or null",
  )
  .superRefine((v, ctx) => {
    const problem = typeof v === "string" ? textProblem(v) : null;
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });
/** Checked per row, so one bad cell is that row's error (skipInvalid keeps working), not a 400 for the batch. */
const Row = z.record(z.string(), Cell);

/**
 * POST /api/v1/<kind>: a JSON batch { rows: [{ field: value }], skipInvalid? } validated like a CSV
 * row (same fields, messages and natural keys) and upserted in one transaction. Idempotent.
 */
export async function importBatch(db: Db, kind: string, request: Request, tokenId: string): Promise<Response> {
  const writer = WRITERS[kind];
  if (!writer)
    return apiError(404, "unknown_kind", `Unknown kind "${kind}". Use one of: ${Object.keys(KINDS).join(", ")}.`);
  const tooLarge = () =>
    apiError(413, "too_large", `Request body over ${MAX_API_BYTES / 1024 / 1024} MB: split it into batches.`);
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_API_BYTES) return tooLarge();
  let json: unknown;
  try {
    const text = await readTextWithin(request, MAX_API_BYTES); // stops reading at the limit
    if (text === null) return tooLarge();
    json = JSON.parse(text);
  } catch {
    return apiError(400, "invalid_json", "The body is not valid JSON.");
  }
  const body = Body.safeParse(json);
  if (!body.success)
    return apiError(
      400,
      "invalid_body",
      "The body must be { rows: [ { field: value, … } ], skipInvalid?: boolean }.",
      body.error.flatten(),
    );
  return writer.use((w) => writeBatch(db, w, body.data, tokenId));
}

/** The batch's rows validated into the kind's typed rows, then written in one transaction (or refused). */
async function writeBatch<S extends z.AnyZodObject, R extends TableRow>(
  db: Db,
  writer: Writer<S, R>,
  batch: z.infer<typeof Body>,
  tokenId: string,
): Promise<Response> {
  const spec = writer.spec,
    kind = spec.kind;
  const fields = spec.fields.map((f) => f.name);
  const index = new Map(fields.map((f, i) => [f, i]));
  const mapping = Object.fromEntries(fields.map((f) => [f, f]));
  const parents = await loadParents(db, spec);
  const validator = new RowValidator(spec, fields, index, mapping, parents, "yyyy-MM-dd");
  const errors: RowError[] = [];
  const valid: R[] = [];
  const touched = new Set<string>();
  const seen = new Set<string>();
  batch.rows.forEach((raw, i) => {
    const rowErrors: RowError[] = Object.keys(raw)
      .filter((k) => !index.has(k))
      .map((k) => storableError({ row: i, field: k, message: `unknown field "${k}"` }));
    const cells = Row.safeParse(raw);
    const bad = new Set<string>();
    if (!cells.success) {
      for (const issue of cells.error.issues) {
        const field = String(issue.path[0] ?? "");
        bad.add(field);
        if (index.has(field)) rowErrors.push({ row: i, field, message: `${field} ${issue.message}` });
      }
    }
    // The other cells are still checked, so a row's errors come in one answer.
    const record = fields.map((f) => (bad.has(f) || raw[f] === null || raw[f] === undefined ? "" : String(raw[f])));
    const vErrors: RowError[] = [];
    const typed = validator.validate(record, i, vErrors);
    const own = vErrors.filter((e) => !e.field || !bad.has(e.field));
    rowErrors.push(...own);
    // Values their columns cannot hold (32-bit seats, numeric(14,2) MRR, an MRR derived from a huge ARR).
    const written = own.length || typed === null ? null : writer.toRow(typed, validator.accountId);
    if (written) rowErrors.push(...columnProblems(writer.table, written).map((p) => ({ row: i, ...p })));
    const key = rowErrors.length ? undefined : written?.externalId;
    if (key && seen.has(key))
      rowErrors.push({ row: i, field: "external_id", message: `duplicate key "${key}" in this batch` });
    if (key) seen.add(key);
    if (rowErrors.length || !written) errors.push(...rowErrors);
    else {
      valid.push(written);
      if (validator.accountId) touched.add(validator.accountId);
    }
  });
  if (errors.length && !batch.skipInvalid) {
    return apiError(
      422,
      "invalid_rows",
      `${new Set(errors.map((e) => e.row)).size} of ${batch.rows.length} rows are invalid; nothing was written.`,
      { errors: errors.slice(0, 1000) },
    );
  }
  let importId: string;
  try {
    importId = await db.transaction(async (tx) => {
      for (let i = 0; i < valid.length; i += 1000) await upsertBatch(tx, writer, valid.slice(i, i + 1000));
      return finishImport(
        tx,
        [...touched],
        {
          kind,
          source: "api",
          fileName: `api:${tokenId}`,
          skipInvalid: batch.skipInvalid,
          rowsTotal: batch.rows.length,
          rowsAccepted: valid.length,
          rowsRejected: batch.rows.length - valid.length,
          errors: errors.slice(0, 1000),
        },
        { action: "import.api", details: { kind, rows: valid.length, token: tokenId } },
      );
    });
  } catch (err) {
    // Rolled back; recorded on its own with a sentence for people, the SQL only in the server log.
    const failed = await recordFailedImport(
      db,
      {
        kind,
        fileName: `api:${tokenId}`,
        source: "api",
        userId: null,
        skipInvalid: batch.skipInvalid,
        rowsTotal: batch.rows.length,
      },
      err,
    );
    return apiError(500, "import_failed", failed.message, { importId: failed.importId });
  }
  scheduleViewWarmUp(db);
  return new Response(
    JSON.stringify({
      importId,
      accepted: valid.length,
      rejected: batch.rows.length - valid.length,
      errors: errors.slice(0, 1000),
    }),
    {
      status: 200,
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
    },
  );
}
