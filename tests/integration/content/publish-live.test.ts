import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, setDbHandle } from "#db/index";
import { FIXTURE_CONTENT } from "../../support/content";
import { freePort } from "../../support/ports";
import { createUser } from "../../support/factories";
import { sessionCookieFor } from "../../support/requests";
import { createProcessDatabase } from "../../support/process-db";

/**
 * Issue 21 item 2, end to end against the production server (needs `npm run build`): content added
 * while the server runs is served on the very next request — no restart — whether `npm run
 * content:sync` publishes it from another process (on PGlite: through the running server) or an author
 * presses "Publish content". Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
type ProcDb = Awaited<ReturnType<typeof createProcessDatabase>>;

/** One request on its own connection: a kept-alive socket the server closed while the CLI ran is never reused. */
function request(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; html: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? "GET", headers: opts.headers, agent: false }, (res) => {
      let html = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (html += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, html }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

const course = (id: string, title: string) => `---\nid: ${id}\ntitle: ${title}\nsummary: A course published while the server runs.\nstage: adoption\nestimatedMinutes: 5\n---\n\nOverview of ${title}.\n`;
const lesson = (id: string, text: string) => `---\nid: ${id}\ntitle: Lesson ${id}\nestimatedMinutes: 5\n---\n\n## Section\n\n${text}\n`;

describe("publishing while the production server runs", () => {
  let db: ProcDb;
  let server: ChildProcess;
  let log = "";
  let cookie = "";
  let contentDir = "";
  let port: number;
  let base: string;
  const env = () => ({
    ...process.env, ...db.env, CONTENT_DIR: contentDir, NODE_ENV: "production", SESSION_SECRET: process.env.SESSION_SECRET!, HOST: "127.0.0.1", PORT: String(port),
  }) as NodeJS.ProcessEnv;
  const page = (p: string) => request(base + p, { headers: { Cookie: cookie } });
  const write = (rel: string, text: string) => { fs.mkdirSync(path.dirname(path.join(contentDir, rel)), { recursive: true }); fs.writeFileSync(path.join(contentDir, rel), text); };

  beforeAll(async () => {
    db = await createProcessDatabase();
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    contentDir = path.join(db.tmp, "content");
    fs.cpSync(FIXTURE_CONTENT, contentDir, { recursive: true });
    // An author and a session, written before the server opens the database (PGlite: one opener).
    const h = await db.open();
    await h.migrate();
    setDbHandle(h);
    cookie = await sessionCookieFor(await createUser(h.db, { role: "author" }));
    await closeDb();
    server = spawn("npx", ["tsx", "scripts/server.ts"], { env: env(), detached: true });
    server.stdout!.on("data", (d) => (log += d));
    server.stderr!.on("data", (d) => (log += d));
    for (let i = 0; i < 1500; i++) {
      if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) return;
      if (server.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`the server did not start:\n${log}`);
  }, 900_000);
  afterAll(async () => {
    if (server?.pid) { try { process.kill(-server.pid, "SIGKILL"); } catch { /* gone */ } }
    await db?.drop();
  });

  it("npm run content:sync from another process: the next page view shows the new course and lesson text", async () => {
    const home = await page("/");
    expect(home.status).toBe(200);
    expect(home.html).toContain("Fixture basics");
    expect(home.html).not.toContain("Live from the CLI");
    write("courses/live-cli/course.mdx", course("live-cli", "Live from the CLI"));
    write("courses/live-cli/01-first.mdx", lesson("live-cli-first", "Quokkas appear without a restart."));
    write("courses/fixture-basics/01-first.mdx", fs.readFileSync(path.join(contentDir, "courses/fixture-basics/01-first.mdx"), "utf8").replace("Fixture tip.", "Edited fixture tip."));
    const sync = spawnSync("npx", ["tsx", "scripts/content-sync.ts"], { env: env(), encoding: "utf8" });
    expect(sync.status, `${sync.stdout}${sync.stderr}`).toBe(0);
    if (!db.env.DATABASE_URL) expect(sync.stderr).toContain("working through it");
    expect(sync.stdout).toContain("course added: Live from the CLI (live-cli)");
    expect(sync.stdout).toContain("lesson updated: First fixture lesson (fixture-first)");
    // No waiting, no restart: the very next requests serve the new version.
    expect((await page("/")).html).toContain("Live from the CLI");
    expect((await page("/courses/live-cli/live-cli-first")).html).toContain("Quokkas appear without a restart.");
    const edited = await page("/courses/fixture-basics/fixture-first");
    expect(edited.html).toContain("Edited fixture tip.");
    expect((await page("/search?q=quokkas")).html).toContain("Lesson live-cli-first");
    expect((await page("/insights")).html).toContain("Live from the CLI");
  }, 300_000);

  it("Publish content on the running server: problems publish nothing (path:line:col), then the fix goes live", async () => {
    const post = (origin = base) => request(`${base}/admin/content`, {
      method: "POST", body: "intent=publish",
      headers: { Cookie: cookie, Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    });
    write("courses/live-page/course.mdx", course("live-page", "Live from the page").replace("stage: adoption", "stage: adopton"));
    write("courses/live-page/01-first.mdx", lesson("live-page-first", "Published from the admin page."));
    const refused = await post();
    expect(refused.status).toBe(422);
    expect(refused.html).toContain("Nothing was published");
    expect(refused.html).toMatch(/live-page\/course\.mdx:5:1<\/span>.*frontmatter stage/);
    expect((await page("/")).html).not.toContain("Live from the page");

    write("courses/live-page/course.mdx", course("live-page", "Live from the page"));
    const published = await post();
    expect(published.status).toBe(200);
    expect(published.html).toContain("course added: Live from the page (live-page)");
    expect((await page("/")).html).toContain("Live from the page");
    expect((await page("/courses/live-page/live-page-first")).html).toContain("Published from the admin page.");
    // Without the Origin header of the site (a cross-site form), the action is refused by CSRF.
    expect((await post("https://evil.example")).status).toBe(403);
  }, 300_000);
});
