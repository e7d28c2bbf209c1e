import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { getMDXComponent } from "mdx-bundler/client/index.js";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lessons } from "#db/schema/index";
import { analyzeMdx } from "#app/content/analyze";
import { checkContent } from "#app/content/check.server";
import { syncContent } from "#app/content/sync.server";
import { mdxComponents } from "#app/components/mdx/index";
import { useTestDatabase } from "../../support/test-db";
import { referenceData } from "../../support/reference-data";

/**
 * Real-world MDX from the wild: the Hugging Face MCP course (vendored in tests/fixtures/reference-data) copied into a
 * temporary academy with generated frontmatter, published through the normal pipeline and rendered.
 */
const SOURCE = referenceData("course-hf-mcp-course", "units", "en");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-hf-"));
const lessonFiles: { id: string; file: string; headings: string[] }[] = [];

describe("the pipeline on a third-party course", () => {
  const handle = useTestDatabase();
  beforeAll(async () => {
    for (const unit of fs.readdirSync(SOURCE).filter((d) => fs.statSync(path.join(SOURCE, d)).isDirectory()).sort()) {
      const dir = path.join(tmp, "content", "courses", unit.replace(/_/g, "-"));
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "course.mdx"), `---\nid: hf-${unit.replace(/_/g, "-")}\ntitle: MCP course ${unit}\nsummary: "Third-party MCP course unit used as a robustness fixture."\nstage: adoption\nestimatedMinutes: 30\n---\n\nUnit ${unit}.\n`);
      fs.readdirSync(path.join(SOURCE, unit)).filter((f) => f.endsWith(".mdx")).sort().forEach((f, i) => {
        const body = fs.readFileSync(path.join(SOURCE, unit, f), "utf8");
        const id = `hf-${unit}-${f.replace(/\.mdx$/, "")}`.toLowerCase().replace(/[^a-z0-9-]/g, "-");
        const title = /^#\s+(.+)$/m.exec(body)?.[1]?.slice(0, 150) ?? f;
        fs.writeFileSync(path.join(dir, `${String(i + 1).padStart(2, "0")}-${f.replace(/[^a-z0-9.-]/gi, "-").toLowerCase()}`), `---\nid: ${id}\ntitle: ${JSON.stringify(title.length >= 3 ? title : `Lesson ${f}`)}\nestimatedMinutes: 10\n---\n\n${body}`);
        lessonFiles.push({ id, file: f, headings: analyzeMdx(body).headings.map((h) => h.text) });
      });
    }
  }, 900_000);
  afterAll(async () => { fs.rmSync(tmp, { recursive: true, force: true }); });

  it("publishes every lesson and renders its headings (unknown components shown as their content)", async () => {
    const result = await syncContent(handle.db, { contentDir: path.join(tmp, "content"), cacheDir: path.join(tmp, "cache") });
    expect(result.problems).toEqual([]);
    expect(result.lessons).toBe(lessonFiles.length);
    expect(lessonFiles.length).toBeGreaterThan(25);
    const passthrough = ({ children }: { children?: ReactNode }) => createElement("div", { "data-unknown": "" }, children);
    for (const l of lessonFiles) {
      const [row] = await handle.db.select().from(lessons).where(eq(lessons.id, l.id));
      const Component = getMDXComponent(row!.compiledCode);
      const html = renderToStaticMarkup(createElement(Component, { components: { ...mdxComponents, Youtube: passthrough, Tool: passthrough, PR: passthrough, LOGS: passthrough, Question: passthrough } as never }));
      const text = html.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;/g, "'");
      for (const h of l.headings) expect(text, `${l.file}: heading "${h}"`).toContain(h);
    }
  }, 900_000);

  it("content:check flags the components an author would have to map, at their lines", async () => {
    const problems = await checkContent(path.join(tmp, "content"), { cacheDir: path.join(tmp, "cache2") });
    const unknown = problems.filter((p) => p.message.startsWith("unknown component"));
    expect(unknown.some((p) => p.message.includes("<Youtube>"))).toBe(true);
    expect(unknown.every((p) => p.line > 1 && p.file.endsWith(".mdx"))).toBe(true);
  }, 900_000);
});
