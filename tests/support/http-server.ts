import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { createProcessDatabase } from "./process-db";
import { freePort } from "./ports";

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
      ...process.env,
      ...db.env,
      NODE_ENV: "production",
      SESSION_SECRET: "http-test-secret-0123456789abcdef",
      CONTENT_DIR: "tests/fixtures/content",
      PORT: String(port),
      HOST: "127.0.0.1",
      WEB_CONCURRENCY: "1",
      ...env,
    } as NodeJS.ProcessEnv,
    detached: true,
  });
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (server.exitCode !== null || i > 900) throw new Error(`the server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    port,
    log: () => log,
    async stop() {
      if (server.exitCode === null) {
        try {
          process.kill(-server.pid!, "SIGKILL");
        } catch {
          /* gone */
        }
      }
      await new Promise((r) => setTimeout(r, 200));
      await db.drop();
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request with full control: raw path (no normalisation), extra headers and the local address
 * it comes from (any 127.x.y.z works on Linux, so tests can be "different clients" without a proxy).
 */
export function rawRequest(
  url: string,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string; from?: string },
): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: hostname,
        port,
        method: opts.method ?? "GET",
        path: opts.path,
        headers: opts.headers,
        localAddress: opts.from,
        agent: false,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** A form POST as a same-origin browser sends it. */
export function postForm(
  url: string,
  path: string,
  fields: Record<string, string>,
  opts: { from?: string; headers?: Record<string, string> } = {},
) {
  return rawRequest(url, {
    method: "POST",
    path,
    from: opts.from,
    body: new URLSearchParams(fields).toString(),
    headers: { Origin: url, "Content-Type": "application/x-www-form-urlencoded", ...opts.headers },
  });
}

/**
 * Streams `total` bytes as a chunked body (no Content-Length) over a raw socket, as an attacker's client
 * would, and reports the status the server answered with and how many bytes the client got to send
 * before the server stopped it (closed the connection or stopped reading).
 */
export function streamChunked(
  url: string,
  path: string,
  total: number,
  headers: Record<string, string> = {},
): Promise<{ status: number; sent: number; finished: boolean }> {
  const { hostname, port, host } = new URL(url);
  const payload = Buffer.alloc(64 * 1024, "a");
  const chunk = Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from("\r\n")]);
  return new Promise((resolve) => {
    let sent = 0;
    let received = "";
    let done = false;
    const status = () => Number(/^HTTP\/1\.1 (\d{3})/.exec(received)?.[1] ?? 0);
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ status: status(), sent, finished: sent >= total });
    };
    const socket = net.connect(Number(port), hostname, () => {
      const head = Object.entries({ Host: host, Origin: url, "Transfer-Encoding": "chunked", ...headers })
        .map(([k, v]) => `${k}: ${v}`)
        .join("\r\n");
      socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n\r\n`);
      pump();
    });
    socket.setEncoding("latin1");
    socket.on("data", (d: string) => {
      received += d;
      if (status()) setTimeout(finish, 100);
    });
    socket.on("error", () => setTimeout(finish, 100)); // reset by the server: report what arrived
    socket.on("close", () => setTimeout(finish, 100));
    const pump = () => {
      while (!done && sent < total && !status()) {
        sent += payload.length;
        if (!socket.write(chunk)) {
          socket.once("drain", pump);
          return;
        }
      }
      if (sent >= total && !done) socket.write("0\r\n\r\n");
    };
  });
}
