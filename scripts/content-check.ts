/**
 * npm run content:check [-- <dir>] [--watch] — validate every content file; prints path:line:col message,
 * exits 1 on problems. With --watch, checks again whenever a file under <dir> changes (never exits).
 * npm run content:check -- --hash <source.mdx> — print the `sourceHash:` line to paste into a translation.
 */
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { parseArgs } from "node:util";
import chokidar from "chokidar";
import { checkContent } from "../app/content/check.server";
import { sourceHashOf } from "../app/content/translations";

const hashAt = process.argv.indexOf("--hash");
if (hashAt >= 0) {
  const files = process.argv.slice(hashAt + 1);
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

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { watch: { type: "boolean", default: false } },
});
const dir = positionals[0] ?? "content";
const cacheDir = path.join(os.tmpdir(), "uplift-content-check");

async function checkOnce(): Promise<number> {
  const problems = await checkContent(dir, { cacheDir });
  for (const p of problems) console.log(`${p.file}:${p.line}:${p.col} ${p.message}`);
  if (problems.length) console.log(`\n${problems.length} problem(s) found`);
  else console.log("content OK");
  return problems.length;
}

if (!values.watch) {
  checkOnce().then((n) => {
    if (n) process.exit(1);
  });
} else {
  // One check at a time; changes during a check schedule exactly one more.
  let running = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    console.log(`\n[${new Date().toLocaleTimeString()}] checking ${dir}…`);
    try {
      await checkOnce();
    } catch (err) {
      console.error(err instanceof Error ? err.message : String(err));
    }
    running = false;
    if (again) {
      again = false;
      void run();
    } else console.log("watching for changes (Ctrl-C to stop)");
  };
  chokidar
    .watch(dir, { ignoreInitial: true, ignored: (p: string) => path.basename(p) === ".content-ids.json" })
    .on("all", () => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), 150);
    })
    .on("ready", () => void run());
}
