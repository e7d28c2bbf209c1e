/**
 * The sentence a CS leader reads first about an outcome of the training-impact design: its reading
 * (estimated effect or association), the figure with its 95% interval, whether that interval includes 0,
 * n, population and months of data — worded from the numbers, so it can never claim more than they say.
 */
import type { DesignOutcome } from "./design";

export interface ImpactHeadline {
  text: string;
  ciIncludesZero: boolean | null;
}

const signed = (v: number, unit: string) =>
  `${v > 0 ? "+" : v < 0 ? "−" : ""}${Math.abs(v).toFixed(1)}${unit === "% of MRR" ? "% of MRR" : ` ${unit}`}`;

export function impactHeadline(
  o: DesignOutcome,
  ctx: { cohorts: { from: string; to: string }; dataThrough?: { revenue: string; usage: string | null } },
): ImpactHeadline {
  const e = o.overall;
  const months = `accounts trained ${ctx.cohorts.from.slice(0, 7)} to ${ctx.cohorts.to.slice(0, 7)}${ctx.dataThrough ? `, data through ${ctx.dataThrough.revenue}` : ""}`;
  if (!e) return { text: `${o.label}: not enough data for a figure (${months}).`, ciIncludesZero: null };
  const includesZero = e.low <= 0 && e.high >= 0;
  const interval = `95% CI ${signed(e.low, o.unit)} to ${signed(e.high, o.unit)}`;
  const reading =
    o.claim === "estimated effect"
      ? "estimated effect of training"
      : "association with training (trends differed before training, so not an estimated effect)";
  const verdict = includesZero
    ? `the interval includes 0: not distinguishable from no effect with ${e.nTreated} trained accounts (detectable at 80% power: ±${signed(Math.abs(e.mde), o.unit).replace(/^\+/, "")})`
    : `the interval excludes 0: trained accounts ${e.estimate > 0 ? "higher" : "lower"} than comparable untrained ones`;
  return {
    text: `${o.label}: ${reading} ${signed(e.estimate, o.unit)} (${interval}); ${verdict}. n = ${e.nTreated} trained, ${e.nControl} comparison accounts; ${months}.`,
    ciIncludesZero: includesZero,
  };
}
