import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCKOUT_THRESHOLD } from "#app/auth/sign-in.server";
import { postForm, rawRequest, startAcademyServer, streamChunked } from "../../support/http-server";

/**
 * The real server over real sockets (issue 15): body limits on chunked requests, client addresses
 * from the socket (TRUST_PROXY unset), CSRF on the normalised path, control characters in redirects.
 */
describe("HTTP hardening (real server, TRUST_PROXY unset)", () => {
  let server: Awaited<ReturnType<typeof startAcademyServer>>;
  beforeAll(async () => {
    server = await startAcademyServer({ MAX_UPLOAD_MB: "2" });
  }, 600_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("stops reading a chunked body (no Content-Length) at MAX_UPLOAD_MB and answers 413", async () => {
    const total = 64 * 1024 * 1024;
    const result = await streamChunked(server.url, "/login", total, {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    expect(result.status, JSON.stringify(result)).toBe(413);
    // The server answered (and closed the connection) long before the client could send everything.
    expect(result.finished).toBe(false);
    expect(result.sent).toBeLessThan(total / 2);
    // …and keeps serving.
    expect((await rawRequest(server.url, { path: "/healthz" })).status).toBe(200);
  });

  it("a browser's over-limit form post (an upload without JavaScript) gets a page with a way back, nothing saved", async () => {
    const headers = {
      Origin: server.url,
      "Content-Type": "multipart/form-data; boundary=x",
      "Content-Length": String(3 * 1024 * 1024),
    };
    const page = await rawRequest(server.url, {
      method: "POST",
      path: "/admin/imports?index",
      headers: { ...headers, Accept: "text/html,application/xhtml+xml,*/*;q=0.8" },
      body: "--x",
    });
    expect(page.status).toBe(413);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.body).toContain("Request too large: the limit is 2 MB. Nothing was saved.");
    expect(page.body).toContain('<a href="/admin/imports">Back to the form</a>');
    // Scripts and other clients still get the plain line.
    const plain = await rawRequest(server.url, { method: "POST", path: "/admin/imports?index", headers, body: "--x" });
    expect(plain.status).toBe(413);
    expect(plain.headers["content-type"]).toMatch(/^text\/plain/);
  });

  it("ignores a client's X-Forwarded-For: 30 parallel wrong passwords, each 'from' another address, evaluate at most the threshold", async () => {
    const email = "bob@acme.example";
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        postForm(
          server.url,
          "/login",
          { email, password: `wrong-${i}` },
          { headers: { "X-Forwarded-For": `203.0.113.${i + 1}` } },
        ),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LOCKOUT_THRESHOLD);
    expect(statuses.filter((s) => s !== 401).every((s) => s === 429)).toBe(true);
    // That address is locked out of this account (back-off)…
    const again = await postForm(server.url, "/login", { email, password: "uplift-demo" });
    expect(again.status).toBe(429);
    // …but Bob, from another address, still signs in: one address cannot lock the account for everyone.
    const bob = await postForm(server.url, "/login", { email, password: "uplift-demo" }, { from: "127.0.0.2" });
    expect(bob.status).toBe(302);
  });

  it("clients without a proxy header do not share one rate-limit key", async () => {
    const failures = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        postForm(
          server.url,
          "/login",
          { email: `nobody-${i}@nowhere.example`, password: "wrong" },
          { from: "127.0.0.3" },
        ),
      ),
    );
    expect(failures.every((f) => f.status === 401 || f.status === 429)).toBe(true);
    const carol = await postForm(
      server.url,
      "/login",
      { email: "carol@globex.example", password: "uplift-demo" },
      { from: "127.0.0.4" },
    );
    expect(carol.status).toBe(302);
  });

  it.each(["/api/../team?_data=routes%2Fteam", "/api/%2e%2e/team?_data=routes%2Fteam", "/api/%2E%2E/team"])(
    "checks CSRF on the normalised path: %s",
    async (path) => {
      const res = await rawRequest(server.url, {
        method: "POST",
        path,
        body: "intent=invite&email=x%40y.example",
        headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      });
      expect(res.status).toBe(403);
    },
  );

  it.each(["/\r/evil.example", "/%0d/evil.example", "/%09/evil.example/phish", "/\t/evil.example"])(
    "a redirect target with control characters (%j) sends the user home, never 500",
    async (redirectTo) => {
      const res = await postForm(
        server.url,
        "/login",
        { email: "dan@initech.example", password: "uplift-demo", redirectTo },
        { from: "127.0.0.5" },
      );
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe("/");
    },
  );
});
