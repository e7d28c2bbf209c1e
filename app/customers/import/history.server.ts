import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/index";
import { imports, users } from "#db/schema/index";
import { csvResponse } from "#app/utils/csv.server";

/**
 * The latest imports. `problem`: why a failed import failed, or why a file was refused before any row
 * was read (not CSV, duplicate columns, a required field not mapped…), in words: the first stored error.
 * Row errors are in the rejected-rows CSV.
 */
export async function importHistory(db: Db, limit = 50) {
  return db
    .select({
      id: imports.id,
      kind: imports.kind,
      fileName: imports.fileName,
      source: imports.source,
      status: imports.status,
      rowsTotal: imports.rowsTotal,
      rowsAccepted: imports.rowsAccepted,
      rowsRejected: imports.rowsRejected,
      startedAt: imports.startedAt,
      by: users.name,
      problem: sql<
        string | null
      >`case when ${imports.status} = 'failed' or (${imports.status} = 'rejected' and ${imports.rowsTotal} = 0) then ${imports.errors}->0->>'message' end`,
    })
    .from(imports)
    .leftJoin(users, eq(users.id, imports.userId))
    .orderBy(desc(imports.startedAt))
    .limit(limit);
}

/** Rejected rows of an import with the reason per row, as CSV (original values kept). */
export async function rejectedRowsCsv(db: Db, id: string): Promise<Response | null> {
  const [row] = await db.select().from(imports).where(eq(imports.id, id));
  if (!row) return null;
  const byRow = new Map<number, { reasons: string[]; values: string[] }>();
  for (const e of row.errors as { row: number; field?: string; message: string; values?: string[] }[]) {
    const entry = byRow.get(e.row) ?? { reasons: [], values: e.values ?? [] };
    entry.reasons.push(e.message);
    byRow.set(e.row, entry);
  }
  return csvResponse(
    `import-${id.slice(0, 8)}-rejected.csv`,
    ["row", "reason", "original_values"],
    [...byRow.entries()].map(([r, e]) => [r, e.reasons.join("; "), e.values.join(" | ")]),
  );
}
