import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "#db/client";
import { seedDemo } from "#db/seed/demo";
import { hashPassword } from "#app/auth/password.server";
import { accounts } from "#db/schema/index";
import { refreshAccountMonths } from "#app/analytics/rollups/refresh.server";
import { addLine, addMovement } from "../../support/customer-data";
import { freePort } from "../../support/ports";

/**
 * One opener per PGlite directory (issue 15 item 1): while the server runs on PGlite, CLI commands
 * work through its database (PostgreSQL protocol on loopback) instead of opening the directory; a
 * second server stops with a clear message; a server killed with SIGKILL does not block a restart.
 * Needs the production build (npm test builds before running vitest). PGlite only.
 */
const onPostgres = process.env.TEST_DB_KIND === "postgres";
const SECRET = "opener-test-secret-0123456789";

/** Polls `check` every 200 ms; `what` is read at the timeout, so a server's log says what it was doing. */
async function waitFor(check: () => Promise<boolean> | boolean, what: string | (() => string), tries = 1500) {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${typeof what === "string" ? what : what()}`);
}

describe.skipIf(onPostgres)("one opener per PGlite directory", () => {
  let tmp: string;
  let dir: string;
  const servers: ChildProcess[] = [];
  let port: number;
  const env = (extra: Record<string, string> = {}) =>
    ({
      ...process.env,
      PGLITE_DIR: dir,
      DATABASE_URL: "",
      DATA_DIR: path.join(tmp, "data"),
      CONTENT_DIR: "tests/fixtures/content",
      NODE_ENV: "production",
      SESSION_SECRET: SECRET,
      HOST: "127.0.0.1",
      ...extra,
    }) as NodeJS.ProcessEnv;
  const lockRecord = () =>
    JSON.parse(fs.readFileSync(path.join(dir, "uplift-opener.json"), "utf8")) as {
      pid: number;
      endpoint?: { host: string; port: number; password: string };
    };

  function startServer(p: number, extra: Record<string, string> = {}) {
    const child = spawn("npx", ["tsx", "scripts/server.ts"], {
      env: env({ PORT: String(p), ...extra }),
      detached: true,
    });
    let log = "";
    child.stdout!.on("data", (d) => (log += d));
    child.stderr!.on("data", (d) => (log += d));
    servers.push(child);
    const url = `http://127.0.0.1:${p}`;
    const healthy = () =>
      fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) }).then(
        (r) => r.ok,
        () => false,
      );
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    return { child, url, healthy, exited, log: () => log };
  }
  const cli = (script: string, args: string[]) => {
    const r = spawnSync("npx", ["tsx", script, ...args], { env: env(), encoding: "utf8" });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, out: `${r.stdout}${r.stderr}` };
  };
  let first: ReturnType<typeof startServer>;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-opener-"));
    dir = path.join(tmp, "pglite");
    // The demo logins and accounts, so the server does not also generate demo customers (slow).
    const h = await createDb({ kind: "pglite", dir });
    await h.migrate();
    await seedDemo(h.db, hashPassword);
    // Revenue data covering the period the CLI asks for (the report refuses periods outside its data).
    const [account] = await h.db.select({ id: accounts.id }).from(accounts).limit(1);
    await addLine(h.db, account!.id, { mrr: 1000, start: "2024-12-01", end: "2025-07-15", seats: 10 });
    await addMovement(h.db, account!.id, "new", 1000, "2024-12-01");
    await refreshAccountMonths(h.db, [account!.id]);
    await h.close();
    port = await freePort();
    first = startServer(port);
    await waitFor(first.healthy, () => `the server on ${port}:\n${first.log()}`);
  }, 900_000);

  afterAll(async () => {
    for (const s of servers)
      if (s.exitCode === null && s.signalCode === null) {
        try {
          process.kill(-s.pid!, "SIGKILL");
        } catch {
          /* gone */
        }
      }
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("the server records itself in the directory's lock and serves on loopback only", async () => {
    await waitFor(
      () => fs.existsSync(path.join(dir, "uplift-opener.json")) && !!lockRecord().endpoint,
      "the server to publish its endpoint",
      100,
    );
    const record = lockRecord();
    expect(record.endpoint?.host).toBe("127.0.0.1");
    expect(fs.statSync(path.join(dir, "uplift-opener.json")).mode & 0o077).toBe(0); // the password is the owner's
  });

  it("CLI commands work through the running server instead of opening its directory", () => {
    const report = cli("scripts/report.ts", ["--from", "2025-01-01", "--to", "2025-06-30"]);
    expect(report.status, report.out).toBe(0);
    expect(report.stderr).toContain(`the academy server (pid ${lockRecord().pid}) is using ${dir}: working through it`);
    expect(JSON.parse(report.stdout)).toHaveProperty("period");
    const sync = cli("scripts/content-sync.ts", []);
    expect(sync.status, sync.out).toBe(0);
    expect(sync.out).toContain("working through it");
    expect(sync.out).toContain("content synced");
  }, 300_000);

  it("a second server on the same directory stops at once and says who holds it", async () => {
    const second = startServer(await freePort());
    const outcome = await Promise.race([
      second.exited.then((code) => `exited ${code}`),
      waitFor(second.healthy, "the second server").then(() => "serving"),
    ]);
    expect(outcome).toMatch(/^exited [1-9]/);
    expect(second.log()).toContain(
      `the academy server is using ${dir} (pid ${lockRecord().pid}); stop it or use another PGLITE_DIR`,
    );
    expect(await first.healthy()).toBe(true);
  }, 300_000);

  it("does not serve /bench/bare in production", async () => {
    expect((await fetch(`${first.url}/bench/bare`)).status).toBe(404);
    expect((await fetch(`${first.url}/bench/bare?_data=routes%2Fbench.bare`)).status).toBe(404);
  });

  it("an import through the server, then kill -9: the server starts again on the directory (stale lock removed)", async () => {
    const file = path.join(tmp, "usage.csv");
    const lines = ["usage_id,account_id,usage_date,feature_name,usage_count"];
    for (let i = 0; i < 20_000; i++)
      lines.push(`OPEN-${i},ACME-001,2025-0${1 + (i % 9)}-1${i % 9},feature_${i % 20},${i % 50}`);
    fs.writeFileSync(file, lines.join("\n"));
    const imported = cli("scripts/import.ts", ["feature_usage", file]);
    expect(imported.out).toContain("working through it");
    expect(imported.out, imported.out).toContain("committed: 20000 rows imported");

    const killedPid = lockRecord().pid;
    const gone = first.exited;
    process.kill(-first.child.pid!, "SIGKILL");
    await gone;
    expect(lockRecord().pid).toBe(killedPid); // left behind by the killed server

    // The benchmark's server serves /bench/bare (bench/lib/server.ts sets BENCH_BARE_ROUTE=1).
    const restarted = startServer(await freePort(), { BENCH_BARE_ROUTE: "1" });
    await waitFor(
      async () => (await restarted.healthy()) || restarted.child.exitCode !== null,
      () => `the restarted server:\n${restarted.log()}`,
    );
    expect(restarted.child.exitCode, restarted.log()).toBeNull();
    expect(await restarted.healthy()).toBe(true);
    expect((await fetch(`${restarted.url}/bench/bare`)).status).toBe(200);
    await waitFor(() => !!lockRecord().endpoint && lockRecord().pid !== killedPid, "the new server's endpoint");
    const { host, port: dbPort, password } = lockRecord().endpoint!;
    const sql = postgres({
      host,
      port: dbPort,
      user: "postgres",
      password,
      max: 1,
      prepare: false,
      onnotice: () => {},
    });
    try {
      const [row] = await sql<
        { n: number }[]
      >`select count(*)::int as n from feature_usage where external_id like 'OPEN-%'`;
      expect(row!.n).toBe(20_000);
    } finally {
      await sql.end();
    }
  }, 900_000);
});
