export interface TeamTableData {
  courses: { id: string; title: string; stage: string; lessonCount: number }[];
  members: {
    id: string; name: string; email: string; isAccountAdmin: boolean; lastActiveAt: string | null;
    coursesCompleted: number; lessonsCompleted: number; minutesLearning: number; progress: Record<string, number>;
  }[];
}

const day = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });

function Cell({ done, total }: { done: number | undefined; total: number }) {
  if (!done) return <span className="text-slate-500 dark:text-slate-400" aria-label="Not started">—</span>;
  if (done >= total) return <span className="inline-flex h-6 w-6 items-center justify-center rounded-full bg-emerald-700 text-xs font-bold text-white" aria-label="Completed">✓</span>;
  return <span className="rounded-full bg-sky-100 px-2 py-0.5 text-xs font-semibold text-sky-900 dark:bg-sky-900 dark:text-sky-100" aria-label={`${done} of ${total} lessons`}>{done}/{total}</span>;
}

/** Who completed what: one row per learner of the account, one column per published course. */
export function TeamTable({ team }: { team: TeamTableData }) {
  const completedBy = (courseId: string, total: number) => team.members.filter((m) => (m.progress[courseId] ?? 0) >= total).length;
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900" tabIndex={0} role="region" aria-labelledby="team-progress-heading">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Course progress of each learner in your team. ✓ completed, n/m lessons completed, — not started.</caption>
        <thead className="bg-slate-50 text-left dark:bg-slate-950">
          <tr>
            <th scope="col" className="sticky left-0 z-10 bg-slate-50 px-4 py-3 font-semibold dark:bg-slate-950">Learner</th>
            <th scope="col" className="px-3 py-3 font-semibold">Courses done</th>
            {team.courses.map((c) => (
              <th key={c.id} scope="col" className="min-w-28 px-3 py-3 align-bottom font-semibold">
                <span className="block max-w-[9rem]">{c.title}</span>
                <span className="block text-xs font-normal text-slate-600 dark:text-slate-400">{completedBy(c.id, c.lessonCount)} of {team.members.length} completed</span>
              </th>
            ))}
            <th scope="col" className="px-3 py-3 font-semibold">Last active</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {team.members.map((m) => (
            <tr key={m.id} data-member={m.email}>
              <th scope="row" className="sticky left-0 z-10 bg-white px-4 py-3 text-left font-normal dark:bg-slate-900">
                <span className="block font-semibold">{m.name}{m.isAccountAdmin ? <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-800 dark:bg-slate-700 dark:text-slate-100">admin</span> : null}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{m.email}</span>
              </th>
              <td className="px-3 py-3">{m.coursesCompleted} <span className="text-xs text-slate-600 dark:text-slate-400">· {m.minutesLearning} min</span></td>
              {team.courses.map((c) => <td key={c.id} className="px-3 py-3 text-center"><Cell done={m.progress[c.id]} total={c.lessonCount} /></td>)}
              <td className="whitespace-nowrap px-3 py-3 text-slate-600 dark:text-slate-400">{m.lastActiveAt ? day.format(new Date(m.lastActiveAt)) : "Never"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
