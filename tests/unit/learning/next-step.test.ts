import { describe, expect, it } from "vitest";
import { firstCourseToTake, type PathCourse } from "#app/components/learning/next-step";

const course = (id: string, lockedBy: string[] = [], completed = false): PathCourse => ({
  id,
  title: id.toUpperCase(),
  completed,
  lockedBy: lockedBy.map((p) => ({ id: p, title: p.toUpperCase() })),
});

describe("firstCourseToTake", () => {
  it("follows the prerequisites of a fully locked stage back to the first open course", () => {
    const basics = course("basics");
    const sharing = course("sharing", ["basics"]);
    const automation = course("automation", ["sharing"]);
    const alerts = course("alerts", ["sharing", "basics"]);
    expect(firstCourseToTake([automation, alerts], [basics, sharing, automation, alerts])?.id).toBe("basics");
  });

  it("picks the direct prerequisite when it is open", () => {
    const basics = course("basics", [], true);
    const sharing = course("sharing");
    const automation = course("automation", ["sharing"]);
    expect(firstCourseToTake([automation], [basics, sharing, automation])?.id).toBe("sharing");
  });

  it("says nothing when a course of the stage is open", () => {
    expect(firstCourseToTake([course("a"), course("b", ["a"])], [])).toBeNull();
    expect(firstCourseToTake([], [])).toBeNull();
  });
});
