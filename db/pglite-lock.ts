import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * One opener per PGlite data directory, recorded in `<dir>/uplift-opener.json`. PGlite has no lock of
 * its own, and two processes opening one directory can leave it unstartable after a crash.
 *
 * Taking the lock: the record is written to a temporary file and hard-linked to the lock's name, which
 * fails when the name exists (atomic, and the record is complete the moment it appears). A record
 * whose process is gone (kill -9, power loss) is stale and removed; pids are reused, so a record also
 * keeps its process's start time (Linux /proc) and a live pid with another start time is stale too.
 * Removing a stale record is guarded by a second, short-lived lock (`.break`) so two openers that
 * both found it stale cannot remove each other's fresh record.
 */

export const LOCK_FILE = "uplift-opener.json";

export interface OpenerRecord {
  pid: number;
  /** The process's start time in clock ticks since boot (Linux), or null where /proc is missing. */
  procStart: string | null;
  role: "server" | "command";
  /** What is running, for messages: "npm run import", "the academy server". */
  command: string;
  since: string;
  nonce: string;
  /** The server's PGlite over the PostgreSQL protocol (pglite-serve.ts), once its schema is current. */
  endpoint?: { host: string; port: number; password: string };
}

export const lockPath = (dir: string) => path.join(path.resolve(dir), LOCK_FILE);

function procStart(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after "(comm)" start at field 3; starttime is field 22.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

/** A killed process stays a zombie ("Z") until its parent reaps it; it holds nothing any more. */
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
    return state === "Z" || state === "X";
  } catch {
    return false;
  }
}

export function isAlive(record: Pick<OpenerRecord, "pid" | "procStart">): boolean {
  try {
    process.kill(record.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false; // EPERM: alive, another user's
  }
  if (isZombie(record.pid)) return false;
  const now = record.procStart ? procStart(record.pid) : null;
  return !(record.procStart && now && now !== record.procStart);
}

export function readLock(dir: string): OpenerRecord | null {
  try {
    return JSON.parse(fs.readFileSync(lockPath(dir), "utf8")) as OpenerRecord;
  } catch {
    return null;
  }
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Removes the lock file if it still holds exactly `seen` (the stale record that was read). */
function removeStale(file: string, seen: string) {
  const breaker = `${file}.break`;
  try {
    fs.writeFileSync(breaker, String(process.pid), { flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    // Held for microseconds by a live remover; one left by a crash in that window is old.
    try {
      if (Date.now() - fs.statSync(breaker).mtimeMs > 10_000) fs.rmSync(breaker, { force: true });
    } catch {
      /* gone */
    }
    sleepSync(20);
    return;
  }
  try {
    if (fs.readFileSync(file, "utf8") === seen) fs.rmSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  } finally {
    fs.rmSync(breaker, { force: true });
  }
}

export interface HeldLock {
  record: OpenerRecord;
  /** Rewrites the record (e.g. to publish the endpoint). */
  update(patch: Partial<OpenerRecord>): void;
  release(): void;
}

export type LockAttempt = { ok: true; lock: HeldLock } | { ok: false; holder: OpenerRecord };

/** Takes the directory's lock, or names the live process that holds it. Stale records are removed. */
export function tryLock(dir: string, who: Pick<OpenerRecord, "role" | "command">): LockAttempt {
  fs.mkdirSync(path.resolve(dir), { recursive: true });
  const file = lockPath(dir);
  const record: OpenerRecord = {
    pid: process.pid,
    procStart: procStart(process.pid),
    ...who,
    since: new Date().toISOString(),
    nonce: crypto.randomBytes(8).toString("hex"),
  };
  const tmp = `${file}.${process.pid}.${record.nonce}.tmp`;
  const write = (target: string, r: OpenerRecord) =>
    fs.writeFileSync(target, JSON.stringify(r, null, 2), { mode: 0o600 });
  write(tmp, record);
  try {
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        fs.linkSync(tmp, file);
        return { ok: true, lock: heldLock(file, record, write) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      }
      let seen: string;
      try {
        seen = fs.readFileSync(file, "utf8");
      } catch {
        continue;
      } // removed meanwhile: try again
      let holder: OpenerRecord | null = null;
      try {
        holder = JSON.parse(seen) as OpenerRecord;
      } catch {
        /* unreadable: treat as stale */
      }
      if (holder && typeof holder.pid === "number" && isAlive(holder)) return { ok: false, holder };
      removeStale(file, seen);
    }
    throw new Error(`could not take the lock ${file}`);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function heldLock(file: string, initial: OpenerRecord, write: (target: string, r: OpenerRecord) => void): HeldLock {
  let record = initial;
  let held = true;
  const ours = () => {
    try {
      return (JSON.parse(fs.readFileSync(file, "utf8")) as OpenerRecord).nonce === record.nonce;
    } catch {
      return false;
    }
  };
  const release = () => {
    if (!held) return;
    held = false;
    process.off("exit", release);
    if (ours()) fs.rmSync(file, { force: true });
  };
  process.on("exit", release); // a normal exit, or a handled signal that exits; kill -9 leaves a stale record
  return {
    get record() {
      return record;
    },
    update(patch) {
      record = { ...record, ...patch };
      const tmp = `${file}.${record.nonce}.update`;
      write(tmp, record);
      fs.renameSync(tmp, file);
    },
    release,
  };
}
