import { EventStudyChart } from "#app/components/charts/EventStudyChart";
import { StageBadge } from "#app/components/ui/StageBadge";
import { formatSigned } from "#app/utils/format";
import type { ReportView } from "./view-types";
import { impactHeadline } from "#app/analytics/impact/headline";
import { NOT_ENOUGH_COURSE_DATA } from "#app/analytics/impact/course-export";

type Impact = ReportView["impact"];
type Outcome = Impact["outcomes"][number];
type Estimate = NonNullable<Outcome["overall"]>;

const unitText = (u: Outcome["unit"]) => (u === "% of MRR" ? "% of MRR" : u);
const fmt = (u: Outcome["unit"]) => (v: number | null) =>
  v === null ? "—" : formatSigned(v, u === "% of MRR" ? "%" : ` ${u}`);
const small = "block text-xs text-slate-600 dark:text-slate-400";

function ClaimBadge({ claim }: { claim: string }) {
  const effect = claim === "estimated effect";
  return (
    <span
      className={`inline-block rounded px-1.5 py-0.5 text-xs font-semibold ${effect ? "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100" : "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100"}`}
    >
      {effect ? "Estimated effect" : "Association"}
    </span>
  );
}

const NOT_ENOUGH =
  "Not enough data: a figure needs at least 10 trained and 10 comparison accounts with data (comparisons of at least 5 accounts of the same segment).";

function EstimateCell({
  e,
  unit,
  missing = NOT_ENOUGH,
}: {
  e: Estimate | null;
  unit: Outcome["unit"];
  missing?: string;
}) {
  if (!e) return <span className="text-xs italic text-slate-600 dark:text-slate-400">{missing}</span>;
  const f = fmt(unit);
  return (
    <>
      <span className="font-semibold tabular-nums">{f(e.estimate)}</span>
      <span className={small}>
        95% CI {f(e.low)} to {f(e.high)}
        {e.low <= 0 && e.high >= 0 ? " · includes 0" : " · excludes 0"}
      </span>
    </>
  );
}

function DoublyRobustCell({ dr, unit }: { dr: NonNullable<Outcome["doublyRobust"]>; unit: Outcome["unit"] }) {
  const e = dr.overall;
  const f = fmt(unit);
  return (
    <span className="mt-2 block border-t border-dashed border-slate-300 pt-1 text-xs text-slate-700 dark:border-slate-700 dark:text-slate-300">
      Doubly robust (AIPW):{" "}
      {e ? (
        <>
          <span className="font-semibold tabular-nums">{f(e.estimate)}</span>, 95% CI {f(e.low)} to {f(e.high)}, n{" "}
          {e.nTreated} / {e.nControl}
        </>
      ) : (
        (dr.reason ?? "not enough data")
      )}
      <span className="block text-slate-600 dark:text-slate-400">
        Outcome regression + propensity weights on the balance table's characteristics; SE from the influence function.
      </span>
    </span>
  );
}

/** The staggered design's figures: what is estimated, on whom, how, and whether it may be called an effect. */
export function ImpactDesign({ impact }: { impact: Impact }) {
  const main = impact.outcomes.find((o) => o.key === "expansion")!;
  const util = impact.outcomes.find((o) => o.key === "utilization")!;
  const points = (o: Outcome) =>
    o.eventStudy.map((p) => ({
      e: p.e,
      estimate: p.estimate?.estimate ?? null,
      low: p.estimate?.low ?? null,
      high: p.estimate?.high ?? null,
      n: p.estimate?.nTreated ?? null,
    }));
  const headline = impactHeadline(main, impact);
  return (
    <div className="space-y-6">
      <p
        className="max-w-3xl rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm font-medium dark:border-slate-800 dark:bg-slate-900"
        data-testid="impact-headline"
      >
        {headline.text}
      </p>
      <dl className="grid gap-x-6 gap-y-2 text-sm md:grid-cols-[10rem_1fr]">
        <dt className="font-semibold">Design</dt>
        <dd>{impact.design}</dd>
        <dt className="font-semibold">Population</dt>
        <dd>
          {impact.population} Data {impact.months.first.slice(0, 7)} to {impact.months.last.slice(0, 7)};{" "}
          {impact.accounts.trainedInPeriod} accounts trained in the period, {impact.accounts.neverTrained} never
          trained, {impact.accounts.trainedOutsidePeriod} trained outside it (controls until they train).
        </dd>
        <dt className="font-semibold">Inference</dt>
        <dd>
          95% intervals from influence functions summed per account (cluster-robust by account). MDE = smallest effect
          detected 80% of the time at the 5% level with this n.
        </dd>
      </dl>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[860px] text-left text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:py-2.5 [&_td]:pr-4 [&_td]:align-top dark:[&_td]:border-slate-800 [&_th]:pb-2 [&_th]:pr-4">
          <caption className="sr-only">Training impact by outcome</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col">Reading</th>
              <th scope="col">Months 0–12 after training</th>
              <th scope="col">MDE (80% power)</th>
              <th scope="col">n trained / comparison</th>
              <th scope="col">Pre-trend check</th>
            </tr>
          </thead>
          <tbody>
            {impact.outcomes.map((o) => (
              <tr key={o.key}>
                <th scope="row" className="pr-4 align-top font-medium">
                  {o.label}
                  <span className={small}>
                    {unitText(o.unit)} · {o.weighting === "revenue" ? "revenue-weighted" : "account-weighted"}
                  </span>
                </th>
                <td>{o.overall ? <ClaimBadge claim={o.claim} /> : "—"}</td>
                <td>
                  <EstimateCell e={o.overall} unit={o.unit} />
                  {o.doublyRobust ? <DoublyRobustCell dr={o.doublyRobust} unit={o.unit} /> : null}
                </td>
                <td className="tabular-nums">
                  {o.overall ? `±${fmt(o.unit)(o.overall.mde).replace(/^[+−-]/, "")}` : "—"}
                </td>
                <td className="tabular-nums">
                  {o.overall ? `${o.overall.nTreated} / ${o.overall.nControl}` : "—"}
                  {o.treatedWithoutControls ? (
                    <span className={small}>
                      {o.treatedWithoutControls} trained without comparable accounts left out
                    </span>
                  ) : null}
                </td>
                <td>
                  {o.placeboFrom ? (
                    <span className={small}>0 before training by definition; uses the expansion check</span>
                  ) : o.preTrend ? (
                    <>
                      <span className="tabular-nums">p = {o.preTrend.p.toFixed(2)}</span>
                      <span className={small}>
                        {o.preTrend.pass ? "months −6…−2 consistent with 0" : "trends differed before training"}
                      </span>
                      {/* Figures stored by an older build (served while new ones compute) have no level/trend. */}
                      {o.preTrend.level ? (
                        <span className={`${small} tabular-nums`}>
                          level {fmt(o.unit)(o.preTrend.level.estimate)}
                          {o.preTrend.trend ? `, trend ${fmt(o.unit)(o.preTrend.trend.estimate)} per month` : ""}
                        </span>
                      ) : null}
                    </>
                  ) : (
                    <span className={small}>no pre-training months with data</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {impact.outcomes.some((o) => o.preTrend && !o.preTrend.pass) ? (
        <p className="max-w-3xl text-xs text-slate-700 dark:text-slate-300">
          Where trends differed before the training month, the accounts were already on different paths, so the figure
          is an association. A common reason: the training month under the chosen definition comes after exposure began
          — with “adoption-stage course” as the definition, most accounts had taken onboarding courses months earlier,
          and what those changed shows up as a pre-trend (see docs/impact-design.md).
        </p>
      ) : null}
      <BalanceTable impact={impact} />
      <div className="grid gap-8 lg:grid-cols-2">
        <EventStudyChart
          title={`Event study: ${main.label}`}
          description={`Difference between trained and comparison accounts in net MRR change since the month before training, by month relative to training, with 95% intervals. Reading: ${main.claim}.`}
          points={points(main)}
          yLabel="pp of MRR vs comparison"
          format={fmt(main.unit)}
        />
        <EventStudyChart
          title={`Event study: ${util.label}`}
          description={`Difference between trained and comparison accounts in seat utilization change since the month before training, by month relative to training, with 95% intervals. Reading: ${util.claim}.`}
          points={points(util)}
          yLabel="pp of seats vs comparison"
          format={fmt(util.unit)}
        />
      </div>
    </div>
  );
}

/** Per-course impact with a concurrent control; catalog order unless intervals allow a ranking. */
export function CourseEffectsTable({ impact }: { impact: Impact }) {
  const rows = impact.coursesRankable
    ? [...impact.courses].sort((a, b) => (b.overall?.estimate ?? -Infinity) - (a.overall?.estimate ?? -Infinity))
    : impact.courses;
  if (!rows.length)
    return <p className="text-sm text-slate-600 dark:text-slate-400">No published course lists product features.</p>;
  return (
    <div className="space-y-2">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        {impact.coursesRankable
          ? "Ranked: no two intervals overlap."
          : "Catalog order, not a ranking: the courses' intervals overlap, so the data cannot order them."}
      </p>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Cohorts completing {impact.cohorts.from.slice(0, 7)} to {impact.cohorts.to.slice(0, 7)}; product-usage data
        through {impact.dataThrough.usage ?? "— (none)"}, revenue through {impact.dataThrough.revenue}.{" "}
        {impact.population}
      </p>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[820px] text-left text-sm [&_td]:border-t [&_td]:border-slate-200 [&_td]:py-2.5 [&_td]:pr-4 [&_td]:align-top dark:[&_td]:border-slate-800 [&_th]:pb-2 [&_th]:pr-4">
          <caption className="sr-only">Per-course impact on adoption of the course's features</caption>
          <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col">Course</th>
              <th scope="col">Reading</th>
              <th scope="col">Adoption of its features, months 0–6</th>
              <th scope="col">q (BH)</th>
              <th scope="col">MDE</th>
              <th scope="col">n completing / comparison</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.courseId}>
                <th scope="row" className="pr-4 align-top font-medium">
                  <span className="block">{c.title}</span>
                  <span className="mt-1 flex flex-wrap items-center gap-2 text-xs font-normal text-slate-600 dark:text-slate-400">
                    <StageBadge stage={c.stage} />
                    {c.features.join(", ")}
                  </span>
                </th>
                <td>{c.overall ? <ClaimBadge claim={c.claim} /> : "—"}</td>
                <td>
                  <EstimateCell e={c.overall} unit="pp" missing={NOT_ENOUGH_COURSE_DATA} />
                </td>
                <td className="tabular-nums">{c.overall ? c.overall.q.toFixed(3) : "—"}</td>
                <td className="tabular-nums">{c.overall ? `±${c.overall.mde.toFixed(1)} pp` : "—"}</td>
                <td className="tabular-nums">{c.overall ? `${c.overall.nTreated} / ${c.overall.nControl}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function BalanceTable({ impact }: { impact: Impact }) {
  const b = impact.balance;
  if (!b)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Covariate balance: not enough trained and comparison accounts in the month before training.
      </p>
    );
  const smd = (v: number | null) => (v === null ? "—" : v.toFixed(2));
  const flag = (v: number | null) =>
    v !== null && Math.abs(v) >= 0.1 ? "font-semibold text-amber-800 dark:text-amber-200" : "";
  return (
    <details className="text-sm">
      <summary className="cursor-pointer font-semibold">
        Covariate balance in the month before training ({b.nTrained} trained, {b.nComparison} comparison account-months)
      </summary>
      <p className="mt-2 max-w-3xl text-slate-700 dark:text-slate-300">
        Standardized mean differences; |SMD| ≥ 0.1 (highlighted) means the groups differed. The design compares within
        segment, so segment is balanced after its weights; characteristics still unbalanced after propensity weights are
        what the comparison cannot account for.
        {b.propensityConverged
          ? ""
          : " The propensity model did not converge (perfect separation), so no propensity column."}
      </p>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full min-w-[640px] text-left [&_td]:border-t [&_td]:border-slate-200 [&_td]:py-1.5 [&_td]:pr-4 dark:[&_td]:border-slate-800 [&_th]:pb-1 [&_th]:pr-4">
          <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col">Characteristic</th>
              <th scope="col">Mean trained</th>
              <th scope="col">Mean comparison</th>
              <th scope="col">SMD before</th>
              <th scope="col">SMD, segment weights</th>
              <th scope="col">SMD, propensity weights</th>
            </tr>
          </thead>
          <tbody>
            {b.rows.map((r) => (
              <tr key={r.covariate}>
                <th scope="row" className="font-normal">
                  {r.covariate}
                </th>
                <td className="tabular-nums">{r.meanTrained.toFixed(2)}</td>
                <td className="tabular-nums">{r.meanComparison.toFixed(2)}</td>
                <td className={`tabular-nums ${flag(r.smdBefore)}`}>{smd(r.smdBefore)}</td>
                <td className={`tabular-nums ${flag(r.smdDesign)}`}>{smd(r.smdDesign)}</td>
                <td className={`tabular-nums ${flag(r.smdPropensity)}`}>{smd(r.smdPropensity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
