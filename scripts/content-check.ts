/** npm run content:check — validate every content file; prints path:line:col message, exits 1 on problems. */
import path from "node:path";
import os from "node:os";
import { checkContent } from "../app/content/check.server";

const dir = process.argv[2] ?? "content";
checkContent(dir, { cacheDir: path.join(os.tmpdir(), "uplift-content-check") }).then((problems) => {
  for (const p of problems) console.log(`${p.file}:${p.line}:${p.col} ${p.message}`);
  if (problems.length) {
    console.log(`\n${problems.length} problem(s) found`);
    process.exit(1);
  }
  console.log("content OK");
});
