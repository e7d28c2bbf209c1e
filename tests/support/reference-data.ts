import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A folder of ../shared/reference-data (beside the project root, whatever directory the tests are
 * started from). Fails at once, with the path it looked at, when the folder is missing.
 */
export function referenceData(...parts: string[]): string {
  const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  const dir = path.join(projectRoot, "..", "shared", "reference-data", ...parts);
  if (!fs.existsSync(dir)) throw new Error(`reference data not found at ${dir}: these tests need ../shared/reference-data beside the project root`);
  return dir;
}
