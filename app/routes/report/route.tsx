import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { PeriodOutsideDataError } from "#app/analytics/coverage/sources";
import { filterOptions } from "#app/analytics/report/load.server";
import { DataThrough } from "#app/components/ui/DataThrough";
import { json } from "@remix-run/node";
import { useLoaderData, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireRole } from "#app/auth/gate.server";
import { getDb } from "#app/utils/db.server";
import { impactReportView } from "#app/analytics/report/impact-report.server";
import { freshnessOf, type Freshness } from "#app/analytics/report/view-state";
import { ComputingFigures, StaleFiguresBanner } from "#app/components/ui/StoredFigures";
import { filtersToQuery, parseReportFilters } from "#app/analytics/report/filters";
import { HelpTip } from "#app/components/ui/HelpTip";
import { ErrorPage } from "#app/components/ui/ErrorPage";
import { formatCount } from "#app/utils/format";
import type { DefinitionKey } from "#app/analytics/definitions";
import { pageModelOf } from "./page-model.server";
import { Filters, segmentLabel } from "./Filters";
import { HeadlineTiles } from "./HeadlineTiles";
import { CohortTable } from "./CohortTable";
import { Correlations } from "./Correlations";
import { CourseEffectsTable, ImpactDesign } from "./ImpactDesign";
import { Funnel } from "./Funnel";
import { AccountList } from "./AccountList";
import { Definitions } from "./Definitions";

export const meta: MetaFunction = () => [{ title: "Training impact report · Uplift Academy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "cs_leader", "admin");
  const parsed = parseReportFilters(new URL(request.url).searchParams);
  const db = await getDb();
  const errors = parsed.ok ? {} : parsed.errors;
  try {
    // Never waits long for a computation: older stored figures (labelled) or "computing" meanwhile.
    const state = await impactReportView(db, parsed.filters);
    const freshness = freshnessOf(state);
    if (state.status === "computing") {
      const filters = { ...parsed.filters, from: parsed.filters.from ?? "", to: parsed.filters.to ?? "" };
      const computing = { freshness, filters, options: await filterOptions(db) };
      return json({ report: null, refused: null, computing, freshness, errors });
    }
    return json({ report: pageModelOf(state.value), refused: null, computing: null, freshness, errors });
  } catch (err) {
    if (!(err instanceof PeriodOutsideDataError)) throw err;
    // No figures for months without data: say why, with the period the data does cover.
    const options = await filterOptions(db);
    const filters = {
      ...parsed.filters,
      from: parsed.filters.from ?? err.suggested?.from ?? "",
      to: parsed.filters.to ?? err.suggested?.to ?? "",
    };
    return json(
      {
        report: null,
        refused: { message: err.message, suggested: err.suggested, coverage: err.coverage, filters, options },
        computing: null,
        freshness: { status: "current" } as Freshness,
        errors,
      },
      { status: 422 },
    );
  }
}

/** The newest month any data source covers (YYYY-MM), for the stale-figures label. */
function latestMonth(coverage: Record<string, { last: string } | null | undefined>) {
  const last = Object.values(coverage)
    .map((span) => span?.last.slice(0, 7) ?? "")
    .sort()
    .pop();
  return last || null;
}

function Section({
  id,
  title,
  term,
  intro,
  actions,
  children,
}: {
  id: string;
  title: string;
  term?: DefinitionKey;
  intro?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="scroll-mt-4">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-xl font-semibold">
          {title}
          {term ? <HelpTip term={term} /> : null}
        </h2>
        {actions}
      </div>
      {intro ? <div className="mb-3 max-w-3xl text-sm text-slate-700 dark:text-slate-300">{intro}</div> : null}
      {children}
    </section>
  );
}

const NAV = [
  ["headline", "Headline"],
  ["impact", "Training impact"],
  ["cohorts", "Trained vs untrained"],
  ["correlations", "Correlations"],
  ["courses", "Per course"],
  ["funnel", "Stage funnel"],
  ["ready", "Ready for expansion"],
  ["risk", "At risk"],
  ["definitions", "Definitions"],
] as const;

function RefusedPeriod({
  refused,
  errors,
}: {
  refused: NonNullable<SerializeFrom<typeof loader>["refused"]>;
  errors: Partial<Record<string, string>>;
}) {
  const s = refused.suggested;
  const query = s ? filtersToQuery({ ...refused.filters, from: s.from, to: s.to }) : null;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-3xl font-bold">Training impact report</h1>
        <div
          role="alert"
          className="mt-3 rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
        >
          <p className="font-semibold">No figures for this period</p>
          <p className="mt-1 text-sm">{refused.message}</p>
          {query ? (
            <p className="mt-2 text-sm">
              <a href={`/report?${query}`} className="font-medium underline">
                Show {s!.from} to {s!.to} instead
              </a>
            </p>
          ) : null}
        </div>
        <div className="mt-3">
          <DataThrough coverage={refused.coverage} />
        </div>
      </header>
      <Filters report={{ filters: refused.filters, options: refused.options }} errors={errors} />
    </div>
  );
}

export default function ImpactReportPage() {
  const { report, refused, computing, freshness, errors } = useLoaderData<typeof loader>();
  if (computing && computing.freshness.status === "computing")
    return (
      <ComputingFigures freshness={computing.freshness} title="Training impact report" what="impact report">
        <Filters report={computing} errors={errors} />
      </ComputingFigures>
    );
  if (!report) return <RefusedPeriod refused={refused!} errors={errors} />;
  const f = report.filters;
  const query = filtersToQuery(f);
  const csv = (table: string) => `/report.csv?table=${table}&${query}`;
  const csvLink = (table: string, text = "CSV") => (
    <a href={csv(table)} className="no-print text-sm text-brand-700 underline dark:text-brand-100">
      {text}
    </a>
  );
  const scope = [
    f.segment && segmentLabel(f.segment),
    f.planTier,
    f.country,
    f.csm && `CSM ${f.csm}`,
    f.stage && `${f.stage} stage`,
  ]
    .filter(Boolean)
    .join(" · ");
  return (
    <div className="space-y-10">
      <header>
        <h1 className="text-3xl font-bold">Training impact report</h1>
        <p className="mt-1 text-slate-700 dark:text-slate-300">
          Does customer education move adoption, health and expansion revenue? Period <strong>{f.from}</strong> to{" "}
          <strong>{f.to}</strong>
          {scope ? <> · {scope}</> : " · all accounts"} · {formatCount(report.accounts.inScope, "account")} in scope,{" "}
          {formatCount(report.accounts.customersAtStart, "customer")} at the start.
        </p>
        <div className="mt-2">
          <DataThrough coverage={report.coverage} />
        </div>
        <div className="mt-3">
          <StaleFiguresBanner freshness={freshness} what="impact report" dataThrough={latestMonth(report.coverage)} />
        </div>
        <nav aria-label="Report sections" className="no-print mt-3 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {NAV.map(([id, text]) => (
            <a key={id} href={`#${id}`} className="text-brand-700 hover:underline dark:text-brand-100">
              {text}
            </a>
          ))}
          <a href={csv("accounts")} className="ml-auto font-medium text-brand-700 underline dark:text-brand-100">
            Export accounts (CSV)
          </a>
        </nav>
      </header>

      <Filters report={report} errors={errors} />

      <Section id="headline" title="Headline" actions={csvLink("summary")}>
        <HeadlineTiles report={report} />
      </Section>

      <Section
        id="impact"
        title="Training impact: staggered design"
        term="impactDesign"
        intro="Does training change what happens next at an account? Each trained account is compared with comparable accounts not trained by then, over the same months. Where accounts already differed before training, the result is only an association."
      >
        <ImpactDesign impact={report.impact} />
      </Section>

      <Section id="cohorts" title="Trained vs untrained accounts" term="trainedAccount" actions={csvLink("cohorts")}>
        <CohortTable report={report} />
      </Section>

      <Section
        id="correlations"
        title="Training and outcomes across accounts"
        term="correlation"
        actions={csvLink("correlations")}
        intro="Each dot is an account that was a customer at the start of the period: its training before the period against its results during it. Descriptive only (pooled, unadjusted): for what training changes, see Training impact above."
      >
        <Correlations report={report} />
      </Section>

      <Section
        id="courses"
        title="Per-course impact"
        term="courseImpact"
        actions={csvLink("courses")}
        intro="Accounts completing a course in the period against accounts at the same stage and in the same segment that had not (yet) completed it, over the same months: the change in adoption of the features the course teaches."
      >
        <CourseEffectsTable impact={report.impact} />
      </Section>

      <Section id="funnel" title="Stage funnel" term="stageReached" actions={csvLink("funnel")}>
        <Funnel report={report} />
      </Section>

      <div className="grid gap-8 lg:grid-cols-2">
        <Section id="ready" title="Ready for expansion" term="readyForExpansion" actions={csvLink("ready")}>
          <AccountList
            list={report.readyForExpansion}
            label="Accounts ready for expansion"
            csvHref={csv("ready")}
            empty="No account meets all four conditions at the end of this period."
          />
        </Section>
        <Section id="risk" title="At risk" term="atRisk" actions={csvLink("risk")}>
          <AccountList
            list={report.atRisk}
            label="Accounts at risk"
            csvHref={csv("risk")}
            empty="No account is at risk by this definition at the end of this period."
          />
        </Section>
      </div>

      <Section id="definitions" title="Definitions">
        <Definitions weights={report.healthWeights.weights} version={report.healthWeights.version} />
      </Section>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
