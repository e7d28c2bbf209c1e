import type { Db } from "#db/index";
import { auditLog, imports } from "#db/schema/index";

/**
 * An import that the database (or the machine) stopped, as opposed to one with invalid rows: the write
 * transaction is rolled back, then the failure is recorded in a transaction of its own so it shows in
 * the import history. Users see a sentence; the SQL, its parameters and the driver's message go to the
 * server log only (they can hold customer data and schema details).
 */

/** SQLSTATE classes and codes → what happened, in words (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const REASONS: [RegExp, string][] = [
  [/^22003$/, "A number is too large for its column in the database."],
  [/^22001$/, "A value is too long for its column in the database."],
  [/^(22021|22P05)$/, "A value contains characters the database cannot store (for example a NUL byte)."],
  [/^(22007|22008)$/, "A date or time is outside the range the database accepts."],
  [/^22/, "A value does not fit the database's column type."],
  [/^23505$/, "Two rows would have the same key in the database."],
  [/^23503$/, "A row refers to an account or subscription that was removed while the import ran."],
  [/^23/, "A row breaks a rule of the database (a required value or a reference)."],
  [/^(40001|40P01)$/, "The import collided with another change to the same data. Import the file again."],
  [/^53/, "The database server ran out of resources (disk space or memory)."],
  [/^57014$/, "The database cancelled the import (statement timeout)."],
  [/^(08|57P)/, "The connection to the database was lost."],
];

interface WithCause {
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  detail?: unknown;
}

/** The SQLSTATE (postgres.js and PGlite both expose `code`) of an error or of what it wraps. */
function sqlState(err: unknown): string | null {
  for (let e = err as WithCause | undefined, depth = 0; e && depth < 5; e = e.cause as WithCause | undefined, depth++) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return null;
}

/** Everything known about the error, for the server log. */
export function describeError(err: unknown): string {
  const parts: string[] = [];
  for (let e = err as WithCause | undefined, depth = 0; e && depth < 5; e = e.cause as WithCause | undefined, depth++) {
    parts.push(
      [
        typeof e.code === "string" ? `[${e.code}]` : "",
        String(e.message ?? e),
        typeof e.detail === "string" ? `(${e.detail})` : "",
      ]
        .filter(Boolean)
        .join(" "),
    );
  }
  return parts.join(" ← caused by: ");
}

export function humanImportFailure(err: unknown): string {
  const code = sqlState(err);
  const reason =
    (code && REASONS.find(([re]) => re.test(code))?.[1]) ??
    (err instanceof Error && /ENOENT/.test(err.message)
      ? "The uploaded file is no longer there."
      : "The database refused the import.");
  return `${reason} Nothing was written. The technical details are in the server log.`;
}

export interface FailedImport {
  kind: string;
  fileName?: string;
  source: string;
  userId: string | null;
  skipInvalid: boolean;
  rowsTotal?: number;
}

/** Logs the full error and records the failed import (own transaction); returns its id and the user-facing message. */
export async function recordFailedImport(
  db: Db,
  base: FailedImport,
  err: unknown,
): Promise<{ importId: string; message: string }> {
  const message = humanImportFailure(err);
  try {
    const importId = await db.transaction(async (tx) => {
      const [rec] = await tx
        .insert(imports)
        .values({
          ...base,
          rowsTotal: base.rowsTotal ?? 0,
          status: "failed",
          rowsAccepted: 0,
          rowsRejected: 0,
          errors: [{ row: 0, message }],
          finishedAt: new Date(),
        })
        .returning({ id: imports.id });
      await tx.insert(auditLog).values({
        actorUserId: base.userId,
        action: "import.failed",
        target: rec!.id,
        details: { kind: base.kind, reason: message },
      });
      return rec!.id;
    });
    console.warn(`[uplift] import ${importId} (${base.kind}, ${base.fileName ?? "?"}) failed: ${describeError(err)}`);
    return { importId, message };
  } catch (recordErr) {
    console.warn(
      `[uplift] import (${base.kind}, ${base.fileName ?? "?"}) failed: ${describeError(err)}; recording the failure failed too: ${describeError(recordErr)}`,
    );
    return { importId: "", message };
  }
}
