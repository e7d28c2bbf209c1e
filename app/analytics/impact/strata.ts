/**
 * Who is compared with whom in the staggered design (./staggered.ts): the groups (accounts trained in
 * month g, by stratum at g − 1) and, per segment, the eligible accounts ordered by training month
 * descending (never trained first), so that the comparison accounts of a cell — not trained by
 * max(t, g) — are a prefix of that list.
 */
import type { PanelAccount } from "./panel";

export interface StrataOptions {
  /** Training months (panel indexes, inclusive) whose groups are estimated. */
  groups: [number, number];
  treatedAt: (a: PanelAccount) => number | null;
  eligible?: (a: PanelAccount) => boolean;
  stratumAt?: (a: PanelAccount, b: number) => string;
}

export interface Strata {
  /** Group g → stratum key → indexes of its trained accounts. */
  groups: Map<number, Map<string, number[]>>;
  /** Training month of account i (Infinity: never), the order of the comparison lists. */
  rank: (i: number) => number;
  /** The comparison list of a cell: accounts of the segment (and stratum at b), by training month descending. */
  controlsOf: (segment: string, key: string, b: number) => number[];
}

export function buildStrata(accounts: readonly PanelAccount[], T: number, opts: StrataOptions): Strata {
  const G = accounts.map((a) => opts.treatedAt(a));
  const order = new Map<string, number[]>();
  const groups = new Map<number, Map<string, number[]>>();
  const stratumAt = opts.stratumAt;
  accounts.forEach((a, i) => {
    if (opts.eligible && !opts.eligible(a)) return;
    const list = order.get(a.segment) ?? [];
    list.push(i);
    order.set(a.segment, list);
    const g = G[i];
    if (g === null || g === undefined || g < opts.groups[0] || g > opts.groups[1] || g < 1 || g >= T) return;
    const byStratum = groups.get(g) ?? new Map<string, number[]>();
    const key = stratumAt ? stratumAt(a, g - 1) : a.segment;
    const members = byStratum.get(key) ?? [];
    members.push(i);
    byStratum.set(key, members);
    groups.set(g, byStratum);
  });
  const rank = (i: number) => G[i] ?? Infinity;
  for (const list of order.values()) list.sort((x, y) => rank(y) - rank(x));
  // With stratumAt, a cell's controls are its segment's list filtered to the cell's stratum (same order,
  // so the same sums): built once per base month instead of testing every control of the segment per cell.
  const strataAt = new Map<number, Map<string, number[]>>();
  const controlsOf = (segment: string, key: string, b: number): number[] => {
    if (!stratumAt) return order.get(segment)!;
    let byKey = strataAt.get(b);
    if (!byKey) {
      byKey = new Map();
      for (const [seg, list] of order)
        for (const i of list) {
          const k = `${seg}\u0000${stratumAt(accounts[i]!, b)}`;
          const members = byKey.get(k) ?? [];
          members.push(i);
          byKey.set(k, members);
        }
      strataAt.set(b, byKey);
    }
    return byKey.get(`${segment}\u0000${key}`) ?? [];
  };
  return { groups, rank, controlsOf };
}
