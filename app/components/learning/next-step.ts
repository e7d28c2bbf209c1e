/** Course fields the catalog needs to tell a learner where to begin. */
export interface PathCourse {
  id: string;
  title: string;
  completed: boolean;
  lockedBy: { id: string; title: string }[];
}

/**
 * When every course of the learner's stage is locked, the course to take first: following the
 * prerequisites back (breadth first, in course order) to the first course that is open and not yet
 * completed. Null when some course of the stage is open already, or nothing leads anywhere.
 */
export function firstCourseToTake(stageCourses: PathCourse[], allCourses: PathCourse[]): PathCourse | null {
  if (stageCourses.length === 0 || stageCourses.some((c) => c.lockedBy.length === 0)) return null;
  const byId = new Map(allCourses.map((c) => [c.id, c]));
  const seen = new Set(stageCourses.map((c) => c.id));
  let frontier = stageCourses;
  while (frontier.length) {
    const next: PathCourse[] = [];
    for (const course of frontier) {
      for (const p of course.lockedBy) {
        const prereq = byId.get(p.id);
        if (!prereq || seen.has(prereq.id)) continue;
        seen.add(prereq.id);
        if (prereq.lockedBy.length === 0 && !prereq.completed) return prereq;
        next.push(prereq);
      }
    }
    frontier = next;
  }
  return null;
}
