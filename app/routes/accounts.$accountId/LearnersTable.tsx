export function LearnersTable({
  learners,
}: {
  learners: {
    id: string;
    name: string;
    email: string;
    lessons_completed: number;
    lessons_started: number;
    courses_touched: number;
    coursesCompleted: number;
    last_active: string | null;
  }[];
}) {
  if (!learners.length)
    return (
      <p className="mt-3 text-sm text-slate-600 dark:text-slate-400">
        Nobody from this account has signed up to the academy yet.
      </p>
    );
  return (
    <div className="mt-3 relative overflow-x-auto" tabIndex={0} role="region" aria-label="Learners' progress table">
      <table className="w-full min-w-[560px] text-left text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:py-2 [&_td]:pr-3 dark:[&_td]:border-slate-800">
        <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
          <tr>
            <th scope="col" className="pb-2">
              Learner
            </th>
            <th scope="col" className="pb-2">
              Courses completed
            </th>
            <th scope="col" className="pb-2">
              Courses started
            </th>
            <th scope="col" className="pb-2">
              Lessons completed
            </th>
            <th scope="col" className="pb-2">
              Last active
            </th>
          </tr>
        </thead>
        <tbody>
          {learners.map((l) => (
            <tr key={l.id}>
              <td>
                <span className="font-medium">{l.name}</span>
                <span className="block text-xs text-slate-600 dark:text-slate-400">{l.email}</span>
              </td>
              <td className="tabular-nums">{l.coursesCompleted}</td>
              <td className="tabular-nums">{l.courses_touched}</td>
              <td className="tabular-nums">
                {l.lessons_completed} of {l.lessons_started} opened
              </td>
              <td>{l.last_active ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
