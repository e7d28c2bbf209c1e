import dns from "node:dns";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog, webhookDeliveries, webhooks } from "#db/schema/index";
import { createWebhook, sendTestEvent } from "#app/learning/webhooks/admin.server";
import { deliverDue } from "#app/learning/webhooks/deliver.server";
import { parseAllowlist } from "#app/learning/webhooks/allowlist.server";
import { verifySignature } from "#app/learning/webhooks/sign.server";
import type { Resolve, TargetPolicy } from "#app/learning/webhooks/target.server";
import { action as webhooksAction, loader as webhooksLoader } from "#app/routes/admin.webhooks/route";
import { useTestDatabase } from "../../support/test-db";
import { createUser } from "../../support/factories";
import { get, post, run, sessionCookieFor } from "../../support/requests";

// Issue 15 item 6: webhook targets are refused when they are (or resolve to) private, local or
// metadata addresses — when an admin adds them and again at each delivery, after DNS resolution,
// on the address the request connects to. WEBHOOK_ALLOWED_HOSTS (parseAllowlist) admits on-premises
// receivers; this file's local listener is one.

/** Test DNS: a few invented names, everything else from the system resolver (localhost included). */
let flips = 0;
const resolve: Resolve = async (hostname) => {
  if (hostname === "rebind.test" || hostname === "on-prem.test") return [{ address: "127.0.0.1", family: 4 }];
  if (hostname === "public.test") return [{ address: "93.184.215.14", family: 4 }];
  // Public when the webhook is added, loopback when it is delivered (DNS rebinding).
  if (hostname === "flip.test") return [{ address: flips++ === 0 ? "93.184.215.14" : "127.0.0.1", family: 4 }];
  return dns.promises.lookup(hostname, { all: true, verbatim: true });
};
const strict: TargetPolicy = { allow: parseAllowlist(""), resolve };
const onPrem: TargetPolicy = { allow: parseAllowlist("127.0.0.1, on-prem.test"), resolve };

/** Each spelling of a private, local or metadata target the review tried, and its cousins. */
const privateTargets = (port: number) => [
  "http://169.254.169.254/latest/meta-data/", // cloud metadata (link-local)
  `http://127.0.0.1:${port}/hook`,
  "http://127.0.0.1:5432",
  "http://[::1]:22/",
  `http://2130706433:${port}/hook`, // 127.0.0.1 in decimal
  `http://0177.0.0.1:${port}/hook`, // octal
  `http://0x7f.0.0.1:${port}/hook`, // hexadecimal
  "http://10.0.0.5/hook",
  "http://172.16.0.1/hook",
  "http://192.168.1.10/hook", // RFC 1918
  "http://100.64.0.1/hook", // carrier-grade NAT
  "http://0.0.0.0/hook",
  "http://[::]/hook", // unspecified
  "http://[fe80::1]/hook", // IPv6 link-local
  "http://[fc00::1]/hook",
  "http://[fd12:3456::1]/hook", // unique-local
  `http://[::ffff:127.0.0.1]:${port}/hook`,
  "http://[::ffff:169.254.169.254]/", // IPv4-mapped IPv6
  `http://localhost:${port}/hook`, // a name resolving to loopback (system resolver)
  `http://rebind.test:${port}/hook`, // a name resolving to 127.0.0.1 (test resolver)
];

describe("webhook targets (SSRF guard)", () => {
  const handle = useTestDatabase();
  let server: http.Server;
  let port: number;
  let closedPort: number;
  let received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  let admin: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    admin = await createUser(handle.db, { role: "admin" });
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
    const spare = http.createServer();
    await new Promise<void>((r) => spare.listen(0, "127.0.0.1", r));
    closedPort = (spare.address() as AddressInfo).port;
    await new Promise((r) => spare.close(r));
  });
  afterAll(async () => {
    server.close();
  });
  beforeEach(async () => {
    received = [];
    await handle.db.delete(webhooks);
  });

  /** A webhook stored as it is (created before this check existed, or its DNS changed since). */
  async function storedWebhook(url: string) {
    const [hook] = await handle.db
      .insert(webhooks)
      .values({ url, events: ["lesson.completed"], secret: "whsec_test", createdBy: admin.id })
      .returning();
    await sendTestEvent(handle.db, hook!.id, admin.id);
    return hook!;
  }

  it("refuses every private, local and metadata target when it is added, and stores nothing", async () => {
    for (const url of privateTargets(port)) {
      const created = await createWebhook(handle.db, { url, events: ["lesson.completed"], actorId: admin.id }, strict);
      expect(created.ok, url).toBe(false);
      expect(!created.ok && created.error, url).toMatch(/private or local/);
    }
    expect(await handle.db.select().from(webhooks)).toHaveLength(0);
    expect(await handle.db.select().from(auditLog).where(eq(auditLog.action, "webhook.created"))).toHaveLength(0);
  });

  it("the admin form shows the refusal next to the URL field (400)", async () => {
    const cookie = await sessionCookieFor(admin);
    for (const url of ["http://169.254.169.254/latest/meta-data/", "http://2130706433/", "http://[::1]:22/"]) {
      const res = await run(() =>
        webhooksAction({
          request: post("/admin/webhooks", { intent: "create", url, events: "lesson.completed" }, cookie),
          params: {},
          context: {},
        }),
      );
      expect(res.status, url).toBe(400);
      const body = (await res.json()) as { result: { error: { url?: string[] } }; secret: string | null };
      expect(body.result.error.url?.[0], url).toMatch(/private or local.*WEBHOOK_ALLOWED_HOSTS/);
      expect(body.secret).toBeNull();
    }
    expect(await handle.db.select().from(webhooks)).toHaveLength(0);
  });

  it("a test event for a webhook that is not there queues nothing and answers 404", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    const cookie = await sessionCookieFor(admin);
    expect(await sendTestEvent(handle.db, missing, admin.id)).toEqual({ status: "not_found" });
    const res = await run(() =>
      webhooksAction({
        request: post("/admin/webhooks", { intent: "test", id: missing }, cookie),
        params: {},
        context: {},
      }),
    );
    expect(res.status).toBe(404);
    expect(await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, missing))).toEqual(
      [],
    );
  });

  it("refuses them again at delivery, connects to none and logs a generic reason", async () => {
    for (const url of privateTargets(port)) await storedWebhook(url);
    await deliverDue(handle.db, { policy: strict, limit: 100 });
    expect(received).toEqual([]);
    const log = await handle.db.select().from(webhookDeliveries);
    expect(log).toHaveLength(privateTargets(port).length);
    for (const d of log)
      expect(d).toMatchObject({
        status: "pending",
        attempts: 1,
        lastStatusCode: null,
        lastError: "target refused: private address",
      });
  });

  it("checks the address at delivery, not the one seen when the webhook was added (DNS rebinding)", async () => {
    flips = 0;
    const created = await createWebhook(
      handle.db,
      { url: `http://flip.test:${port}/hook`, events: ["lesson.completed"], actorId: admin.id },
      strict,
    );
    expect(created.ok).toBe(true); // public when added
    await sendTestEvent(handle.db, created.ok ? created.hook.id : "", admin.id);
    await deliverDue(handle.db, { policy: strict });
    expect(received).toEqual([]);
    const [d] = await handle.db.select().from(webhookDeliveries);
    expect(d!.lastError).toBe("target refused: private address");
  });

  it("public targets are accepted when added", async () => {
    for (const url of [
      "https://hooks.example.com/uplift",
      "http://93.184.215.14/hook",
      "https://public.test/x",
      "http://[2606:4700:4700::1111]/",
    ]) {
      const created = await createWebhook(handle.db, { url, events: ["lesson.completed"], actorId: admin.id }, strict);
      expect(created.ok, url).toBe(true);
    }
  });

  it("an allowlisted on-premises receiver gets signed deliveries, by address or by name", async () => {
    const byAddress = await createWebhook(
      handle.db,
      { url: `http://127.0.0.1:${port}/hook`, events: ["lesson.completed"], actorId: admin.id },
      onPrem,
    );
    const byName = await createWebhook(
      handle.db,
      { url: `http://on-prem.test:${port}/hook`, events: ["lesson.completed"], actorId: admin.id },
      onPrem,
    );
    expect(byAddress.ok && byName.ok).toBe(true);
    if (!byAddress.ok || !byName.ok) return;
    await sendTestEvent(handle.db, byAddress.hook.id, admin.id);
    await sendTestEvent(handle.db, byName.hook.id, admin.id);
    expect(await deliverDue(handle.db, { policy: onPrem })).toBe(2);
    expect(received).toHaveLength(2);
    // on-prem.test exists only in the test resolver: reaching the listener proves the socket went to
    // the address the check resolved, while the request still names the host.
    expect(received.map((r) => r.headers.host).sort()).toEqual([`127.0.0.1:${port}`, `on-prem.test:${port}`]);
    for (const r of received) {
      const secret = r.headers.host!.startsWith("on-prem") ? byName.secret : byAddress.secret;
      expect(verifySignature(secret, r.body, String(r.headers["x-uplift-signature"]))).toBe(true);
    }
    const log = await handle.db.select().from(webhookDeliveries);
    expect(log.every((d) => d.status === "delivered" && d.lastStatusCode === 204)).toBe(true);
  });

  it("a failed connection is logged as 'connection failed', never the raw error", async () => {
    const cookieOf = await sessionCookieFor(admin);
    await storedWebhook(`http://127.0.0.1:${closedPort}/hook`);
    await storedWebhook("http://does-not-exist.invalid/hook");
    await deliverDue(handle.db, { policy: onPrem });
    const log = await handle.db.select().from(webhookDeliveries);
    expect(log.map((d) => d.lastError)).toEqual(["connection failed", "connection failed"]);
    // A raw error logged before this rule is not shown either.
    await handle.db
      .update(webhookDeliveries)
      .set({ lastError: "connect ECONNREFUSED 10.0.0.7:5432" })
      .where(eq(webhookDeliveries.id, log[0]!.id));
    const page = await run(() =>
      webhooksLoader({ request: get("/admin/webhooks", cookieOf), params: {}, context: {} }),
    );
    const shown = ((await page.json()) as { deliveries: { lastError: string | null }[] }).deliveries.map(
      (d) => d.lastError,
    );
    expect(shown).toEqual(["connection failed", "connection failed"]);
  });
});
