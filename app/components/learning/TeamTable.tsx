export interface TeamTableData {
  courses: { id: string; title: string; stage: string; lessonCount: number }[];
  members: {
    id: string;
    name: string;
    email: string;
    isAccountAdmin: boolean;
    lastActiveAt: string | null;
    coursesCompleted: number;
    lessonsCompleted: number;
    minutesLearning: number;
    progress: Record<string, number>;
  }[];
}

const day = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

/** Names in human order: "Learner 2" before "Learner 10" (numeric collation), case and accents aside. */
const byName = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

// Marks are images with a name (role="img"), so screen readers announce "Completed", not "check mark".
function Cell({ done, total }: { done: number | undefined; total: number }) {
  if (!done)
    return (
      <span role="img" className="text-slate-600 dark:text-slate-400" aria-label="Not started">
        —
      </span>
    );
  if (done >= total)
    return (
      <span
        role="img"
        className="inline-flex h-6 w-6 items-center justify-center rounded-full bg-emerald-700 text-xs font-bold text-white"
        aria-label="Completed"
      >
        ✓
      </span>
    );
  return (
    <span
      role="img"
      className="rounded-full bg-sky-100 px-2 py-0.5 text-xs font-semibold text-sky-900 dark:bg-sky-900 dark:text-sky-100"
      aria-label={`${done} of ${total} lessons`}
    >
      {done}/{total}
    </span>
  );
}

/**
 * Who completed what: one row per learner of the account, one column per published course. Narrow
 * course columns and the learner's totals under their name let ten courses fit a 1280 px window; on
 * smaller screens the table scrolls inside its own focusable region, the learner column staying put.
 */
export function TeamTable({ team }: { team: TeamTableData }) {
  const completedBy = (courseId: string, total: number) =>
    team.members.filter((m) => (m.progress[courseId] ?? 0) >= total).length;
  const members = [...team.members].sort((a, b) => byName.compare(a.name, b.name) || byName.compare(a.email, b.email));
  return (
    <div
      className="relative overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
      tabIndex={0}
      role="region"
      aria-labelledby="team-progress-heading"
    >
      <table className="min-w-full text-sm">
        <caption className="sr-only">
          Course progress of each learner in your team. ✓ completed, n/m lessons completed, — not started.
        </caption>
        <thead className="bg-slate-50 text-left dark:bg-slate-950">
          <tr>
            <th
              scope="col"
              className="sticky left-0 z-10 w-44 bg-slate-50 px-3 py-3 align-bottom font-semibold dark:bg-slate-950"
            >
              Learner
            </th>
            {team.courses.map((c) => (
              <th
                key={c.id}
                scope="col"
                className="w-[5.5rem] min-w-[5.5rem] px-2 py-3 align-bottom text-xs font-semibold"
              >
                <span className="block hyphens-auto break-words">{c.title}</span>
                <span className="mt-1 block font-normal text-slate-600 dark:text-slate-400">
                  {completedBy(c.id, c.lessonCount)} of {team.members.length} done
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {members.map((m) => (
            <tr key={m.id} data-member={m.email}>
              <th
                scope="row"
                className="sticky left-0 z-10 w-44 max-w-44 bg-white px-3 py-3 text-left align-top font-normal dark:bg-slate-900"
              >
                <span className="block font-semibold">
                  {m.name}
                  {m.isAccountAdmin ? (
                    <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-800 dark:bg-slate-700 dark:text-slate-100">
                      admin
                    </span>
                  ) : null}
                </span>
                <span className="block break-all text-xs text-slate-600 dark:text-slate-400">{m.email}</span>
                <span className="mt-1 block text-xs text-slate-700 dark:text-slate-300">
                  {m.coursesCompleted} {m.coursesCompleted === 1 ? "course" : "courses"} done · {m.minutesLearning} min
                  · {m.lastActiveAt ? `active ${day.format(new Date(m.lastActiveAt))}` : "never active"}
                </span>
              </th>
              {team.courses.map((c) => (
                <td key={c.id} className="px-2 py-3 text-center align-middle">
                  <Cell done={m.progress[c.id]} total={c.lessonCount} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
