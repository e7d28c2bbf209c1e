import crypto from "node:crypto";
import type { Db } from "#db/index";
import { runImport, type ImportOptions, type ImportProgress, type ImportResult } from "./engine.server";

/**
 * Imports started from the admin UI run in the background of the server process; their progress lives
 * here for the progress page. The database record is written by the engine when the import ends.
 */
export interface ImportJob { id: string; kind: string; fileName: string; phase: ImportProgress["phase"] | "done" | "failed"; rows: number; fraction: number; result?: ImportResult; error?: string; startedAt: number }

const g = globalThis as unknown as { __upliftImportJobs?: Map<string, ImportJob> };
const jobs: Map<string, ImportJob> = (g.__upliftImportJobs ??= new Map());

export function startImportJob(db: Db, opts: ImportOptions & { fileName: string }): ImportJob {
  const job: ImportJob = { id: crypto.randomUUID(), kind: opts.kind, fileName: opts.fileName, phase: "reading", rows: 0, fraction: 0, startedAt: Date.now() };
  jobs.set(job.id, job);
  runImport(db, { ...opts, onProgress: (p) => Object.assign(job, p) })
    .then((result) => Object.assign(job, { phase: "done", result }))
    .catch((err: unknown) => Object.assign(job, { phase: "failed", error: err instanceof Error ? err.message : String(err) }));
  for (const [id, j] of jobs) if (Date.now() - j.startedAt > 24 * 3600_000) jobs.delete(id);
  return job;
}

export function getImportJob(id: string): ImportJob | undefined {
  return jobs.get(id);
}
