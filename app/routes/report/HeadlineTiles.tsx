import type { ReactNode } from "react";
import type { DefinitionKey } from "#app/analytics/definitions";
import { EXPANSION_TYPES, MOVEMENT_LABELS } from "#app/analytics/movement-types";
import { HelpTip } from "#app/components/ui/HelpTip";
import { formatCount, formatMoney, formatPct } from "#app/utils/format";
import type { ReportView } from "./view-types";

const card = "flex flex-col rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900";

function Tile({ title, term, value, sub, trained, untrained, children }: {
  title: string; term: DefinitionKey; value: string; sub: string;
  trained: { value: string; n: string }; untrained: { value: string; n: string }; children?: ReactNode;
}) {
  return (
    <section className={card} aria-label={title}>
      <h3 className="text-sm font-semibold text-slate-700 dark:text-slate-300">{title}<HelpTip term={term} /></h3>
      <p className="mt-2 text-3xl font-bold tabular-nums">{value}</p>
      <p className="text-xs text-slate-600 dark:text-slate-400">{sub}</p>
      {children}
      <dl className="mt-auto grid grid-cols-2 gap-2 border-t border-slate-200 pt-3 text-sm dark:border-slate-800">
        <div>
          <dt className="text-xs font-medium text-brand-700 dark:text-brand-100">Trained</dt>
          <dd className="font-semibold tabular-nums">{trained.value}</dd>
          <dd className="text-xs text-slate-600 dark:text-slate-400">{trained.n}</dd>
        </div>
        <div>
          <dt className="text-xs font-medium text-slate-600 dark:text-slate-400">Untrained</dt>
          <dd className="font-semibold tabular-nums">{untrained.value}</dd>
          <dd className="text-xs text-slate-600 dark:text-slate-400">{untrained.n}</dd>
        </div>
      </dl>
    </section>
  );
}

const accountsN = (n: number) => `n = ${formatCount(n, "account")}`;

export function HeadlineTiles({ report }: { report: ReportView }) {
  const h = report.headline;
  const ber = h.baseExpansionRate, grr = h.grossRevenueRetention, ex = h.expansion, reach = h.trainingReach;
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <Tile
        title="Base expansion rate" term="baseExpansionRate" value={formatPct(ber.all.rate)}
        sub={`${accountsN(ber.all.accounts)} · ${formatMoney(ber.all.revenueStart)} → ${formatMoney(ber.all.revenueEnd)} MRR`}
        trained={{ value: formatPct(ber.trained.rate), n: accountsN(ber.trained.accounts) }}
        untrained={{ value: formatPct(ber.untrained.rate), n: accountsN(ber.untrained.accounts) }}
      />
      <Tile
        title="Gross revenue retention" term="grossRevenueRetention" value={formatPct(grr.all.rate)}
        sub={`${accountsN(grr.all.accounts)} · ${formatMoney(grr.all.revenueRetained)} of ${formatMoney(grr.all.revenueStart)} MRR kept`}
        trained={{ value: formatPct(grr.trained.rate), n: accountsN(grr.trained.accounts) }}
        untrained={{ value: formatPct(grr.untrained.rate), n: accountsN(grr.untrained.accounts) }}
      />
      <Tile
        title="Expansion ARR" term="expansionByType" value={formatMoney(ex.all.expansionArr)}
        sub={`${formatCount(ex.all.movements, "movement")} in the period · ${formatMoney(ex.all.lostArr)} lost to contraction and churn`}
        trained={{ value: formatMoney(ex.trained.expansionArr), n: `${formatCount(ex.trained.movements, "movement")}` }}
        untrained={{ value: formatMoney(ex.untrained.expansionArr), n: `${formatCount(ex.untrained.movements, "movement")}` }}
      >
        <ul className="my-3 space-y-0.5 text-xs">
          {EXPANSION_TYPES.map((t) => (
            <li key={t} className="flex justify-between gap-2"><span className="text-slate-600 dark:text-slate-400">{MOVEMENT_LABELS[t]}</span><span className="tabular-nums">{formatMoney(ex.all.arr[t])}</span></li>
          ))}
        </ul>
      </Tile>
      <Tile
        title="Training reach" term="seatCoverage"
        value={reach.all.accounts ? formatPct((reach.all.accountsWithLearners / reach.all.accounts) * 100, 0) : "—"}
        sub={`${formatCount(reach.all.accountsWithLearners, "account")} of ${formatCount(reach.all.accounts, "customer")} have learners · ${formatCount(reach.all.learners, "learner")} · seat coverage ${formatPct(reach.all.seatCoverage)}`}
        trained={{ value: `${formatPct(reach.trained.seatCoverage)} coverage`, n: `${formatCount(reach.trained.learners, "learner")} · ${accountsN(reach.trained.accounts)}` }}
        untrained={{ value: `${formatPct(reach.untrained.seatCoverage)} coverage`, n: `${formatCount(reach.untrained.learners, "learner")} · ${accountsN(reach.untrained.accounts)}` }}
      />
    </div>
  );
}
