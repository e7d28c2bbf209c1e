import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireLearner } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { getCatalogCourses, getLearnerAccount } from "#app/learning/catalog.server";
import { listCertificates } from "#app/learning/certificates.server";
import { getLearningHistory, getLearningTotals } from "#app/learning/history.server";
import { HistoryList } from "#app/components/learning/HistoryList";
import { ProgressBar } from "#app/components/ui/ProgressBar";
import { StageBadge } from "#app/components/ui/StageBadge";
import { AwardIcon } from "#app/components/learning/icons";
import { requestLocale } from "#app/i18n/i18next.server";
import { useLocale, useT } from "#app/i18n/useT";

export const meta: MetaFunction = () => [{ title: "My learning · Uplift Academy" }];

/** The signed-in learner's own certificates, courses in progress and learning history. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireLearner(request);
  const db = await getDb();
  const [catalog, certificates, history, totals, account] = await Promise.all([
    getCatalogCourses(db, user.id, { locale: await requestLocale(request) }),
    listCertificates(db, user.id),
    getLearningHistory(db, user.id),
    getLearningTotals(db, user.id),
    getLearnerAccount(db, user.accountId),
  ]);
  return json({
    name: user.name,
    email: user.email,
    accountName: account?.name ?? "",
    certificates,
    history,
    totals,
    coursesCompleted: catalog.filter((c) => c.completed).length,
    inProgress: catalog
      .filter((c) => !c.completed && c.lastActivityAt)
      .map((c) => ({
        id: c.id,
        title: c.title,
        stage: c.stage,
        completedCount: c.completedCount,
        lessonCount: c.lessonCount,
        nextLessonId: c.nextLessonId,
      })),
  });
}

const card = "rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900";

export default function Profile() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const day = new Intl.DateTimeFormat(locale === "en" ? "en-US" : locale, {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  });
  const stats = [
    { label: t("profile.coursesCompleted"), value: d.coursesCompleted },
    { label: t("profile.lessonsCompleted"), value: d.totals.lessonsCompleted },
    { label: t("profile.certificates"), value: d.certificates.length },
    { label: t("profile.minutes"), value: d.totals.minutesLearning },
  ];
  return (
    <div className="space-y-10">
      <div>
        <h1 className="text-3xl font-bold">{t("profile.title")}</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          {d.name} · {d.accountName}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {stats.map((s) => (
          <div key={s.label} className={card}>
            <dt className="text-sm text-slate-600 dark:text-slate-400">{s.label}</dt>
            <dd className="mt-1 text-3xl font-bold">{s.value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="certificates-heading">
        <h2 id="certificates-heading" className="text-xl font-semibold">
          {t("profile.certificates")}
        </h2>
        {d.certificates.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("profile.noCertificates")}</p>
        ) : (
          <ul className="mt-3 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {d.certificates.map((c) => (
              <li key={c.code} className={card}>
                <div className="flex items-center gap-2">
                  <AwardIcon className="h-7 w-7 text-brand-600 dark:text-brand-100" />
                  <StageBadge stage={c.stage} />
                </div>
                <h3 className="mt-2 font-semibold">{c.courseTitle}</h3>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {t("profile.issued", { date: day.format(new Date(c.issuedAt)) })}
                  {c.expiresAt && c.status === "valid"
                    ? ` · ${t("profile.validUntil", { date: day.format(new Date(c.expiresAt)) })}`
                    : ""}
                </p>
                {c.status === "expired" ? (
                  <p className="text-sm font-semibold text-amber-800 dark:text-amber-200">
                    {t("profile.expired", { date: day.format(new Date(c.expiresAt!)) })}{" "}
                    <Link to={`/courses/${c.courseId}`} className="underline">
                      {t("profile.retake")}
                    </Link>
                    {t("profile.toRenew")}
                  </p>
                ) : null}
                {c.status === "revoked" ? (
                  <p className="text-sm font-semibold text-red-800 dark:text-red-200">{t("profile.revoked")}</p>
                ) : null}
                <Link
                  to={`/certificates/${c.code}`}
                  className="mt-3 inline-block text-sm font-medium text-brand-700 underline dark:text-brand-100"
                >
                  {t("profile.viewShare")}
                  <span className="sr-only">{t("profile.certificateFor", { title: c.courseTitle })}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading" className="text-xl font-semibold">
          {t("profile.inProgress")}
        </h2>
        {d.inProgress.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            {t("profile.noneInProgress")}{" "}
            <Link to="/" className="text-brand-700 underline dark:text-brand-100">
              {t("profile.browse")}
            </Link>
            .
          </p>
        ) : (
          <ul className="mt-3 grid gap-4 sm:grid-cols-2">
            {d.inProgress.map((c) => (
              <li key={c.id} className={card}>
                <h3 className="font-semibold">
                  <Link to={`/courses/${c.id}`} className="hover:underline">
                    {c.title}
                  </Link>
                </h3>
                <div className="mt-3">
                  <ProgressBar
                    value={c.completedCount}
                    max={c.lessonCount}
                    label={t("card.progressIn", { title: c.title })}
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 text-xl font-semibold">
          {t("profile.history")}
        </h2>
        <HistoryList items={d.history} />
      </section>
    </div>
  );
}
