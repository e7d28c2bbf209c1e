import fs from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/index";
import { importMappings } from "#db/schema/index";
import { DATE_FORMATS } from "./fields";

/** A saved column mapping: { kind?, dateFormat?, mapping: { field: "CSV header" } }. */
export const MappingFile = z.object({
  kind: z.string().optional(),
  dateFormat: z.enum(DATE_FORMATS).default("yyyy-MM-dd"),
  mapping: z.record(z.string(), z.string()),
});
export type MappingFile = z.infer<typeof MappingFile>;

export async function readMappingFile(file: string): Promise<MappingFile> {
  const parsed = MappingFile.safeParse(JSON.parse(await fs.readFile(file, "utf8")));
  if (!parsed.success)
    throw new Error(
      `${file}: invalid mapping file: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}

/** Mappings shipped with the app for known sources (app/customers/mappings/<source>/<kind>.json). */
export function bundledMappingPath(source: string, kind: string): string {
  const candidates = [
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../mappings"),
    path.resolve("app/customers/mappings"),
  ];
  return path.join(candidates[1]!, source.replace(/[^a-z0-9_-]/gi, ""), `${kind.replace(/[^a-z_]/g, "")}.json`);
}

export async function loadSavedMapping(db: Db, source: string, kind: string): Promise<MappingFile | null> {
  const [row] = await db
    .select()
    .from(importMappings)
    .where(and(eq(importMappings.source, source), eq(importMappings.kind, kind)));
  if (row) return { mapping: row.mapping, dateFormat: row.dateFormat as MappingFile["dateFormat"] };
  return readMappingFile(bundledMappingPath(source, kind)).catch(() => null);
}

export async function saveMapping(db: Db, source: string, kind: string, m: MappingFile) {
  await db
    .insert(importMappings)
    .values({ source, kind, mapping: m.mapping, dateFormat: m.dateFormat })
    .onConflictDoUpdate({
      target: [importMappings.source, importMappings.kind],
      set: { mapping: m.mapping, dateFormat: m.dateFormat, updatedAt: sql`now()` },
    });
}
