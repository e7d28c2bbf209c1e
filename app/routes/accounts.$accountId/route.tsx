import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useRouteError } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { getAccountTimeline } from "#app/analytics/account-timeline.server";
import { currentHealthWeights } from "#app/analytics/health-weights.server";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { LineChart } from "#app/components/charts/LineChart";
import { HealthBadge } from "#app/components/ui/HealthBadge";
import { HelpTip } from "#app/components/ui/HelpTip";
import { formatMoney, formatPct } from "#app/utils/format";
import { HealthBreakdown } from "./HealthBreakdown";
import { Timeline } from "./Timeline";
import { LearnersTable } from "./LearnersTable";
import { segmentLabel } from "#app/customers/segments";
import { DataThrough } from "#app/components/ui/DataThrough";
import { AssignmentSummary } from "#app/components/learning/AssignmentSummary";
import { accountAssignmentCounts } from "#app/learning/assignment-status.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.account.name ?? "Account"} · Uplift Academy` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "cs_leader", "admin");
  const id = z.string().uuid().safeParse(params.accountId);
  if (!id.success) throw new Response("Not found", { status: 404 });
  const db = await getDb();
  const { weights } = await currentHealthWeights(db);
  const timeline = await getAccountTimeline(db, id.data, weights);
  if (!timeline) throw new Response("Not found", { status: 404 });
  return json({ ...timeline, assignments: (await accountAssignmentCounts(db, id.data)).total });
}

const card = "rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900";

export default function AccountPage() {
  const {
    account,
    monthly,
    events,
    latestHealth,
    latestRevenue,
    latestUtilization,
    learners,
    coverage,
    accountCoverage,
    assignments,
  } = useLoaderData<typeof loader>();
  const months = monthly.map((m) => m.month);
  const healthAsOf = latestHealth ? (latestHealth.asOf ?? latestHealth.month).slice(0, 7) : "";
  return (
    <div className="space-y-8">
      <div>
        <nav className="text-sm text-slate-600 dark:text-slate-400">
          <Link to="/report" className="hover:underline">
            Impact report
          </Link>{" "}
          / Account
        </nav>
        <h1 className="mt-2 text-3xl font-bold">{account.name}</h1>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          {[
            account.segment && segmentLabel(account.segment),
            account.plan_tier,
            account.country,
            account.csm_owner && `CSM ${account.csm_owner}`,
            `${account.lifecycle_stage} stage`,
            account.status === "churned" ? `churned ${account.churn_date ?? ""}` : null,
          ]
            .filter(Boolean)
            .join(" · ")}
          <span className="text-slate-600 dark:text-slate-400"> · {account.external_id}</span>
        </p>
        <div className="mt-2">
          <DataThrough coverage={accountCoverage} overall={coverage} label="This account's data through" />
        </div>
      </div>

      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className={card}>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            MRR {latestRevenue ? `(${latestRevenue.month.slice(0, 7)})` : ""}
          </p>
          <p className="text-2xl font-bold tabular-nums">
            {latestRevenue ? formatMoney(latestRevenue.revenue) : "no data"}
          </p>
        </div>
        <div className={card}>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Seat utilization
            <HelpTip term="seatUtilization" />
          </p>
          <p className="text-2xl font-bold tabular-nums">
            {latestUtilization ? formatPct(latestUtilization.utilization, 0) : "no data"}
          </p>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {latestUtilization
              ? `as of ${latestUtilization.month.slice(0, 7)} · ${latestUtilization.seats} seats`
              : "no usage data"}
          </p>
        </div>
        <div className={card}>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Health score
            <HelpTip term="healthScore" />
          </p>
          <p className="mt-1 text-2xl font-bold">
            {latestHealth ? <HealthBadge score={latestHealth.score} band={latestHealth.band} /> : "no data"}
          </p>
          <p className="text-xs text-slate-600 dark:text-slate-400">{latestHealth ? `as of ${healthAsOf}` : ""}</p>
        </div>
        <div className={card}>
          <p className="text-sm text-slate-600 dark:text-slate-400">Learners</p>
          <p className="text-2xl font-bold tabular-nums">{learners.filter((l) => l.lessons_completed > 0).length}</p>
          <p className="text-xs text-slate-600 dark:text-slate-400">of {learners.length} people signed up</p>
        </div>
      </div>

      <AssignmentSummary counts={assignments} assignUrl={`/assignments/new?account=${account.id}`} />

      {monthly.length ? (
        <section aria-labelledby="trends" className={card}>
          <h2 id="trends" className="text-lg font-semibold">
            Month by month
          </h2>
          <div className="mt-3 grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
            <LineChart
              title={`${account.name}: MRR by month`}
              description={`Monthly recurring revenue from ${months[0]} to ${months[months.length - 1]}.`}
              months={months}
              series={[{ name: "MRR", values: monthly.map((m) => m.revenue), tone: "brand" }]}
              yLabel="MRR ($)"
              format={formatMoney}
            />
            <LineChart
              title={`${account.name}: health and utilization by month`}
              description="Health score (0–100) and seat utilization (%) per month."
              months={months}
              yMin={0}
              series={[
                { name: "Health score", values: monthly.map((m) => m.health.score), tone: "emerald" },
                { name: "Seat utilization %", values: monthly.map((m) => m.utilization), tone: "amber" },
              ]}
              yLabel="Score / %"
              format={(v) => (v === null ? "—" : v.toFixed(1))}
            />
          </div>
        </section>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">No monthly data for this account yet.</p>
      )}

      <div className="grid gap-6 lg:grid-cols-2 [&>*]:min-w-0">
        {latestHealth ? (
          <section aria-labelledby="breakdown" className={card}>
            <h2 id="breakdown" className="text-lg font-semibold">
              Health breakdown (as of {healthAsOf})
            </h2>
            <HealthBreakdown health={latestHealth} />
          </section>
        ) : null}
        <section aria-labelledby="timeline" className={card}>
          <h2 id="timeline" className="text-lg font-semibold">
            Timeline
          </h2>
          <Timeline events={events} />
        </section>
      </div>

      <section aria-labelledby="learners" className={card}>
        <h2 id="learners" className="text-lg font-semibold">
          Learners' progress
        </h2>
        <LearnersTable learners={learners} />
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
