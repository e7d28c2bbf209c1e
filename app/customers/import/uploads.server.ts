import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse";
import { getEnv } from "#app/env.server";

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

/** Headers and the first rows of an uploaded file, for the preview. */
export async function previewRows(file: string, n = 5): Promise<{ headers: string[]; rows: string[][] }> {
  const out: string[][] = [];
  const parser = fs.createReadStream(file).pipe(parse({ bom: true, skip_empty_lines: true, relax_column_count: true, to_line: n + 1 }));
  for await (const record of parser as AsyncIterable<string[]>) out.push(record);
  return { headers: (out[0] ?? []).map((h) => h.trim()), rows: out.slice(1) };
}
