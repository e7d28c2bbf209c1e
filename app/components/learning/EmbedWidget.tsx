import type { EmbedWidgetModel } from "#app/learning/embed-widget.server";

/* The widget is a static page (no scripts, no cookies) framed by the customer's product: its styles are
   inline so it needs nothing else from the academy, and every link opens the academy in a new tab. */
const STYLES = `
*{box-sizing:border-box}html,body{margin:0}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;background:transparent;padding:4px}
.card{border:1px solid #e2e8f0;border-radius:12px;padding:14px 16px;background:#fff}
.eyebrow{margin:0;font-size:12px;font-weight:600;letter-spacing:.06em;text-transform:uppercase;color:#4338ca}
h1{margin:4px 0 2px;font-size:17px;line-height:1.3}
.reason{margin:0 0 10px;color:#475569}
.bar{height:8px;border-radius:4px;background:#e2e8f0;overflow:hidden}.bar>span{display:block;height:100%;background:#4f46e5}
.meta{display:flex;justify-content:space-between;gap:8px;margin:6px 0 12px;color:#475569;font-size:13px}
a.button{display:inline-block;padding:7px 14px;border-radius:8px;background:#4338ca;color:#fff;font-weight:600;text-decoration:none}
a.button:focus-visible,a:focus-visible{outline:3px solid #a5b4fc;outline-offset:2px}
.overall{margin:12px 0 0;color:#475569;font-size:13px}
@media (prefers-color-scheme:dark){body{color:#f1f5f9}.card{border-color:#334155;background:#0f172a}.reason,.meta,.overall{color:#cbd5e1}.bar{background:#334155}.eyebrow{color:#a5b4fc}}
`;

const pct = (done: number, total: number) => (total ? Math.round((done / total) * 100) : 0);

export function EmbedDocument({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <link rel="icon" href="data:," />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLES }} />
      </head>
      <body>{children}</body>
    </html>
  );
}

export function EmbedWidget({ model, academyUrl }: { model: EmbedWidgetModel; academyUrl: string }) {
  const { next, progress } = model;
  const open = { target: "_blank", rel: "noopener noreferrer" } as const;
  return (
    <main className="card" data-testid="embed-widget">
      {next ? (
        <>
          <p className="eyebrow">{next.started ? "Continue your course" : "Next course for you"}</p>
          <h1>{next.title}</h1>
          <p className="reason">{next.reason}</p>
          <div
            className="bar"
            role="progressbar"
            aria-label={`${next.title} progress`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct(next.completedCount, next.lessonCount)}
          >
            <span style={{ width: `${pct(next.completedCount, next.lessonCount)}%` }} />
          </div>
          <p className="meta">
            <span>
              {next.completedCount} of {next.lessonCount} lessons
            </span>
            <span>{next.remainingMinutes} min left</span>
          </p>
          <a className="button" href={`${academyUrl}/courses/${encodeURIComponent(next.courseId)}`} {...open}>
            {next.started ? "Continue" : "Start course"}
          </a>
        </>
      ) : (
        <>
          <p className="eyebrow">Uplift Academy</p>
          <h1>You have completed every course</h1>
          <p className="reason">Your certificates are on your profile.</p>
          <a className="button" href={`${academyUrl}/profile`} {...open}>
            Open the academy
          </a>
        </>
      )}
      <p className="overall" data-testid="embed-progress">
        {progress.coursesCompleted} of {progress.courses} courses completed · {progress.lessonsCompleted} of{" "}
        {progress.lessons} lessons
      </p>
    </main>
  );
}

export function EmbedMessage({ heading, text, academyUrl }: { heading: string; text: string; academyUrl: string }) {
  return (
    <main className="card" data-testid="embed-message">
      <p className="eyebrow">Uplift Academy</p>
      <h1>{heading}</h1>
      <p className="reason">{text}</p>
      <a className="button" href={academyUrl} target="_blank" rel="noopener noreferrer">
        Open the academy
      </a>
    </main>
  );
}
