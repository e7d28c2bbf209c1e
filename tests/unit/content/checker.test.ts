import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkContent } from "#app/content/check.server";
import { CourseFrontmatter, LessonFrontmatter } from "#app/content/frontmatter";
import type { ContentProblem } from "#app/content/load.server";

const DIR = "tests/fixtures/content-errors";
const at = (problems: ContentProblem[], file: string) => problems.filter((p) => p.file.endsWith(file)).map((p) => `${p.line}:${p.col} ${p.message}`);

describe("frontmatter schema", () => {
  it("accepts a complete course and applies defaults", () => {
    const r = CourseFrontmatter.parse({ id: "c-1", title: "A course", summary: "A summary long enough.", stage: "adoption", estimatedMinutes: 20 });
    expect(r).toMatchObject({ status: "published", level: "beginner", features: [], prerequisites: [], locale: "en" });
  });
  it.each([
    [{ id: "Bad Id" }, "id"], [{ stage: "retention" }, "stage"], [{ estimatedMinutes: 0 }, "estimatedMinutes"], [{ extra: 1 }, ""],
    [{ certificateValidMonths: 0 }, "certificateValidMonths"], [{ certificateValidMonths: 1.5 }, "certificateValidMonths"],
    [{ certificateValidMonths: "12" }, "certificateValidMonths"], [{ certificateValidMonths: 121 }, "certificateValidMonths"],
  ])("rejects %j", (patch, field) => {
    const r = CourseFrontmatter.safeParse({ id: "c-1", title: "A course", summary: "A summary long enough.", stage: "adoption", estimatedMinutes: 20, ...patch });
    expect(r.success).toBe(false);
    if (field) expect(r.error!.issues.map((i) => i.path[0])).toContain(field);
  });
  it("takes certificateValidMonths as whole months (absent = certificates never expire)", () => {
    const base = { id: "c-1", title: "A course", summary: "A summary long enough.", stage: "adoption" as const, estimatedMinutes: 20 };
    expect(CourseFrontmatter.parse({ ...base, certificateValidMonths: 24 }).certificateValidMonths).toBe(24);
    expect(CourseFrontmatter.parse(base).certificateValidMonths).toBeUndefined();
  });
  it("requireWatch is a whole per cent from 1 to 100, and optional", () => {
    expect(LessonFrontmatter.parse({ id: "l", title: "Lesson", estimatedMinutes: 3 }).requireWatch).toBeUndefined();
    expect(LessonFrontmatter.parse({ id: "l", title: "Lesson", estimatedMinutes: 3, requireWatch: 80 }).requireWatch).toBe(80);
    for (const bad of [0, 101, 50.5, "80"]) expect(LessonFrontmatter.safeParse({ id: "l", title: "Lesson", estimatedMinutes: 3, requireWatch: bad }).success).toBe(false);
  });
  it("defaults the lesson pass mark to 80%", () => {
    expect(LessonFrontmatter.parse({ id: "l", title: "Lesson", estimatedMinutes: 3 }).passMark).toBe(80);
  });
});

describe("content:check reports each mistake at its file:line", () => {
  let problems: ContentProblem[];
  beforeAll(async () => { problems = await checkContent(DIR, { cacheDir: path.join(os.tmpdir(), "uplift-checker-test") }); });

  it("frontmatter errors point at the offending key", () => {
    expect(at(problems, "01-bad-frontmatter.mdx")).toEqual([expect.stringMatching(/^4:1 frontmatter estimatedMinutes: /)]);
  });
  it("an invalid certificateValidMonths points at its key", () => {
    expect(at(problems, "bad-validity/course.mdx")).toEqual(expect.arrayContaining([expect.stringMatching(/^7:1 frontmatter certificateValidMonths: must be a whole number of months/)]));
  });
  it("unknown prerequisites and feature keys point at their keys", () => {
    expect(at(problems, "broken/course.mdx")).toEqual(expect.arrayContaining([
      '6:1 unknown feature key "teleportation" (see app/content/product-features.ts)',
      '8:1 unknown prerequisite "no-such-course"',
    ]));
  });
  it("unknown components, broken images and broken internal links", () => {
    expect(at(problems, "02-unknown-component.mdx")).toEqual([
      expect.stringMatching(/^9:1 unknown component <Carousel>/),
      '11:1 broken image "./assets/missing.png" (file not found next to the lesson)',
      '13:5 broken internal link "/courses/broken-course/nope"',
    ]);
  });
  it("MDX syntax errors with line and column", () => {
    const [p] = at(problems, "03-syntax.mdx");
    expect(p).toMatch(/^\d+:\d+ MDX syntax error: /);
    expect(Number(p!.split(":")[0])).toBeGreaterThanOrEqual(9);
  });
  it("quizzes without a right answer", () => {
    expect(at(problems, "04-bad-quiz.mdx")).toEqual(['8:3 question "q1" has no <Option correct>']);
  });
  it("duplicate ids", () => {
    expect(at(problems, "05-duplicate.mdx")).toEqual([expect.stringMatching(/^2:1 duplicate id "bad-quiz" \(also in .*04-bad-quiz\.mdx\)/)]);
  });
  it("a course's estimatedMinutes that disagrees with its lessons' minutes points at the key", () => {
    expect(at(problems, "broken/course.mdx")).toEqual(expect.arrayContaining([
      expect.stringMatching(/^7:1 estimatedMinutes is 10 but the lessons add up to \d+ \(.*\): set it to \d+$/),
    ]));
    expect(at(problems, "cyclic-a/course.mdx").filter((p) => p.includes("estimatedMinutes"))).toEqual([]); // no lessons: nothing to compare
  });
  it("requireWatch on a lesson without a <Video> or over a video of undeclared length, and videos that cannot play, at their lines", () => {
    expect(at(problems, "06-require-watch.mdx")).toEqual(["5:1 requireWatch: 80 needs a <Video> in the lesson (there is none): add one or remove requireWatch"]);
    expect(at(problems, "07-bad-video.mdx")).toEqual([
      expect.stringMatching(/^7:1 <Video src="https:\/\/cdn.example\/v.mp4">: the site serves videos only from its own public\/ folder/),
      '9:1 broken video "/media/no-such-file.webm" (no file public/media/no-such-file.webm)',
      '11:1 <Video> duration must be the video\'s length in seconds (1 to 86400), not "-3"',
      '13:1 <Video> needs youtube="…", vimeo="…" or src="…"',
    ]);
    expect(at(problems, "08-watch-without-duration.mdx")).toEqual([
      '10:1 <Video title="A talk"> needs duration={seconds} because the lesson has requireWatch: the academy checks watching against the length you declare',
    ]);
  });
  it("prerequisite cycles", () => {
    expect(at(problems, "cyclic-a/course.mdx")).toEqual(['7:1 prerequisites form a cycle through "cyclic-a"']);
  });
});
