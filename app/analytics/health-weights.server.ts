import { desc, sql } from "drizzle-orm";
import type { Db } from "#db/index";
import { auditLog, healthWeights } from "#db/schema/index";
import { DEFAULT_HEALTH_WEIGHTS, HEALTH_INPUTS, type HealthWeights } from "./health";

export interface WeightsVersion {
  version: number | null;
  weights: HealthWeights;
  note: string | null;
  createdBy: string | null;
  createdAt: string | null;
}

function normalise(raw: Record<string, number> | null | undefined): HealthWeights {
  const out = { ...DEFAULT_HEALTH_WEIGHTS };
  if (raw)
    for (const { key } of HEALTH_INPUTS) if (typeof raw[key] === "number" && raw[key]! >= 0) out[key] = raw[key]!;
  return out;
}

/** The weights in force: the newest saved version, or the defaults when none was ever saved. */
export async function currentHealthWeights(db: Db): Promise<WeightsVersion> {
  const [row] = await db.select().from(healthWeights).orderBy(desc(healthWeights.version)).limit(1);
  if (!row)
    return { version: null, weights: { ...DEFAULT_HEALTH_WEIGHTS }, note: null, createdBy: null, createdAt: null };
  return {
    version: row.version,
    weights: normalise(row.weights),
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function healthWeightHistory(db: Db, limit = 20) {
  const rows = await db.execute(sql`
    select w.version, w.weights, w.note, w.created_at, u.name as author
    from health_weights w left join users u on u.id = w.created_by
    order by w.version desc limit ${limit}`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
    version: number;
    weights: Record<string, number>;
    note: string | null;
    created_at: string | Date;
    author: string | null;
  }[];
  return list.map((r) => ({
    version: r.version,
    weights: normalise(r.weights),
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
    author: r.author,
  }));
}

/** Saves a new version and its audit entry in one transaction; returns the new version number. */
export async function saveHealthWeights(
  db: Db,
  input: { weights: HealthWeights; note: string | null; actorId: string },
): Promise<number> {
  return db.transaction(async (tx) => {
    const [previous] = await tx.select().from(healthWeights).orderBy(desc(healthWeights.version)).limit(1);
    const [row] = await tx
      .insert(healthWeights)
      .values({ weights: input.weights, note: input.note, createdBy: input.actorId })
      .returning({ version: healthWeights.version });
    await tx.insert(auditLog).values({
      actorUserId: input.actorId,
      action: "health_weights.updated",
      target: `health_weights:${row!.version}`,
      details: {
        from: previous ? normalise(previous.weights) : DEFAULT_HEALTH_WEIGHTS,
        to: input.weights,
        note: input.note,
      },
    });
    return row!.version;
  });
}
