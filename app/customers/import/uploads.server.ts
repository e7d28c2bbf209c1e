import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "#app/env.server";
import { csvProblem, openCsv, readCsvHeaders, type CsvEncoding } from "./csv-source.server";

/** Uploaded CSV files are kept under DATA_DIR/uploads with random names; ids are validated. */
export function uploadDir() {
  const dir = path.resolve(getEnv().DATA_DIR, "uploads");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function uploadPath(id: string): string | null {
  if (!/^[a-f0-9-]{36}$/.test(id)) return null;
  const p = path.join(uploadDir(), `${id}.csv`);
  return fs.existsSync(p) ? p : null;
}

export function newUploadId() {
  return crypto.randomUUID();
}

/** Deletes an uploaded file (only files inside the upload folder; other paths are left alone). */
export async function removeUpload(file: string) {
  if (path.dirname(path.resolve(file)) !== uploadDir()) return;
  await fs.promises.rm(file, { force: true });
}

export interface Preview {
  headers: string[];
  rows: string[][];
  encoding: CsvEncoding | null;
  problem: string | null;
}

/**
 * Headers and the first rows of an uploaded file, for the preview, and the encoding it was read in.
 * A file that cannot be imported (not CSV, binary, duplicate or too many columns) gives `problem`
 * instead: the header is checked before any row is read.
 */
export async function previewRows(file: string, n = 5): Promise<Preview> {
  try {
    const { headers, encoding } = await readCsvHeaders(file);
    const csv = openCsv(file, { toLine: n + 1 });
    const rows: string[][] = [];
    try {
      for await (const record of csv.records) rows.push(record);
    } finally {
      csv.close();
    }
    return { headers, rows: rows.slice(1), encoding, problem: null };
  } catch (err) {
    const problem = csvProblem(err);
    if (!problem) throw err;
    return { headers: [], rows: [], encoding: null, problem: problem.message };
  }
}
