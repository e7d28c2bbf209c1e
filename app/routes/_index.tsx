import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser, canAuthor } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { getCatalogCourses, getLearnerAccount, getResumePoint, groupByStage } from "#app/learning/catalog.server";
import { getRecommendations } from "#app/learning/recommendations.server";
import { CourseCard } from "#app/components/learning/CourseCard";
import { ResumeCard } from "#app/components/learning/ResumeCard";
import { Recommendations } from "#app/components/learning/Recommendations";
import { SearchBox } from "#app/components/learning/SearchBox";
import { AssignedToYou } from "#app/components/learning/AssignedToYou";
import { assignedToLearner } from "#app/learning/assignment-status.server";
import { firstCourseToTake } from "#app/components/learning/next-step";
import { requestLocale } from "#app/i18n/i18next.server";
import { useT } from "#app/i18n/useT";

export const meta: MetaFunction = () => [{ title: "Courses · Uplift Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = await getDb();
  const locale = await requestLocale(request);
  const found = await getCatalogCourses(db, user.id, { includeDrafts: canAuthor(user), locale });
  // Prerequisites lock learners only: staff open any course, so they never see "Locked".
  const catalog = user.accountId ? found : found.map((c) => ({ ...c, lockedBy: [] }));
  const account = user.accountId ? await getLearnerAccount(db, user.accountId) : null;
  const learner = user.accountId ? { id: user.id, accountId: user.accountId } : null;
  const resume = learner ? await getResumePoint(db, user.id, catalog, locale) : null;
  // The resume card already offers the course in progress: recommend something else.
  const candidates = catalog.filter((c) => c.id !== resume?.courseId);
  return json({
    // Sign-up and invitation acceptance land on "/?welcome"; anyone else has been here before.
    firstVisit: new URL(request.url).searchParams.has("welcome"),
    name: user.name,
    accountName: account?.name ?? null,
    accountStage: account?.stage ?? null,
    stages: groupByStage(catalog),
    resume,
    recommendations: learner
      ? await getRecommendations(db, learner, candidates, account?.stage ?? null, 3, locale)
      : [],
    assigned: learner ? await assignedToLearner(db, user.id) : [],
  });
}

export default function Catalog() {
  const { stages, name, accountName, accountStage, resume, recommendations, firstVisit, assigned } =
    useLoaderData<typeof loader>();
  const allCourses = stages.flatMap((s) => s.courses);
  // "Welcome back" only to someone who has been here before (a brand-new sign-up has no progress yet).
  const returning = !firstVisit || !!resume || allCourses.some((c) => c.completedCount > 0);
  const stageCourses = stages.find((s) => s.stage === accountStage)?.courses ?? [];
  const takeFirst = firstCourseToTake(stageCourses, allCourses);
  const t = useT();
  return (
    <div className="space-y-10">
      <div className="flex flex-col gap-4 md:flex-row md:items-end md:justify-between">
        <div>
          <h1 className="text-3xl font-bold">
            {returning ? t("catalog.welcomeBack") : t("catalog.welcome")}, {name.split(" ")[0]}
          </h1>
          <p className="mt-1 text-slate-600 dark:text-slate-300">
            {accountName && accountStage
              ? t("catalog.accountStage", { account: accountName, stage: t(`stage.${accountStage}`) })
              : t("catalog.grouped")}
          </p>
        </div>
        <SearchBox />
      </div>
      <AssignedToYou items={assigned} />
      {resume ? <ResumeCard resume={resume} /> : null}
      <Recommendations items={recommendations} />
      <div className="space-y-8">
        <h2 className="sr-only">{t("catalog.learningPath")}</h2>
        {stages.map(({ stage, courses }, i) => {
          const current = stage === accountStage;
          return (
            <section
              key={stage}
              aria-labelledby={`stage-${stage}`}
              data-stage={stage}
              data-current-stage={current ? "true" : undefined}
              className={
                current
                  ? "rounded-2xl border-2 border-brand-500 bg-white/60 p-4 sm:p-5 dark:border-brand-500 dark:bg-slate-900/40"
                  : ""
              }
            >
              <div className="mb-3 flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <h3 id={`stage-${stage}`} className="text-xl font-semibold capitalize">
                  <span className="mr-2 text-slate-600 dark:text-slate-400">{i + 1}.</span>
                  {t(`stage.${stage}`)}
                </h3>
                {current ? (
                  <span className="rounded-full bg-brand-600 px-2.5 py-0.5 text-xs font-semibold text-white">
                    {t("catalog.teamStageNow")}
                  </span>
                ) : null}
                <p className="w-full text-sm text-slate-600 sm:w-auto dark:text-slate-400">
                  {t(`catalog.stageCopy.${stage}`)}
                </p>
              </div>
              {current && takeFirst ? (
                <p
                  role="note"
                  className="mb-3 rounded-lg bg-brand-50 px-3 py-2 text-sm text-brand-900 dark:bg-slate-800 dark:text-slate-100"
                >
                  {t("catalog.startWith")}{" "}
                  <Link
                    to={`/courses/${takeFirst.id}`}
                    className="font-semibold text-brand-700 underline underline-offset-2 dark:text-brand-100"
                  >
                    {takeFirst.title}
                  </Link>
                  {t("catalog.unlocks")}
                </p>
              ) : null}
              {courses.length === 0 ? (
                <p className="text-sm text-slate-600 dark:text-slate-400">{t("catalog.noCourses")}</p>
              ) : (
                <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
                  {courses.map((c) => (
                    <CourseCard key={c.id} course={c} headingLevel={4} />
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}
