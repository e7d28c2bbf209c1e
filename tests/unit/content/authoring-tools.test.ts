import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import matter from "gray-matter";
import { afterAll, describe, expect, it } from "vitest";
import { SCHEMA_FILES, frontmatterJsonSchemas, schemaFileText } from "#app/content/json-schema";
import { checkContent } from "#app/content/check.server";
import { newCourse, newLesson, usedIds } from "#app/content/scaffold.server";
import { CourseFrontmatter, LessonFrontmatter } from "#app/content/frontmatter";

/** Issue 21 item 5: content:new, content:check --watch and the frontmatter JSON Schema. */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-authoring-"));
const cacheDir = path.join(tmp, "cache");
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function copyFixtureContent(name: string) {
  const dir = path.join(tmp, name);
  fs.cpSync("tests/fixtures/content", dir, { recursive: true });
  return dir;
}

describe("frontmatter JSON Schema", () => {
  it("the committed schema files are exactly what `npm run content:schema` generates from the zod schemas", () => {
    const generated = frontmatterJsonSchemas();
    for (const [kind, file] of Object.entries(SCHEMA_FILES) as [keyof typeof SCHEMA_FILES, string][]) {
      expect(fs.readFileSync(file, "utf8"), `${file} is stale: run npm run content:schema`).toBe(schemaFileText(generated[kind]));
    }
  });

  it("describes the same fields the checker accepts: required keys, enums, no unknown keys", () => {
    const { course, lesson } = frontmatterJsonSchemas() as Record<string, { properties: Record<string, { enum?: string[] }>; required: string[]; additionalProperties: boolean }>;
    expect(Object.keys(course!.properties).sort()).toEqual(Object.keys(CourseFrontmatter.shape).sort());
    expect(Object.keys(lesson!.properties).sort()).toEqual(Object.keys(LessonFrontmatter.shape).sort());
    expect(course!.required.sort()).toEqual(["estimatedMinutes", "id", "stage", "summary", "title"]);
    expect(lesson!.required.sort()).toEqual(["estimatedMinutes", "id", "title"]);
    expect(course!.properties.status!.enum).toEqual(["draft", "published"]);
    expect(course!.additionalProperties).toBe(false);
  });
});

describe("content:new", () => {
  it("scaffolds a draft course and lessons with fresh ids that pass content:check", async () => {
    const dir = copyFixtureContent("scaffold");
    const course = newCourse(dir, "fixture-basics-two", { title: "Second fixture course" });
    const second = newLesson(dir, "fixture-basics-two", { title: "Set up alerts" });
    const third = newLesson(dir, "fixture-basics-two");
    expect(fs.readdirSync(path.join(dir, "courses/fixture-basics-two")).sort()).toEqual(["01-introduction.mdx", "02-set-up-alerts.mdx", "03-lesson-3.mdx", "course.mdx"]);
    const fm = matter(fs.readFileSync(path.join(dir, "courses/fixture-basics-two/course.mdx"), "utf8")).data;
    expect(fm).toMatchObject({ id: "fixture-basics-two", status: "draft", estimatedMinutes: 15 });
    expect(new Set([course.courseId, course.lessonId, second.lessonId, third.lessonId]).size).toBe(4);
    expect(await checkContent(dir, { cacheDir })).toEqual([]);
  });

  it("never reuses an id: taken by another course or remembered in .content-ids.json", () => {
    const dir = copyFixtureContent("fresh");
    // fixture-basics exists; "retired" was used by a removed file and stays in the registry.
    fs.writeFileSync(path.join(dir, ".content-ids.json"), JSON.stringify({ "courses/old/course.mdx": "retired" }));
    fs.mkdirSync(path.join(dir, "courses/elsewhere"));
    fs.writeFileSync(path.join(dir, "courses/elsewhere/course.mdx"), "---\nid: fixture-new\ntitle: Elsewhere\nsummary: A course whose id equals a folder name.\nstage: onboarding\nestimatedMinutes: 0\n---\n");
    const used = usedIds(dir);
    expect(used).toContain("retired");
    const a = newCourse(dir, "retired");
    expect(a.courseId).toMatch(/^retired-[0-9a-f]{4}$/);
    const b = newCourse(dir, "fixture-new");
    expect(b.courseId).toMatch(/^fixture-new-[0-9a-f]{4}$/);
    expect(() => newCourse(dir, "retired")).toThrow(/already exists/);
    expect(() => newCourse(dir, "Bad Name")).toThrow(/lower-case/);
    expect(() => newLesson(dir, "no-such-course")).toThrow(/not found/);
  });

  it("the npm script prints what it created", () => {
    const dir = copyFixtureContent("cli");
    const r = spawnSync("npx", ["tsx", "scripts/content-new.ts", "course", "cli-course", "--content-dir", dir], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("course id: cli-course");
    const bad = spawnSync("npx", ["tsx", "scripts/content-new.ts", "chapter", "x"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("usage: npm run content:new");
  }, 120_000);
});

describe("content:check --watch", () => {
  it("checks at start and again after a file changes, naming the new problem by path:line:col", async () => {
    const dir = copyFixtureContent("watch");
    const child = spawn("npx", ["tsx", "scripts/content-check.ts", dir, "--watch"], { detached: true });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const waitFor = async (text: string | RegExp) => {
      for (let i = 0; i < 600; i++) {
        if (typeof text === "string" ? out.includes(text) : text.test(out)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${text}:\n${out}`);
    };
    try {
      await waitFor("watching for changes");
      expect(out).toContain("content OK");
      const lesson = path.join(dir, "courses/fixture-basics/01-first.mdx");
      fs.writeFileSync(lesson, fs.readFileSync(lesson, "utf8").replaceAll("Callout", "Calout"));
      await waitFor(/01-first\.mdx:\d+:\d+ unknown component <Calout>/);
      expect(child.exitCode).toBeNull(); // still watching after a failed check
    } finally {
      process.kill(-child.pid!, "SIGTERM");
    }
  }, 120_000);
});
