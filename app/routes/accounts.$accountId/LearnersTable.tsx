import { CompactTable } from "#app/components/ui/CompactTable";
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
    <CompactTable
      head={["Learner", "Courses completed", "Courses started", "Lessons completed", "Last active"]}
      region="Learners' progress table"
      className="min-w-[560px]"
    >
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
    </CompactTable>
  );
}
