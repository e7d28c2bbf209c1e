import os from "node:os";
import path from "node:path";
import type { Db } from "#db/index";
import { syncContent } from "#app/content/sync.server";

export const FIXTURE_CONTENT = path.resolve("tests/fixtures/content");

export async function syncFixtureContent(db: Db, contentDir = FIXTURE_CONTENT) {
  const result = await syncContent(db, { contentDir, cacheDir: path.join(os.tmpdir(), "uplift-test-mdx-cache") });
  if (result.problems.length) throw new Error(JSON.stringify(result.problems));
  return result;
}
