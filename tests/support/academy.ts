import fs from "node:fs";
import path from "node:path";

/** Generates an academy of `courses × lessonsPerCourse` lessons with tables, code, callouts and lists. */
export function generateAcademy(dir: string, courses: number, lessonsPerCourse: number, version = 1) {
  const stages = ["onboarding", "adoption", "expansion"];
  for (let c = 0; c < courses; c++) {
    const cdir = path.join(dir, "courses", `bench-course-${c}`);
    fs.mkdirSync(cdir, { recursive: true });
    fs.writeFileSync(
      path.join(cdir, "course.mdx"),
      `---\nid: bench-course-${c}\ntitle: Benchmark course ${c}\nsummary: Generated course number ${c} for the content build benchmark.\nstage: ${stages[c % 3]}\nfeatures: [dashboards]\nestimatedMinutes: 30\n---\n\nOverview of course ${c}.\n`,
    );
    for (let l = 0; l < lessonsPerCourse; l++) {
      const n = String(l + 1).padStart(2, "0");
      fs.writeFileSync(
        path.join(cdir, `${n}-lesson-${l}.mdx`),
        `---\nid: bench-${c}-${l}\ntitle: Lesson ${l} of course ${c}\nestimatedMinutes: 5\n---\n\n## Goal ${l}\n\nVersion ${version}: this lesson explains **step ${l}** of the workflow with a table and some code.\n\n| Column | Meaning |\n| --- | --- |\n| a | first |\n| b | second |\n\n<Callout type="tip">Tip number ${l}.</Callout>\n\n\`\`\`ts\nconst answer: number = ${c * 100 + l};\nconsole.log(answer);\n\`\`\`\n\n- [x] done\n- [ ] todo\n`,
      );
    }
  }
}
