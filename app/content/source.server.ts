import fs from "node:fs/promises";
import path from "node:path";

/**
 * Reads a content source file for the authors' source view. Only .mdx files inside the content
 * directory are readable: no path traversal, no other files.
 */
export async function readContentSource(contentDir: string, relPath: string): Promise<{ path: string; lines: string[] } | null> {
  const root = path.resolve(contentDir);
  const rootName = path.basename(root);
  const withoutPrefix = relPath.startsWith(`${rootName}/`) ? relPath.slice(rootName.length + 1) : relPath;
  const full = path.resolve(root, withoutPrefix);
  if (!full.startsWith(root + path.sep) || !full.endsWith(".mdx")) return null;
  const text = await fs.readFile(full, "utf8").catch(() => null);
  if (text === null) return null;
  return { path: path.join(rootName, path.relative(root, full)), lines: text.split("\n") };
}
