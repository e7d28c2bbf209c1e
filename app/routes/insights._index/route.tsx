import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { requireRole } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { INSIGHT_DEFINITIONS } from "#app/analytics/insights/definitions";
import { filtersToQuery, insightsOverviewView, parseInsightsFilters } from "#app/analytics/insights/index.server";
import { freshnessOf } from "#app/analytics/report/view-state";
import { ComputingFigures, StaleFiguresBanner } from "#app/components/ui/StoredFigures";
import { BarChart } from "#app/components/charts/BarChart";
import { DataTable, Defined } from "#app/components/ui/DataTable";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { HealthList } from "./HealthList";
import { InsightsFilterForm } from "./InsightsFilterForm";

export const meta: MetaFunction = () => [{ title: "Content insights · Uplift Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "author", "cs_leader", "admin");
  const filters = parseInsightsFilters(new URL(request.url));
  // Never waits long for a computation: older stored figures (labelled) or "computing" meanwhile.
  const state = await insightsOverviewView(await getDb(), filters);
  const data = state.status === "computing" ? null : state.value;
  return json({ data, freshness: freshnessOf(state), filters, query: filtersToQuery(filters) });
}

const INTRO = "How each course performs and where learners get stuck — so you know which lesson to fix first.";

export default function InsightsOverview() {
  const { data, freshness, filters } = useLoaderData<typeof loader>();
  if (!data || freshness.status === "computing")
    return (
      <ComputingFigures
        freshness={freshness as Extract<typeof freshness, { status: "computing" }>}
        title="Content insights"
        what="content insights"
      >
        <InsightsFilterForm filters={filters} action="/insights" />
      </ComputingFigures>
    );
  return <Overview data={data} />;
}

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);
const minutes = (s: number | null) =>
  s === null ? "—" : s < 3600 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`;

function Overview({ data }: { data: NonNullable<SerializeFrom<typeof loader>["data"]> }) {
  const { freshness, filters, query } = useLoaderData<typeof loader>();
  const { courses, trend, months, health } = data;
  const observed = months.filter((m) => m.completions !== null);
  const unobserved = months.length - observed.length;
  const csv = (table: string) => `/insights/export${query ? `${query}&` : "?"}table=${table}`;
  const d = INSIGHT_DEFINITIONS;
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold">Content insights</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">{INTRO}</p>
      </div>
      <StaleFiguresBanner freshness={freshness} what="content insights" />
      <InsightsFilterForm filters={filters} action="/insights" />
      <DataTable
        caption="Courses"
        csvHref={csv("courses")}
        head={[
          "Course",
          <Defined key="e" label="Enrolled" definition={d.enrolled} />,
          <Defined key="s" label="Started" definition={d.started} />,
          <Defined key="c" label="Completed" definition={d.completed} />,
          <Defined key="r" label="Completion" definition={d.completionRate} />,
          <Defined key="m" label="Median time" definition={d.medianTime} />,
          <Defined key="ra" label="Rating" definition={d.rating} />,
          <Defined key="n" label="NPS" definition={d.nps} />,
          "Certificates",
        ]}
        rows={courses.map((c) => [
          <Link
            key={c.id}
            to={`/insights/courses/${c.id}${query}`}
            className="font-medium text-brand-700 hover:underline dark:text-brand-100"
          >
            {c.title}
          </Link>,
          c.enrolled,
          c.started,
          c.completed,
          pct(c.completionRate),
          minutes(c.medianSecondsToComplete),
          c.averageRating === null ? "—" : `${c.averageRating.toFixed(1)} (${c.ratings})`,
          c.nps === null ? "—" : `${c.nps} (${c.surveys})`,
          c.certificates,
        ])}
      />
      <section className="rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900">
        <h2 className="text-lg font-semibold">
          Course completions by month{" "}
          <a
            href={csv("trend")}
            className="ml-2 text-sm font-normal text-brand-700 underline dark:text-brand-100"
            download
          >
            Export CSV
          </a>
        </h2>
        {trend.length && observed.length ? (
          <>
            <BarChart
              title="Course completions by month"
              description="Number of learners who completed a whole course, per month of the learning data (a month without completions shows as 0; the current month is still in progress)."
              bars={observed.map((t) => ({ label: t.month, value: t.completions! }))}
              xLabel="Month"
              yLabel="Completions"
            />
            {unobserved ? (
              <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
                {unobserved} month(s) of the period are outside the learning data ({observed[0]!.month} to{" "}
                {observed[observed.length - 1]!.month}): no data, not shown as 0.
              </p>
            ) : null}
          </>
        ) : (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
            No course completions for these filters yet.
          </p>
        )}
      </section>
      <section>
        <h2 className="text-lg font-semibold">
          Content health{" "}
          <a
            href={csv("health")}
            className="ml-2 text-sm font-normal text-brand-700 underline dark:text-brand-100"
            download
          >
            Export CSV
          </a>
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Worst first. Each item links to its source file so you can fix it.
        </p>
        <div className="mt-3 grid gap-4 lg:grid-cols-3">
          <HealthList
            title="Where learners stop"
            items={health.dropOff}
            empty="No lesson with enough learners (≥ 5) shows drop-off."
          />
          <HealthList
            title="Lowest rated lessons"
            items={health.rating}
            empty="Not enough ratings yet (≥ 3 per lesson)."
          />
          <HealthList
            title="Hardest questions"
            items={health.questions}
            empty="Not enough first attempts yet (≥ 5 per question)."
          />
        </div>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
