import { createRequestHandler } from "@remix-run/node";
import fs from "node:fs";
process.env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/uplift_bench";
process.env.SESSION_SECRET = "bench-session-secret-0123456789";
process.env.NODE_ENV = "production";
const build = await import("./build/index.js");
const handler = createRequestHandler(build as never, "production");
const cookie = fs.readFileSync("/tmp/prof/cookie.txt", "utf8").trim();
const { runWithRequestMemo } = await import("./app/utils/request-memo.server");
async function time(path: string, n: number, conc = 8) {
  const req = () => new Request("http://127.0.0.1:3199" + path, { headers: { cookie } });
  const one = () => runWithRequestMemo("GET", () => handler(req(), { cspNonce: "abc" })).then((r) => r.text());
  const runN = async (k: number) => { let i = 0; await Promise.all(Array.from({ length: conc }, async () => { while (i++ < k) await one(); })); };
  await runN(300);
  const c = process.cpuUsage(); const t = performance.now();
  await runN(n);
  const cu = process.cpuUsage(c);
  return `wall ${((performance.now() - t) / n).toFixed(3)} ms, cpu ${((cu.user + cu.system) / 1000 / n).toFixed(3)} ms/req`;
}
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ["/bench/bare", "/courses/getting-started/gs-your-workspace"];
for (let r = 0; r < 2; r++) for (const p of paths) console.log(p, await time(p, 2000));
process.exit(0);
