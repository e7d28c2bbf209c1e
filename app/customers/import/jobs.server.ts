import crypto from "node:crypto";
import type { Db } from "#db/index";
import { runImport, type ImportOptions, type ImportProgress, type ImportResult } from "./engine.server";
import { describeError } from "./failures.server";
import { removeUpload } from "./uploads.server";

/**
 * Imports started from the admin UI run in the background of the server process; their progress lives
 * here for the progress page. The database record is written by the engine when the import ends, and
 * the uploaded file is deleted then, whatever the outcome (the rejected rows stay in the record).
 */
export interface ImportJob {
  id: string;
  kind: string;
  fileName: string;
  phase: ImportProgress["phase"] | "done" | "failed";
  rows: number;
  fraction: number;
  result?: ImportResult;
  error?: string;
  startedAt: number;
  filePath: string;
}

const g = globalThis as unknown as { __upliftImportJobs?: Map<string, ImportJob> };
const jobs: Map<string, ImportJob> = (g.__upliftImportJobs ??= new Map());

export function startImportJob(db: Db, opts: ImportOptions & { fileName: string }): ImportJob {
  const job: ImportJob = {
    id: crypto.randomUUID(),
    kind: opts.kind,
    fileName: opts.fileName,
    phase: "reading",
    rows: 0,
    fraction: 0,
    startedAt: Date.now(),
    filePath: opts.filePath,
  };
  jobs.set(job.id, job);
  runImport(db, { ...opts, onProgress: (p) => Object.assign(job, p) })
    .then(
      (result) => ({ phase: "done" as const, result }),
      (err: unknown) => {
        // runImport records and explains database failures itself; what is left here is unexpected.
        console.warn(`[uplift] import job ${job.id} (${opts.kind}, ${opts.fileName}) stopped: ${describeError(err)}`);
        return { phase: "failed" as const, error: "The import stopped unexpectedly (details are in the server log)" };
      },
    )
    .then(async (outcome) => {
      await removeUpload(opts.filePath);
      Object.assign(job, outcome);
    });
  for (const [id, j] of jobs) if (Date.now() - j.startedAt > 24 * 3600_000) jobs.delete(id);
  return job;
}

export function getImportJob(id: string): ImportJob | undefined {
  return jobs.get(id);
}

/** Files that running imports are reading (the retention sweep leaves them alone). */
export function activeImportFiles(): Set<string> {
  return new Set(
    [...jobs.values()].filter((j) => j.phase === "reading" || j.phase === "finishing").map((j) => j.filePath),
  );
}
