import { MOVEMENT_TYPES, MOVEMENT_LABELS } from "../movement-types";
import type { ImpactReport } from "./build";
import type { ImpactSection } from "../impact/index.server";
import { courseExport } from "../impact/course-export";
import type { ProportionEstimate } from "../statistics";
import { toCsv, type CsvCell } from "#app/utils/csv.server";

type Cell = CsvCell;
/** The report as exported: the figures and the training-impact section (per-course estimates). */
export type ExportedReport = ImpactReport & { impact: ImpactSection };
interface Table {
  title: string;
  header: string[];
  rows: (report: ExportedReport) => Cell[][];
}

const r2 = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 100) / 100;
const est = (e: { ok: boolean; estimate?: number; low?: number; high?: number; reason?: string }): Cell[] =>
  e.ok ? [r2(e.estimate), r2(e.low), r2(e.high), ""] : [null, null, null, e.reason];

const COHORTS = ["all", "trained", "untrained"] as const;
/** A headline row: the figure for all, trained and untrained accounts, then (if it has one) each account count. */
function byCohort<G>(
  figure: string,
  groups: Record<(typeof COHORTS)[number], G>,
  value: (g: G) => Cell,
  accounts?: (g: G) => Cell,
): Cell[] {
  return [
    figure,
    ...COHORTS.map((c) => value(groups[c])),
    ...COHORTS.map((c) => (accounts ? accounts(groups[c]) : null)),
  ];
}

/** Every table of the report, as the CSV export offers it (`/report.csv?table=<key>`). */
export const REPORT_TABLES = {
  summary: {
    title: "Headline figures",
    header: ["figure", "all", "trained", "untrained", "accounts_all", "accounts_trained", "accounts_untrained"],
    rows: (r) => {
      const h = r.headline;
      const accounts = (g: { accounts: number }) => g.accounts;
      return [
        byCohort("base_expansion_rate_pct", h.baseExpansionRate, (g) => r2(g.rate), accounts),
        byCohort("revenue_start_mrr", h.baseExpansionRate, (g) => g.revenueStart),
        byCohort("revenue_end_mrr", h.baseExpansionRate, (g) => g.revenueEnd),
        byCohort("gross_revenue_retention_pct", h.grossRevenueRetention, (g) => r2(g.rate), accounts),
        byCohort("expansion_arr", h.expansion, (g) => g.expansionArr),
        byCohort("lost_arr", h.expansion, (g) => g.lostArr),
        byCohort("seat_coverage_pct", h.trainingReach, (g) => r2(g.seatCoverage), accounts),
        byCohort("learners", h.trainingReach, (g) => g.learners),
      ];
    },
  },
  expansion: {
    title: "Revenue movements by type (ARR)",
    header: ["movement_type", "label", "arr_all", "arr_trained", "arr_untrained"],
    rows: (r) =>
      MOVEMENT_TYPES.map((t) => [
        t,
        MOVEMENT_LABELS[t],
        r.headline.expansion.all.arr[t],
        r.headline.expansion.trained.arr[t],
        r.headline.expansion.untrained.arr[t],
      ]),
  },
  cohorts: {
    title: "Trained vs untrained cohorts",
    header: [
      "measure",
      "trained_value",
      "trained_n",
      "untrained_value",
      "untrained_n",
      "difference",
      "ci_low",
      "ci_high",
      "difference_note",
      "adjusted_difference",
      "adjusted_ci_low",
      "adjusted_ci_high",
      "adjusted_note",
      "strata_used",
    ],
    rows: (r) =>
      r.cohorts.map((c) => [
        c.label,
        r2(c.trained.value),
        c.trained.n,
        r2(c.untrained.value),
        c.untrained.n,
        ...est(c.difference),
        ...est(c.adjusted),
        c.adjusted.strataUsed,
      ]),
  },
  correlations: {
    title: "Correlations across accounts",
    header: [
      "x",
      "y",
      "n",
      "pearson_r",
      "pearson_ci_low",
      "pearson_ci_high",
      "spearman_rho",
      "spearman_ci_low",
      "spearman_ci_high",
      "note",
    ],
    rows: (r) =>
      r.correlations.map((p) =>
        p.result.ok
          ? [
              p.xLabel,
              p.yLabel,
              p.result.n,
              r2(p.result.pearson.r * 100)! / 100,
              ...[
                p.result.pearson.low,
                p.result.pearson.high,
                p.result.spearman.rho,
                p.result.spearman.low,
                p.result.spearman.high,
              ].map((v) => Math.round(v * 1000) / 1000),
              "",
            ]
          : [p.xLabel, p.yLabel, p.result.n, null, null, null, null, null, null, p.result.reason],
      ),
  },
  courses: {
    title: "Per-course impact (concurrent control, as on the page)",
    header: [
      "rank",
      "course_id",
      "course",
      "stage",
      "features",
      "reading",
      "adoption_change_pp",
      "ci_low",
      "ci_high",
      "se",
      "mde80_pp",
      "p",
      "q_bh",
      "n_completing",
      "n_comparison",
      "pre_trend_p",
      "note",
      "population",
      "cohorts_from",
      "cohorts_to",
      "usage_data_through",
      "revenue_data_through",
      "design",
    ],
    rows: (r) => {
      const x = courseExport(r.impact);
      return x.rows.map((c) => [
        c.rank,
        c.courseId,
        c.title,
        c.stage,
        c.features.join(" "),
        c.reading,
        c.estimate,
        c.ciLow,
        c.ciHigh,
        c.se,
        c.mde80,
        c.p,
        c.q,
        c.nCompleting,
        c.nComparison,
        c.preTrendP,
        c.note,
        x.population,
        x.cohorts.from,
        x.cohorts.to,
        x.dataThrough.usage,
        x.dataThrough.revenue,
        x.design,
      ]);
    },
  },
  funnel: {
    title: "Stage funnel",
    header: ["step", "label", "accounts", "learners", "customers_at_start"],
    rows: (r) => r.funnel.steps.map((s) => [s.step, s.label, s.accounts, s.learners, r.funnel.population]),
  },
  comparisons: {
    title: "Headline comparisons with 95% intervals (customers at period start)",
    header: ["figure", "group", "value", "ci_low", "ci_high", "n", "note"],
    rows: (r) => {
      const h = r.headline;
      const ratio = (e: {
        ok: boolean;
        estimate?: number;
        low?: number;
        high?: number;
        n?: number;
        nA?: number;
        reason?: string;
      }) => (e.ok ? [r2(e.estimate), r2(e.low), r2(e.high)] : [null, null, null]);
      const share = (e: ProportionEstimate) =>
        e.ok ? [r2(e.p), r2(e.low), r2(e.high), e.n, ""] : [null, null, null, e.n, e.reason];
      const rows: Cell[][] = [];
      for (const [key, c] of [
        ["base_expansion_rate_pct", h.baseExpansionRate.compared],
        ["gross_revenue_retention_pct", h.grossRevenueRetention.compared],
      ] as const) {
        rows.push([key, "trained", ...ratio(c.trained), c.trained.n, c.trained.ok ? "" : c.trained.reason]);
        rows.push([key, "untrained", ...ratio(c.untrained), c.untrained.n, c.untrained.ok ? "" : c.untrained.reason]);
        rows.push([key, "difference_pp", ...ratio(c.difference), null, c.difference.ok ? "" : c.difference.reason]);
      }
      for (const [key, c] of [
        ["accounts_expanding_pct", h.expansion.compared],
        ["churned_pct", h.churn.compared],
      ] as const) {
        rows.push([key, "trained", ...share(c.trained)]);
        rows.push([key, "untrained", ...share(c.untrained)]);
        rows.push([key, "difference_pp", ...ratio(c.difference), null, c.difference.ok ? "" : c.difference.reason]);
      }
      rows.push(["accounts_with_learners_pct", "all", ...share(h.trainingReach.share)]);
      return rows;
    },
  },
  ready: { title: "Ready for expansion", header: listHeader(), rows: (r) => r.readyForExpansion.map(listRow) },
  risk: { title: "At risk", header: listHeader(), rows: (r) => r.atRisk.map(listRow) },
  accounts: {
    title: "Accounts",
    header: [
      "account_id",
      "name",
      "segment",
      "plan_tier",
      "country",
      "csm",
      "mrr_start",
      "mrr_end",
      "expansion_rate_pct",
      "customer_at_start",
      "churned",
      "trained",
      "learners_before",
      "coverage_before_pct",
      "completion_rate_before_pct",
      "adoption_pct",
      "health",
      "health_band",
      "utilization_end_pct",
      "learners",
      "coverage_end_pct",
      "stage_reached",
    ],
    rows: (r) =>
      r.accountRows.map((a) => [
        a.id,
        a.name,
        a.segment,
        a.planTier,
        a.country,
        a.csm,
        a.revenueStart,
        a.revenueEnd,
        r2(a.expansionRate),
        a.customerAtStart,
        a.churned,
        a.trained,
        a.learnersBefore,
        r2(a.coverageBefore),
        r2(a.completionRateBefore),
        r2(a.adoption),
        a.health?.score ?? null,
        a.health?.band ?? null,
        r2(a.utilizationEnd),
        a.learners,
        r2(a.coverageEnd),
        a.stage,
      ]),
  },
} satisfies Record<string, Table>;

export type ReportTableKey = keyof typeof REPORT_TABLES;

function listHeader() {
  return [
    "account_id",
    "name",
    "segment",
    "plan_tier",
    "csm",
    "mrr",
    "health",
    "health_band",
    "utilization_pct",
    "reasons",
  ];
}
function listRow(a: ImpactReport["readyForExpansion"][number]): Cell[] {
  return [
    a.id,
    a.name,
    a.segment,
    a.planTier,
    a.csm,
    a.revenue,
    a.health,
    a.band,
    r2(a.utilization),
    a.reasons.join("; "),
  ];
}

export function reportTableCsv(report: ExportedReport, key: ReportTableKey): string {
  const t: Table = REPORT_TABLES[key];
  return toCsv(t.header, t.rows(report));
}
