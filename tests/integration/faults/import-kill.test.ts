import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "#db/index";
import { createProcessDatabase } from "../../support/process-db";
import { referenceData } from "../../support/reference-data";

type ProcDb = Awaited<ReturnType<typeof createProcessDatabase>>;
const env = (db: ProcDb) =>
  ({
    ...process.env,
    ...db.env,
    NODE_ENV: "production",
    SESSION_SECRET: "fault-test-secret-0123456789",
  }) as NodeJS.ProcessEnv;
const RAVEN = referenceData("ravenstack");

function importCli(db: ProcDb, args: string[]) {
  const r = spawnSync("npx", ["tsx", "scripts/import.ts", ...args], { env: env(db), encoding: "utf8" });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

async function counts(db: ProcDb) {
  const h = await db.open();
  try {
    const [r] = await queryRows<Record<string, number>>(
      h.db,
      sql`select (select count(*)::int from feature_usage) as usage, (select count(*)::int from imports where status = 'committed') as committed`,
    );
    return r!;
  } finally {
    await h.close();
  }
}

describe("import CLI: saved mappings and SIGKILL mid-import", () => {
  let db: ProcDb;
  beforeAll(async () => {
    db = await createProcessDatabase();
  }, 900_000);
  afterAll(async () => {
    await db?.drop();
  });

  it("imports the RavenStack files with the saved 'ravenstack' mappings", () => {
    for (const [kind, name, rows] of [
      ["accounts", "accounts", 500],
      ["subscriptions", "subscriptions", 5000],
      ["churn_events", "churn_events", 600],
    ] as const) {
      const r = importCli(db, [kind, path.join(RAVEN, `ravenstack_${name}.csv`), "--source", "ravenstack"]);
      expect(r.out).toContain("with a saved mapping");
      expect(r.out, r.out).toContain(`committed: ${rows} rows imported, 0 rejected of ${rows}`);
      expect(r.status).toBe(0);
    }
  }, 900_000);

  it("a kill during the write transaction leaves the database exactly as before", async () => {
    const big = path.join(db.tmp, "usage.csv");
    const lines = ["usage_id,subscription_id,usage_date,feature_name,usage_count"];
    for (let i = 0; i < 150_000; i++)
      lines.push(`K-${i},S-8cec59,2024-0${1 + (i % 9)}-1${i % 9},feature_${i % 20},${i % 50}`);
    fs.writeFileSync(big, lines.join("\n"));
    const before = await counts(db);
    const outcome = await new Promise<string>((resolve) => {
      const child = spawn("npx", ["tsx", "scripts/import.ts", "feature_usage", big], { env: env(db), detached: true });
      let killed = false;
      child.stdout.on("data", (chunk: Buffer) => {
        if (!killed && chunk.toString().includes("in one transaction")) {
          killed = true;
          setTimeout(() => {
            try {
              process.kill(-child.pid!, "SIGKILL");
            } catch {
              /* gone */
            }
          }, 300);
        }
      });
      child.on("exit", (_code, signal) => resolve(signal ?? "exited"));
    });
    expect(outcome).toBe("SIGKILL");
    expect(await counts(db)).toEqual(before);
    // The same import then succeeds in full.
    const r = importCli(db, ["feature_usage", big]);
    expect(r.out, r.out).toContain("committed: 150000 rows imported");
    expect((await counts(db)).usage).toBe(before.usage + 150_000);
  }, 900_000);
});
