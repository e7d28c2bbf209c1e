import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProcessDatabase } from "../../support/process-db";
import { freePort } from "../../support/ports";

/**
 * WEB_CONCURRENCY: several server processes on one port (PostgreSQL), one process on PGlite.
 * Needs the production build (npm test builds before running vitest).
 */
type ProcDb = Awaited<ReturnType<typeof createProcessDatabase>>;
const onPostgres = process.env.TEST_DB_KIND === "postgres";

type Proc = { pid: number; ppid: number; args: string };
function processes(): Proc[] {
  return execFileSync("ps", ["-e", "-o", "pid=,ppid=,args="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((l) => {
      const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l)!;
      return { pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! };
    });
}
function descendants(pid: number): number[] {
  const table = processes();
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of table)
      if (c.ppid === p) {
        out.push(c.pid);
        walk(c.pid);
      }
  };
  walk(pid);
  return out;
}
/** Cluster workers: node processes running the server (under tsx's loader) whose parent runs it too — the primary. */
function workers(rootPid: number): number[] {
  const table = processes();
  const inTree = new Set(descendants(rootPid));
  const byPid = new Map(table.map((p) => [p.pid, p]));
  const server = (p: Proc | undefined) => !!p && p.args.includes("scripts/server.ts") && p.args.includes("loader.mjs");
  return table.filter((p) => inTree.has(p.pid) && server(p) && server(byPid.get(p.ppid))).map((p) => p.pid);
}

async function waitFor(check: () => Promise<boolean> | boolean, what: string, tries = 600) {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("server processes (WEB_CONCURRENCY=2)", () => {
  let db: ProcDb;
  let server: ChildProcess;
  let log = "";
  let port: number;
  let url: string;
  const healthy = () =>
    fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );

  beforeAll(async () => {
    db = await createProcessDatabase();
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn("npx", ["tsx", "scripts/server.ts"], {
      env: {
        ...process.env,
        ...db.env,
        NODE_ENV: "production",
        SESSION_SECRET: "cluster-test-secret-0123456789",
        CONTENT_DIR: "tests/fixtures/content",
        PORT: String(port),
        HOST: "127.0.0.1",
        WEB_CONCURRENCY: "2",
      } as NodeJS.ProcessEnv,
      detached: true,
    });
    server.stdout!.on("data", (d) => (log += d));
    server.stderr!.on("data", (d) => (log += d));
    await waitFor(healthy, `the server on ${port}:\n${log}`);
  }, 300_000);

  afterAll(async () => {
    if (server.exitCode === null) {
      try {
        process.kill(-server.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }
    await db.drop();
  });

  it(
    onPostgres
      ? "runs two workers on one port and replaces one that is killed"
      : "serves with one process on PGlite and says why",
    async () => {
      if (!onPostgres) {
        expect(log).toContain("PGlite allows one process");
        expect((await fetch(`${url}/login`)).status).toBe(200);
        return;
      }
      const serving = () => log.match(/worker \d+ \(pid \d+\) serving/g)?.length ?? 0;
      await waitFor(() => serving() >= 2, "two workers serving");
      expect(log).toContain("2 server processes");
      expect(workers(server.pid!)).toHaveLength(2);
      const [victim] = workers(server.pid!);
      process.kill(victim!, "SIGKILL");
      await waitFor(() => log.includes("starting another"), "the primary to replace the killed worker");
      await waitFor(() => serving() >= 3, "the new worker to serve");
      expect(workers(server.pid!)).toHaveLength(2);
      expect(workers(server.pid!)).not.toContain(victim);
      const statuses = await Promise.all(Array.from({ length: 20 }, () => fetch(`${url}/login`).then((r) => r.status)));
      expect(statuses.every((s) => s === 200)).toBe(true);
    },
    300_000,
  );

  it("stops every process on SIGTERM", async () => {
    const tree = descendants(server.pid!);
    const exited = new Promise<void>((r) => server.once("exit", () => r()));
    process.kill(-server.pid!, "SIGTERM");
    await exited;
    await waitFor(
      () =>
        tree.every((p) => {
          try {
            process.kill(p, 0);
            return false;
          } catch {
            return true;
          }
        }),
      "every server process to exit",
      100,
    );
  }, 60_000);
});
