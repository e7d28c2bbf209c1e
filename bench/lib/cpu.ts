import fs from "node:fs";

/**
 * CPU time (user + system) spent by processes, read from Linux's /proc: the server's process tree
 * (its process group, workers included) and the local PostgreSQL's backends. Throughput on a shared
 * machine drifts with the machine's speed; CPU per request says where the work went. Returns null
 * where /proc is missing (not Linux).
 */
const TICK_MS = 10; // /proc reports in USER_HZ, 100 on Linux

interface ProcStat {
  comm: string;
  pgid: number;
  ticks: number;
}

function readStats(): ProcStat[] | null {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return null;
  }
  const stats: ProcStat[] = [];
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const raw = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const close = raw.lastIndexOf(")");
      const fields = raw.slice(close + 2).split(" "); // fields[0] is the state (field 3 of stat)
      stats.push({
        comm: raw.slice(raw.indexOf("(") + 1, close),
        pgid: Number(fields[2]),
        ticks: Number(fields[11]) + Number(fields[12]),
      });
    } catch {
      /* the process ended while we read */
    }
  }
  return stats;
}

export interface CpuSample {
  server: number;
  database: number;
}

/** Milliseconds of CPU used so far by the server's process group and by processes named postgres. */
export function sampleCpu(serverPgid: number): CpuSample | null {
  const stats = readStats();
  if (!stats) return null;
  const sum = (pred: (s: ProcStat) => boolean) => stats.filter(pred).reduce((a, s) => a + s.ticks, 0) * TICK_MS;
  return { server: sum((s) => s.pgid === serverPgid), database: sum((s) => s.comm === "postgres") };
}

export interface CpuPerRequest {
  serverMs: number;
  databaseMs: number;
  /** This process (autocannon runs in it), which shares the machine's cores with server and database. */
  loadGeneratorMs: number;
}
