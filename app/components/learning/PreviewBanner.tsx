/**
 * Shown on every page of a draft course (only authors and admins can open one): learners cannot see
 * it yet, and quiz attempts made here are preview attempts that nothing counts.
 */
export function PreviewBanner({ kind }: { kind: "course" | "lesson" }) {
  return (
    <div
      role="note"
      aria-label="Preview"
      data-testid="preview-banner"
      className="rounded-xl border-2 border-dashed border-violet-400 bg-violet-50 px-4 py-3 text-violet-950 dark:border-violet-500 dark:bg-violet-950 dark:text-violet-50"
    >
      <p className="font-semibold">Preview — this {kind === "course" ? "course" : "lesson's course"} is a draft</p>
      <p className="mt-1 text-sm">
        Learners cannot see it until its <code>status</code> is <code>published</code> and the content is published
        again. Quiz attempts you make here are stored as preview attempts: they never count in progress, insights,
        webhooks or the impact report.
      </p>
    </div>
  );
}
