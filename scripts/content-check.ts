/**
 * npm run content:check — validate every content file; prints path:line:col message, exits 1 on problems.
 * npm run content:check -- --hash <source.mdx> — print the line to paste into a translation's frontmatter.
 */
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { checkContent } from "../app/content/check.server";
import { sourceHashOf } from "../app/content/translations";

const args = process.argv.slice(2);
const hashAt = args.indexOf("--hash");
if (hashAt >= 0) {
  const files = args.slice(hashAt + 1);
  if (!files.length) {
    console.error("usage: npm run content:check -- --hash <source file.mdx> [...]");
    process.exit(2);
  }
  for (const file of files) {
    if (!fs.existsSync(file)) {
      console.error(`${file}: no such file`);
      process.exit(2);
    }
    console.log(`${files.length > 1 ? `${file}: ` : ""}sourceHash: ${sourceHashOf(fs.readFileSync(file, "utf8"))}`);
  }
  process.exit(0);
}

const dir = args[0] ?? "content";
checkContent(dir, { cacheDir: path.join(os.tmpdir(), "uplift-content-check") }).then((problems) => {
  for (const p of problems) console.log(`${p.file}:${p.line}:${p.col} ${p.message}`);
  if (problems.length) {
    console.log(`\n${problems.length} problem(s) found`);
    process.exit(1);
  }
  console.log("content OK");
});
