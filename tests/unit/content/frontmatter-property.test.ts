import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CourseFrontmatter, LessonFrontmatter } from "#app/content/frontmatter";
import { loadContent } from "#app/content/load.server";

describe("frontmatter parsing never crashes on hostile input", () => {
  it("schemas reject or accept any value without throwing", () => {
    fc.assert(fc.property(fc.anything(), (value) => {
      const a = CourseFrontmatter.safeParse(value);
      const b = LessonFrontmatter.safeParse(value);
      expect(typeof a.success).toBe("boolean");
      expect(typeof b.success).toBe("boolean");
    }), { numRuns: 500 });
  });

  // Regression: gray-matter's cache is a plain object, so these texts used to hit Object.prototype
  // and the course disappeared without a problem (fast-check counterexample ["valueOf", ""]).
  it.each(["valueOf", "constructor", "toString", "__proto__", "hasOwnProperty"])(
    "a course.mdx whose whole text is %j is reported, not silently dropped",
    async (text) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-fm-"));
      try {
        const courseDir = path.join(dir, "courses", "c");
        fs.mkdirSync(courseDir, { recursive: true });
        fs.writeFileSync(path.join(courseDir, "course.mdx"), text);
        const { courses, problems } = await loadContent(dir);
        expect(courses).toHaveLength(0);
        expect(problems.some((p) => p.file.endsWith("course.mdx") && /frontmatter/.test(p.message))).toBe(true);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("loading a course folder with random file contents reports problems instead of throwing", async () => {
    const yamlish = fc.oneof(
      fc.string(),
      fc.constantFrom("---\nid: x\n---\n", "---\n: : :\n---", "---\nid: [\n---", "---\n\u0000\n---", "---\ntitle: 1\nstage: nope\n---\n# hi"),
      fc.array(fc.constantFrom("---", "id: ok-id", "title: A title", "stage: onboarding", "summary: long enough summary", "estimatedMinutes: 5", "{", "<Callout>", "\n"), { maxLength: 12 }).map((parts) => parts.join("\n")),
    );
    await fc.assert(fc.asyncProperty(yamlish, yamlish, async (courseText, lessonText) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "uplift-fm-"));
      try {
        const courseDir = path.join(dir, "courses", "c");
        fs.mkdirSync(courseDir, { recursive: true });
        fs.writeFileSync(path.join(courseDir, "course.mdx"), courseText);
        fs.writeFileSync(path.join(courseDir, "01-lesson.mdx"), lessonText);
        const { courses, problems } = await loadContent(dir);
        // Either it is a valid course, or every problem names a file and a position.
        for (const p of problems) {
          expect(p.file).toMatch(/courses/);
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.message.length).toBeGreaterThan(0);
        }
        expect(courses.length + problems.length).toBeGreaterThan(0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }), { numRuns: 60 });
  });
});
