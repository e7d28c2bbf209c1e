import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The vendored third-party data sets (tests/fixtures/reference-data: README, licence, SHA256SUMS each). */
export const REFERENCE_DATA_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "..",
  "fixtures",
  "reference-data",
);

/** A folder of the vendored reference data; fails at once, naming the path, if it is missing. */
export function referenceData(...parts: string[]): string {
  const dir = path.join(REFERENCE_DATA_DIR, ...parts);
  if (!fs.existsSync(dir))
    throw new Error(`reference data not found at ${dir} (it is part of the repository: tests/fixtures/reference-data)`);
  return dir;
}
