import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { requireRole } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { INSIGHT_DEFINITIONS } from "#app/analytics/insights/definitions";
import {
  courseInsightsView,
  courseTitle,
  filtersToQuery,
  parseInsightsFilters,
} from "#app/analytics/insights/index.server";
import { freshnessOf } from "#app/analytics/report/view-state";
import { ComputingFigures, StaleFiguresBanner } from "#app/components/ui/StoredFigures";
import { HorizontalBarChart } from "#app/components/charts/HorizontalBarChart";
import { DataTable, Defined } from "#app/components/ui/DataTable";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { InsightsFilterForm } from "../insights._index/InsightsFilterForm";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.page?.course.title ?? data?.title ?? "Course"} insights · Uplift Academy` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "author", "cs_leader", "admin");
  const filters = parseInsightsFilters(new URL(request.url));
  const db = await getDb();
  const courseId = params.courseId ?? "";
  // Never waits long for a computation: older stored figures (labelled) or "computing" meanwhile.
  const state = await courseInsightsView(db, courseId, filters);
  const page = state.status === "computing" ? null : state.value;
  const title = page?.course.title ?? (state.status === "computing" ? await courseTitle(db, courseId) : null);
  if (!title) throw new Response("Not found", { status: 404 });
  return json({ page, title, courseId, freshness: freshnessOf(state), filters, query: filtersToQuery(filters) });
}

export default function CourseInsightsRoute() {
  const { page, title, courseId, freshness, filters } = useLoaderData<typeof loader>();
  if (!page || freshness.status === "computing")
    return (
      <ComputingFigures
        freshness={freshness as Extract<typeof freshness, { status: "computing" }>}
        title={title}
        what={`insights of ${title}`}
      >
        <InsightsFilterForm filters={filters} action={`/insights/courses/${courseId}`} />
      </ComputingFigures>
    );
  return <CourseInsights page={page} />;
}

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);
const minutes = (s: number | null) => (s === null ? "—" : `${Math.max(1, Math.round(s / 60))} min`);
const sourceLink = (p: string) => (
  <Link
    to={`/insights/source?path=${encodeURIComponent(p)}`}
    className="font-mono text-xs text-brand-700 underline dark:text-brand-100"
  >
    {p}
  </Link>
);

function CourseInsights({ page }: { page: NonNullable<SerializeFrom<typeof loader>["page"]> }) {
  const { freshness, filters, query } = useLoaderData<typeof loader>();
  const { course, funnel, comments, questions, videos } = page;
  const csv = (table: string) => `/insights/export${query ? `${query}&` : "?"}table=${table}&course=${course.id}`;
  const d = INSIGHT_DEFINITIONS;
  return (
    <div className="space-y-8">
      <div>
        <nav className="text-sm text-slate-600 dark:text-slate-400">
          <Link to={`/insights${query}`} className="hover:underline">
            Content insights
          </Link>{" "}
          / {course.title}
        </nav>
        <h1 className="mt-2 text-3xl font-bold">{course.title}</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          {course.enrolled} enrolled · {course.completed} completed ({pct(course.completionRate)}) · source{" "}
          {sourceLink(course.sourcePath)}
        </p>
      </div>
      <StaleFiguresBanner freshness={freshness} what="course's insights" />
      <InsightsFilterForm filters={filters} action={`/insights/courses/${course.id}`} />
      <section className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <h2 className="text-lg font-semibold">Drop-off funnel</h2>
        <HorizontalBarChart
          title={`Learners reaching each lesson of ${course.title}`}
          description="How many learners reached each lesson, in course order."
          bars={funnel.map((s) => ({ label: `${s.position}. ${s.title}`, value: s.reached }))}
          valueLabel="Learners"
          format={(v) => (v === null ? "—" : String(v))}
          integer
        />
      </section>
      <DataTable
        caption="Lessons"
        csvHref={csv("funnel")}
        head={[
          "Lesson",
          "Reached",
          "Completed",
          <Defined key="d" label="Stopped here" definition={d.dropOff} />,
          "Median time",
          "Rating",
          "Source",
        ]}
        rows={funnel.map((s) => [
          `${s.position}. ${s.title}`,
          s.reached,
          s.completed,
          `${s.droppedHere} (${pct(s.dropOffRate)})`,
          minutes(s.medianSecondsOnLesson),
          s.averageRating === null ? "—" : `${s.averageRating.toFixed(1)} (${s.ratings})`,
          sourceLink(s.sourcePath),
        ])}
      />
      {videos.length ? (
        <DataTable
          caption="Video watch-through"
          csvHref={csv("videos")}
          head={[
            "Lesson",
            "Video",
            <Defined key="s" label="Learners started" definition={d.videoStarted} />,
            <Defined key="m" label="Median watched" definition={d.videoMedian} />,
            <Defined key="r" label="Reached the requirement" definition={d.videoReached} />,
          ]}
          rows={videos.map((v) => [
            `${v.position}. ${v.lessonTitle}`,
            v.videoTitle,
            v.started,
            pct(v.medianShare),
            v.requireWatch === null
              ? "No requirement"
              : `${pct(v.reachedRequirementRate)} (≥ ${v.requireWatch}%, n = ${v.started})`,
          ])}
        />
      ) : null}
      <DataTable
        caption="Quiz questions"
        csvHref={csv("questions")}
        head={[
          "Lesson",
          "Question",
          "Attempts",
          <Defined key="f" label="Right first time" definition={d.firstTry} />,
          "Most chosen wrong answer",
        ]}
        rows={questions.map((q) => [
          q.lessonTitle,
          q.questionText ?? q.questionId,
          q.attempts,
          `${pct(q.firstTryCorrectRate)} of ${q.firstTries}`,
          q.commonWrongAnswer ? `${q.commonWrongAnswer} (${q.commonWrongCount}×)` : "—",
        ])}
        empty="No quiz attempts yet."
      />
      <DataTable
        caption="Learner comments (newest first)"
        csvHref={csv("comments")}
        head={["Date", "Lesson", "Rating", "Account", "Comment"]}
        rows={comments.map((c) => [
          c.updatedAt.slice(0, 10),
          c.lessonTitle,
          `${c.rating} / 5`,
          c.accountName,
          c.comment,
        ])}
        empty="No comments yet."
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
