import type { ReactNode } from "react";
import type { DefinitionKey } from "#app/analytics/definitions";
import { EXPANSION_TYPES, MOVEMENT_LABELS } from "#app/analytics/movement-types";
import { HelpTip } from "#app/components/ui/HelpTip";
import { formatCount, formatMoney, formatPct, formatSigned } from "#app/utils/format";
import type { ReportView } from "./view-types";

const card = "flex flex-col rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900";

/** One group's figure as the tiles receive it: a value with its 95% interval, or the reason there is none. */
type GroupFigure =
  { ok: true; value: number; low: number; high: number; n: number } | { ok: false; n: number; reason: string };
type Difference = ReportView["headline"]["churn"]["compared"]["difference"];

function Group({ name, tone, g }: { name: string; tone: string; g: GroupFigure }) {
  return (
    <div>
      <dt className={`text-xs font-medium ${tone}`}>{name}</dt>
      {g.ok ? (
        <>
          <dd className="font-semibold tabular-nums">{formatPct(g.value)}</dd>
          <dd className="text-xs tabular-nums text-slate-600 dark:text-slate-400">
            95% CI {formatPct(g.low)} to {formatPct(g.high)}
          </dd>
        </>
      ) : (
        <dd className="text-xs italic text-slate-600 dark:text-slate-400">
          {g.reason.replace(/^Not enough data: /, "Too few for a figure: ")}
        </dd>
      )}
      <dd className="text-xs text-slate-600 dark:text-slate-400">n = {formatCount(g.n, "account")}</dd>
    </div>
  );
}

function DifferenceLine({ d }: { d: Difference }) {
  return (
    <p className="mt-2 text-xs text-slate-700 dark:text-slate-300">
      Difference (trained − untrained):{" "}
      {d.ok ? (
        <strong className="tabular-nums">
          {formatSigned(d.estimate, "pp")} (95% CI {formatSigned(d.low, "")} to {formatSigned(d.high, "")})
        </strong>
      ) : (
        <span className="italic">{d.reason}</span>
      )}
    </p>
  );
}

function Tile({
  title,
  term,
  value,
  sub,
  trained,
  untrained,
  difference,
  compareLabel,
  children,
}: {
  title: string;
  term: DefinitionKey;
  value: string;
  sub: string;
  trained?: GroupFigure;
  untrained?: GroupFigure;
  difference?: Difference;
  compareLabel?: string;
  children?: ReactNode;
}) {
  return (
    <section className={card} aria-label={title}>
      <h3 className="text-sm font-semibold text-slate-700 dark:text-slate-300">
        {title}
        <HelpTip term={term} />
      </h3>
      <p className="mt-2 text-3xl font-bold tabular-nums">{value}</p>
      <p className="text-xs text-slate-600 dark:text-slate-400">{sub}</p>
      {children}
      {trained && untrained ? (
        <div className="mt-auto border-t border-slate-200 pt-3 dark:border-slate-800">
          {compareLabel ? (
            <p className="mb-1 text-xs font-medium text-slate-700 dark:text-slate-300">{compareLabel}</p>
          ) : null}
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <Group name="Trained" tone="text-brand-700 dark:text-brand-100" g={trained} />
            <Group name="Untrained" tone="text-slate-600 dark:text-slate-400" g={untrained} />
          </dl>
          {difference ? <DifferenceLine d={difference} /> : null}
        </div>
      ) : null}
    </section>
  );
}

type Ratio = ReportView["headline"]["baseExpansionRate"]["compared"]["trained"];
type Share = ReportView["headline"]["churn"]["trained"];
const ratio = (e: Ratio): GroupFigure => (e.ok ? { ok: true, value: e.estimate, low: e.low, high: e.high, n: e.n } : e);
const share = (e: Share): GroupFigure =>
  e.ok ? { ok: true, value: e.p, low: e.low, high: e.high, n: e.n } : { ok: false, n: e.n, reason: e.reason };
const accountsN = (n: number) => `n = ${formatCount(n, "account")}`;

export function HeadlineTiles({ report }: { report: ReportView }) {
  const h = report.headline;
  const ber = h.baseExpansionRate,
    grr = h.grossRevenueRetention,
    ex = h.expansion,
    reach = h.trainingReach,
    churn = h.churn;
  return (
    <div>
      <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">
        Every tile counts the {formatCount(h.population.all, "account")} that were customers on {report.filters.from}:{" "}
        {formatCount(h.population.trained, "trained account")} and{" "}
        {formatCount(h.population.untrained, "untrained account")}, the same cohorts as below.
      </p>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        <Tile
          title="Base expansion rate"
          term="baseExpansionRate"
          value={formatPct(ber.all.rate)}
          sub={`${accountsN(ber.all.accounts)} · ${formatMoney(ber.all.revenueStart)} → ${formatMoney(ber.all.revenueEnd)} MRR`}
          trained={ratio(ber.compared.trained)}
          untrained={ratio(ber.compared.untrained)}
          difference={ber.compared.difference}
        />
        <Tile
          title="Gross revenue retention"
          term="grossRevenueRetention"
          value={formatPct(grr.all.rate)}
          sub={`${accountsN(grr.all.accounts)} · ${formatMoney(grr.all.revenueRetained)} of ${formatMoney(grr.all.revenueStart)} MRR kept`}
          trained={ratio(grr.compared.trained)}
          untrained={ratio(grr.compared.untrained)}
          difference={grr.compared.difference}
        />
        <Tile
          title="Churn"
          term="churnRate"
          value={churn.all.ok ? formatPct(churn.all.p) : "—"}
          sub={`${accountsN(churn.all.n)}${churn.all.ok ? ` · 95% CI ${formatPct(churn.all.low)} to ${formatPct(churn.all.high)}` : ""}`}
          compareLabel="Share of accounts that churned"
          trained={share(churn.compared.trained)}
          untrained={share(churn.compared.untrained)}
          difference={churn.compared.difference}
        />
        <Tile
          title="Expansion ARR"
          term="expansionByType"
          value={formatMoney(ex.all.expansionArr)}
          sub={`${formatCount(ex.all.movements, "movement")} in the period · ${formatMoney(ex.all.lostArr)} lost to contraction and churn`}
          compareLabel="Share of accounts with an expansion movement"
          trained={share(ex.compared.trained)}
          untrained={share(ex.compared.untrained)}
          difference={ex.compared.difference}
        >
          <ul className="my-3 space-y-0.5 text-xs">
            {EXPANSION_TYPES.map((t) => (
              <li key={t} className="flex justify-between gap-2">
                <span className="text-slate-600 dark:text-slate-400">{MOVEMENT_LABELS[t]}</span>
                <span className="tabular-nums">{formatMoney(ex.all.arr[t])}</span>
              </li>
            ))}
          </ul>
          <p className="mb-2 text-xs text-slate-600 dark:text-slate-400">
            Not in this population: {formatCount(h.newCustomers.accounts, "new customer")} won during the period,{" "}
            {formatMoney(h.newCustomers.arr)} new ARR.
          </p>
        </Tile>
        <Tile
          title="Training reach"
          term="seatCoverage"
          value={reach.share.ok ? formatPct(reach.share.p, 0) : "—"}
          sub={`${formatCount(reach.all.accountsWithLearners, "account")} of ${formatCount(reach.all.accounts, "customer")} have learners by ${report.filters.to}${reach.share.ok ? ` (95% CI ${formatPct(reach.share.low, 0)} to ${formatPct(reach.share.high, 0)})` : ""} · ${formatCount(reach.all.learners, "learner")} · seat coverage ${formatPct(reach.all.seatCoverage)}`}
        >
          <dl className="mt-auto grid grid-cols-2 gap-2 border-t border-slate-200 pt-3 text-sm dark:border-slate-800">
            <div>
              <dt className="text-xs font-medium text-brand-700 dark:text-brand-100">Trained</dt>
              <dd className="font-semibold tabular-nums">{formatCount(reach.trained.learners, "learner")}</dd>
              <dd className="text-xs text-slate-600 dark:text-slate-400">
                {formatPct(reach.trained.seatCoverage)} seat coverage · {accountsN(reach.trained.accounts)}
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">Untrained</dt>
              <dd className="font-semibold tabular-nums">{formatCount(reach.untrained.learners, "learner")}</dd>
              <dd className="text-xs text-slate-600 dark:text-slate-400">
                {formatPct(reach.untrained.seatCoverage)} seat coverage · {accountsN(reach.untrained.accounts)}
              </dd>
            </div>
          </dl>
        </Tile>
      </div>
    </div>
  );
}
