import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import remarkGfm from "remark-gfm";
import rehypeSlug from "rehype-slug";

/** Bump when compile options change so the on-disk cache is invalidated. */
export const COMPILER_VERSION = "1";

export interface CompiledMdx {
  code: string;
  frontmatter: Record<string, unknown>;
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

/** Compile MDX once per content hash; results are cached on disk under cacheDir. */
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
  const result = await enqueue(() =>
    bundleMDX({
      source,
      cwd: opts.cwd,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm];
        options.rehypePlugins = [...(options.rehypePlugins ?? []), rehypeSlug];
        return options;
      },
    }),
  );
  compileStats.compiled++;
  const compiled: CompiledMdx = { code: result.code, frontmatter: result.frontmatter };
  await fs.mkdir(opts.cacheDir, { recursive: true });
  await fs.writeFile(cacheFile, JSON.stringify(compiled));
  return { ...compiled, hash };
}
