import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { createProcessDatabase } from "./process-db";

/**
 * The real academy server (scripts/server.ts, production build) on a free port over a throw-away
 * database, for tests that need real sockets: client addresses, chunked bodies, raw paths.
 * Needs `npm run build` (npm test builds before vitest).
 */
export async function startAcademyServer(env: Record<string, string> = {}) {
  const db = await createProcessDatabase();
  const port = await freePort();
  let log = "";
  const server: ChildProcess = spawn("npx", ["tsx", "scripts/server.ts"], {
    env: {
      ...process.env, ...db.env, NODE_ENV: "production", SESSION_SECRET: "http-test-secret-0123456789abcdef",
      CONTENT_DIR: "tests/fixtures/content", PORT: String(port), HOST: "127.0.0.1", WEB_CONCURRENCY: "1", ...env,
    } as NodeJS.ProcessEnv,
    detached: true,
  });
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    if (server.exitCode !== null || i > 900) throw new Error(`the server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url, port, log: () => log,
    async stop() {
      if (server.exitCode === null) { try { process.kill(-server.pid!, "SIGKILL"); } catch { /* gone */ } }
      await new Promise((r) => setTimeout(r, 200));
      await db.drop();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    }).on("error", reject);
  });
}

export interface RawResponse { status: number; headers: http.IncomingHttpHeaders; body: string }

/**
 * One HTTP request with full control: raw path (no normalisation), extra headers and the local address
 * it comes from (any 127.x.y.z works on Linux, so tests can be "different clients" without a proxy).
 */
export function rawRequest(url: string, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string; from?: string }): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method: opts.method ?? "GET", path: opts.path, headers: opts.headers, localAddress: opts.from, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** A form POST as a same-origin browser sends it. */
export function postForm(url: string, path: string, fields: Record<string, string>, opts: { from?: string; headers?: Record<string, string> } = {}) {
  return rawRequest(url, {
    method: "POST", path, from: opts.from, body: new URLSearchParams(fields).toString(),
    headers: { Origin: url, "Content-Type": "application/x-www-form-urlencoded", ...opts.headers },
  });
}

/**
 * Streams `total` bytes as a chunked body (no Content-Length) and reports how the server answered and
 * how many bytes the client got to send before the server closed the connection. With
 * `keepSending`, the client goes on sending after the answer (as an attacker would).
 */
export function streamChunked(url: string, path: string, total: number, headers: Record<string, string> = {}, opts: { keepSending?: boolean } = {}): Promise<{ status: number; sent: number; finished: boolean }> {
  const { hostname, port } = new URL(url);
  const chunk = Buffer.alloc(64 * 1024, "a");
  return new Promise((resolve) => {
    let sent = 0;
    let status = 0;
    let answered = false;
    let written = false;
    let done = false;
    const finish = () => { if (!done) { done = true; resolve({ status, sent, finished: sent >= total && written }); } };
    const req = http.request({ host: hostname, port, method: "POST", path, agent: false, headers: { Origin: url, "Transfer-Encoding": "chunked", ...headers } }, (res) => {
      status = res.statusCode ?? 0;
      res.resume();
      res.on("end", () => { answered = true; if (written || !opts.keepSending) finish(); });
      res.on("error", () => {});
    });
    // The server closed the connection while we were still sending (EPIPE): its answer may still be in
    // the socket's read buffer, so give the parser a moment before reporting.
    req.on("error", () => { written = false; setTimeout(finish, 300); });
    const pump = () => {
      while (!done && sent < total && (opts.keepSending || status === 0)) {
        sent += chunk.length;
        if (!req.write(chunk)) { req.once("drain", pump); return; }
      }
      if (sent >= total && !done) req.end(() => { written = true; if (answered) finish(); });
    };
    pump();
  });
}
