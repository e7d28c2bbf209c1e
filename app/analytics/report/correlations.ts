import { correlation, type Correlation } from "../statistics";
import type { AccountView } from "./accounts";

export const CORRELATION_X = {
  coverage: { label: "Seat coverage before the period (%)", value: (v: AccountView) => v.coverageBefore },
  completionRate: { label: "Completion rate before the period (%)", value: (v: AccountView) => v.completionRateBefore },
} as const;
export type CorrelationX = keyof typeof CORRELATION_X;

export const CORRELATION_Y = {
  adoption: { label: "Adoption in the period (%)", value: (v: AccountView) => v.adoption },
  health: { label: "Health score at period end", value: (v: AccountView) => v.health?.score ?? null },
  expansionRate: { label: "Account expansion rate (%)", value: (v: AccountView) => v.expansionRate },
} as const;
export type CorrelationY = keyof typeof CORRELATION_Y;

export interface CorrelationPanel {
  x: CorrelationX;
  y: CorrelationY;
  xLabel: string;
  yLabel: string;
  result: Correlation;
  /** A deterministic sample of at most MAX_POINTS points for the scatter plot; statistics use every account. */
  points: { x: number; y: number; trained: boolean }[];
  /** Equal-count bins of x with the mean of y: the scatter plot's data table. */
  bins: { xFrom: number; xTo: number; n: number; meanY: number }[];
}

export const MAX_POINTS = 600;

export function correlationPanels(views: readonly AccountView[], x: CorrelationX): CorrelationPanel[] {
  const base = views.filter((v) => v.customerAtStart);
  return (Object.keys(CORRELATION_Y) as CorrelationY[]).map((y) => {
    const pairs: { x: number; y: number; trained: boolean }[] = [];
    for (const v of base) {
      const xv = CORRELATION_X[x].value(v),
        yv = CORRELATION_Y[y].value(v);
      if (xv !== null && yv !== null && Number.isFinite(xv) && Number.isFinite(yv))
        pairs.push({ x: xv, y: yv, trained: v.trained });
    }
    const step = Math.max(1, Math.ceil(pairs.length / MAX_POINTS));
    return {
      x,
      y,
      xLabel: CORRELATION_X[x].label,
      yLabel: CORRELATION_Y[y].label,
      result: correlation(
        pairs.map((p) => p.x),
        pairs.map((p) => p.y),
      ),
      points: pairs.filter((_, i) => i % step === 0),
      bins: bins(pairs),
    };
  });
}

function bins(pairs: { x: number; y: number }[], count = 5) {
  if (pairs.length < 10) return [];
  const sorted = [...pairs].sort((a, b) => a.x - b.x);
  const out: CorrelationPanel["bins"] = [];
  for (let i = 0; i < count; i++) {
    const part = sorted.slice(Math.floor((i * sorted.length) / count), Math.floor(((i + 1) * sorted.length) / count));
    if (!part.length) continue;
    out.push({
      xFrom: part[0]!.x,
      xTo: part[part.length - 1]!.x,
      n: part.length,
      meanY: part.reduce((s, p) => s + p.y, 0) / part.length,
    });
  }
  return out;
}
