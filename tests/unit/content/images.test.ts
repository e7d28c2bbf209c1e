import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileMdx } from "#app/content/compile.server";

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>';

describe("course images", () => {
  it("embeds an SVG next to the lesson as a data: URL (allowed by img-src 'self' data:), and recompiles when it changes", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-images-"));
    fs.mkdirSync(path.join(dir, "assets"));
    fs.writeFileSync(path.join(dir, "assets/flow.svg"), SVG);
    const source = "# Flow\n\n![The flow](./assets/flow.svg)\n";
    const cacheDir = path.join(dir, "cache");
    const first = await compileMdx(source, { cwd: dir, cacheDir });
    expect(first.code).toContain(`data:image/svg+xml;base64,${Buffer.from(SVG).toString("base64")}`);
    expect(first.code).not.toContain("./assets/flow.svg");
    fs.writeFileSync(path.join(dir, "assets/flow.svg"), SVG.replace("10\"/>", "5\"/>"));
    const second = await compileMdx(source, { cwd: dir, cacheDir });
    expect(second.hash).not.toBe(first.hash);
    expect(second.code).not.toContain(Buffer.from(SVG).toString("base64"));
  });

  it("ships real course diagrams and no placeholder video", () => {
    const files = fs.readdirSync("content/courses", { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith(".svg")).length).toBeGreaterThanOrEqual(2);
    const mdx = files.filter((f) => f.endsWith(".mdx")).map((f) => fs.readFileSync(path.join("content/courses", f), "utf8")).join("\n");
    expect(mdx).toMatch(/!\[[^\]]+\]\(\.\/assets\/[\w-]+\.svg\)/);
    expect(mdx).not.toMatch(/<Video/);
  });
});
