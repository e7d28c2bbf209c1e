import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import rehypeAutolinkHeadings from "rehype-autolink-headings";
import rehypePrettyCode from "rehype-pretty-code";
import remarkGfm from "remark-gfm";
import rehypeSlug from "rehype-slug";
import { analyzeMdx, type MdxAnalysis, type QuizDefinition } from "./analyze";

/** Bump when compile options change so the on-disk cache is invalidated. */
export const COMPILER_VERSION = "6";

export interface CompiledMdx {
  code: string;
  frontmatter: Record<string, unknown>;
  headings: MdxAnalysis["headings"];
  plainText: string;
  quiz: QuizDefinition | null;
}

export function contentHash(source: string): string {
  return crypto.createHash("sha256").update(COMPILER_VERSION).update("\0").update(source).digest("hex");
}

export const compileStats = { compiled: 0, cacheHits: 0 };

// esbuild runs are memory-hungry: compile one file at a time.
let queue: Promise<unknown> = Promise.resolve();
function enqueue<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job, job);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Compile MDX once per content hash; results are cached on disk under cacheDir. Quizzes are cut out
 * before compiling (the browser only ever gets <QuizSlot />); code is highlighted here, at build time,
 * with both light and dark colours (shiki CSS variables), so no highlighter ships to the browser.
 */
export async function compileMdx(source: string, opts: { cwd: string; cacheDir: string }): Promise<CompiledMdx & { hash: string }> {
  const hash = contentHash(source);
  const cacheFile = path.join(opts.cacheDir, `${hash}.json`);
  try {
    const cached = JSON.parse(await fs.readFile(cacheFile, "utf8")) as CompiledMdx;
    compileStats.cacheHits++;
    return { ...cached, hash };
  } catch {
    /* not cached yet */
  }
  const analysis = analyzeMdx(source);
  if (analysis.problems.length) {
    const p = analysis.problems[0]!;
    throw Object.assign(new Error(p.message), { line: p.at.line, column: p.at.col });
  }
  const result = await enqueue(() =>
    bundleMDX({
      source: analysis.publicSource,
      cwd: opts.cwd,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm];
        options.rehypePlugins = [
          ...(options.rehypePlugins ?? []),
          rehypeSlug,
          [rehypeAutolinkHeadings, { behavior: "append", properties: { className: ["heading-anchor"], ariaHidden: true, tabIndex: -1 }, content: { type: "text", value: "#" } }],
          [rehypePrettyCode, { theme: { light: "github-light", dark: "github-dark" }, keepBackground: false }],
        ];
        return options;
      },
    }),
  );
  compileStats.compiled++;
  const compiled: CompiledMdx = { code: result.code, frontmatter: result.frontmatter, headings: analysis.headings, plainText: analysis.plainText, quiz: analysis.quiz };
  await fs.mkdir(opts.cacheDir, { recursive: true });
  await fs.writeFile(cacheFile, JSON.stringify(compiled));
  return { ...compiled, hash };
}
