import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, auditLog } from "#db/schema/index";
import { sha256 } from "#app/auth/tokens.server";
import { createProcessDatabase } from "../../support/process-db";

type ProcDb = Awaited<ReturnType<typeof createProcessDatabase>>;

describe("npm run token:create (CLI)", () => {
  let db: ProcDb;
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "scripts/token-create.ts", ...args], {
      env: {
        ...process.env,
        ...db.env,
        NODE_ENV: "production",
        SESSION_SECRET: "cli-test-secret-0123456789",
      } as NodeJS.ProcessEnv,
      encoding: "utf8",
    });
  beforeAll(async () => {
    db = await createProcessDatabase();
    const handle = await db.open();
    await handle.migrate();
    await handle.close();
  }, 900_000);
  afterAll(async () => {
    await db.drop();
  });

  it("prints a new token once and stores only its hash, with an audit entry", async () => {
    const r = cli("--name", "CRM sync", "--scopes", "import:write,xapi:read");
    expect(r.status, r.stderr).toBe(0);
    const token = r.stdout.trim();
    expect(token).toMatch(/^upl_[A-Za-z0-9_-]{32}$/);
    const handle = await db.open();
    try {
      const rows = await handle.db.select().from(apiTokens);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        name: "CRM sync",
        scopes: ["import:write", "xapi:read"],
        tokenHash: sha256(token),
      });
      expect(JSON.stringify(rows)).not.toContain(token);
      const audit = await handle.db.select().from(auditLog);
      expect(audit.map((a) => a.action)).toEqual(["api_token.created"]);
    } finally {
      await handle.close();
    }
  }, 300_000);

  it.each([
    [["--scopes", "xapi:read"], /--name is required/],
    [["--name", "x", "--scopes", "xapi:read,root"], /unknown scope\(s\): root/],
  ])(
    "refuses %j with a usage message and creates nothing",
    async (args, message) => {
      const r = cli(...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain("usage: npm run token:create");
    },
    300_000,
  );
});
