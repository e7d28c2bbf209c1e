import fs from "node:fs";
import path from "node:path";

/**
 * content/.content-ids.json remembers which id each file had (path → id). The checker refuses a
 * changed id for an existing path; sync adds new files. Ids are permanent: progress is keyed on them.
 */
export function readIdRegistry(contentDir: string): Record<string, string> {
  try {
    return JSON.parse(fs.readFileSync(path.join(contentDir, ".content-ids.json"), "utf8")) as Record<string, string>;
  } catch {
    return {};
  }
}

export function writeIdRegistry(contentDir: string, entries: Record<string, string>) {
  const merged = { ...readIdRegistry(contentDir), ...entries };
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => a.localeCompare(b)));
  try {
    fs.writeFileSync(path.join(contentDir, ".content-ids.json"), `${JSON.stringify(sorted, null, 2)}\n`);
  } catch {
    /* read-only content directory (e.g. a container image): the committed registry stays as it is */
  }
}
