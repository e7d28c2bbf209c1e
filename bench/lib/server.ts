import { spawn, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

export interface BenchServer {
  url: string;
  pid: number;
  /** What the server printed so far. */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Starts the production server (build must exist) as a child process and waits for /healthz.
 * BENCH_CPU_PROF=dir writes V8 CPU profiles of the server tree there (open the largest .cpuprofile
 * in Chrome DevTools) to see where a scenario's time goes.
 */
export async function startServer(env: Record<string, string>, port: number): Promise<BenchServer> {
  if (
    await fetch(`http://127.0.0.1:${port}/healthz`).then(
      () => true,
      () => false,
    )
  ) {
    throw new Error(`port ${port} is already serving: stop that server first`);
  }
  // Own process group, so stop() ends the whole tree (npx → tsx → node), not just the wrapper.
  const prof = process.env.BENCH_CPU_PROF;
  const [cmd, args] = prof
    ? ["node", ["--cpu-prof", `--cpu-prof-dir=${prof}`, "--import", "tsx", "scripts/server.ts"]]
    : ["npx", ["tsx", "scripts/server.ts"]];
  const child: ChildProcess = spawn(cmd, args, {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      BENCH_BARE_ROUTE: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    await sleep(200);
  }
  return {
    url,
    pid: child.pid!,
    log: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        process.kill(-child.pid!, "SIGTERM");
      }),
  };
}
