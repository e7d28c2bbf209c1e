import crypto from "node:crypto";
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import rehypeAutolinkHeadings from "rehype-autolink-headings";
import rehypePrettyCode from "rehype-pretty-code";
import remarkGfm from "remark-gfm";
import rehypeSlug from "rehype-slug";
import { visit } from "unist-util-visit";
import { analyzeMdx, type MdxAnalysis, type QuizDefinition } from "./analyze";
import type { LessonVideo } from "#db/schema/learning";

/** Bump when compile options change so the on-disk cache is invalidated. */
export const COMPILER_VERSION = "7";

export interface CompiledMdx {
  code: string;
  frontmatter: Record<string, unknown>;
  headings: MdxAnalysis["headings"];
  plainText: string;
  quiz: QuizDefinition | null;
  videos: LessonVideo[];
}

export function contentHash(source: string): string {
  return crypto.createHash("sha256").update(COMPILER_VERSION).update("\0").update(source).digest("hex");
}

const IMAGE_TYPES: Record<string, string> = { ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp" };
/** Markdown images with a path relative to the course folder, e.g. `![Flow](./assets/flow.svg)`. */
function localImages(source: string): string[] {
  return [...source.matchAll(/!\[[^\]]*\]\(\s*([^)\s]+)/g)].map((m) => m[1]!).filter((url) => !/^([a-z]+:|\/\/|\/|#)/i.test(url) && IMAGE_TYPES[path.extname(url.split(/[?#]/)[0]!).toLowerCase()]);
}
const readLocal = (cwd: string, url: string) => readFileSync(path.resolve(cwd, decodeURI(url.split(/[?#]/)[0]!)));

/**
 * Course images travel inside the compiled lesson as data: URLs (small SVG diagrams, a few kB): no
 * asset route to secure, nothing to deploy next to the build, and the CSP (img-src 'self' data:) allows
 * them. content:check reports a missing file at its line before this runs.
 */
function remarkInlineImages(cwd: string) {
  return () => (tree: Parameters<typeof visit>[0]) => {
    visit(tree, "image", (node: { url?: string }) => {
      if (!node.url || !localImages(`![](${node.url})`).length) return;
      const type = IMAGE_TYPES[path.extname(node.url.split(/[?#]/)[0]!).toLowerCase()]!;
      node.url = `data:${type};base64,${readLocal(cwd, node.url).toString("base64")}`;
    });
  };
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
  // The hash covers the images the lesson embeds, so editing a diagram recompiles the lesson.
  const images = localImages(source);
  const hash = contentHash(images.length ? `${source}\0${images.map((url) => { try { return crypto.createHash("sha256").update(readLocal(opts.cwd, url)).digest("hex"); } catch { return "missing"; } }).join()}` : source);
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
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm, remarkInlineImages(opts.cwd)];
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
  const compiled: CompiledMdx = { code: result.code, frontmatter: result.frontmatter, headings: analysis.headings, plainText: analysis.plainText, quiz: analysis.quiz,
    videos: analysis.videos.map(({ key, title, durationSeconds }) => ({ key, title, durationSeconds })) };
  await fs.mkdir(opts.cacheDir, { recursive: true });
  await fs.writeFile(cacheFile, JSON.stringify(compiled));
  return { ...compiled, hash };
}
