import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "#db/index";
import { generateAcademy } from "../../support/academy";
import { createProcessDatabase } from "../../support/process-db";
import { freePort } from "../../support/ports";

type ProcDb = Awaited<ReturnType<typeof createProcessDatabase>>;
const baseEnv = { ...process.env, NODE_ENV: "production", SESSION_SECRET: "fault-test-secret-0123456789" };

function syncTo(db: ProcDb, contentDir: string) {
  const r = spawnSync("npx", ["tsx", "scripts/content-sync.ts"], {
    env: { ...baseEnv, ...db.env, CONTENT_DIR: contentDir } as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`sync failed: ${r.stderr}${r.stdout}`);
}

/** Starts a sync and SIGKILLs it `delayMs` after it announces the publishing transaction. */
function syncAndKill(db: ProcDb, contentDir: string, delayMs: number): Promise<"killed" | "finished"> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "scripts/content-sync.ts"], {
      env: { ...baseEnv, ...db.env, CONTENT_DIR: contentDir } as NodeJS.ProcessEnv,
      detached: true,
    });
    let killed = false;
    child.stdout.on("data", (chunk: Buffer) => {
      if (!killed && chunk.toString().includes("in one transaction")) {
        killed = true;
        setTimeout(() => {
          try {
            process.kill(-child.pid!, "SIGKILL");
          } catch {
            /* already gone */
          }
        }, delayMs);
      }
    });
    child.on("exit", (code, signal) =>
      signal === "SIGKILL" ? resolve("killed") : code === 0 ? resolve("finished") : reject(new Error(`exit ${code}`)),
    );
  });
}

async function snapshot(db: ProcDb): Promise<string> {
  const h = await db.open();
  try {
    const rows = await queryRows(
      h.db,
      sql`
      select 'c' as t, id, content_hash, (archived_at is null) as live from courses
      union all select 'l', id, content_hash, (archived_at is null) from lessons order by 1, 2`,
    );
    return crypto.createHash("sha256").update(JSON.stringify(rows)).digest("hex");
  } finally {
    await h.close();
  }
}

describe("SIGKILL in the middle of a content sync", () => {
  let db: ProcDb;
  let dirA: string;
  let dirB: string;
  let before: string;
  let after: string;
  beforeAll(async () => {
    db = await createProcessDatabase();
    dirA = path.join(db.tmp, "a");
    dirB = path.join(db.tmp, "b");
    generateAcademy(dirA, 12, 10, 1);
    generateAcademy(dirB, 11, 10, 2); // every lesson changed, one course removed
    // "After" is B published over A (course 11 archived, not absent), exactly what each kill test does.
    syncTo(db, dirA);
    syncTo(db, dirB);
    after = await snapshot(db);
    syncTo(db, dirA);
    before = await snapshot(db);
    expect(after).not.toBe(before);
  }, 900_000);
  afterAll(async () => {
    await db?.drop();
  });

  it.each([0, 40, 150])(
    "leaves the database exactly as before or exactly as after (kill %i ms into the transaction)",
    async (delay) => {
      const outcome = await syncAndKill(db, dirB, delay);
      const state = await snapshot(db);
      if (delay === 0) expect(outcome).toBe("killed");
      if (outcome === "killed") expect([before, after]).toContain(state);
      else expect(state).toBe(after);
      // Restore version A for the next kill, and prove the database still works after the crash.
      syncTo(db, dirA);
      expect(await snapshot(db)).toBe(before);
    },
    900_000,
  );

  it("a restarted site serves after a killed sync", async () => {
    await syncAndKill(db, dirB, 10);
    const port = await freePort();
    const server = spawn("npx", ["tsx", "scripts/server.ts"], {
      env: { ...baseEnv, ...db.env, CONTENT_DIR: dirA, PORT: String(port), HOST: "127.0.0.1" } as NodeJS.ProcessEnv,
      detached: true,
    });
    let log = "";
    server.stdout!.on("data", (d) => (log += d));
    server.stderr!.on("data", (d) => (log += d));
    try {
      // Until it answers or exits: a start (migrate, sync 120 lessons) can take minutes on a loaded machine.
      let ok = false;
      for (let i = 0; i < 3000 && !ok && server.exitCode === null && server.signalCode === null; i++) {
        ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (!ok) await new Promise((r) => setTimeout(r, 200));
      }
      expect(ok, `the restarted server did not answer on ${port}:\n${log}`).toBe(true);
      const login = await fetch(`http://127.0.0.1:${port}/login`);
      expect(login.status).toBe(200);
    } finally {
      try {
        process.kill(-server.pid!, "SIGKILL");
      } catch {
        /* it exited on its own */
      }
    }
    expect(fs.existsSync(dirA)).toBe(true);
  }, 900_000);
});
