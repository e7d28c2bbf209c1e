/**
 * The estimated cell weights' part of an aggregate's influence function (./staggered.ts). An aggregate
 * θ = Σ_c W_c·ATT_c / Σ_c W_c over cells c = (group g, month t, stratum s) has, per treated account i of
 * cell c, the term w_i·(ATT_c − θ)/Σ W (the weights are estimated: how many accounts train when is
 * random). With the true ATT_c this term is 0 where effects do not vary across cells. The plug-in
 * ATT̂_c = ATT_c + noise puts that cell's sampling noise into the variance a second time — it is already
 * there through the accounts' deviations from their cell means — adding about 1/(treated accounts per
 * cell) of the treated arm's variance; with 800 accounts (about 4 trained accounts per cell) +5% on the
 * expansion SE (docs/impact-design.md, "Why the expansion interval was too wide"). So ATT_c is replaced by
 * its weighted average over the groups with the same event time and stratum, θ(e, s): heterogeneity by
 * event time (effects that grow after training) and by stratum (segment) stays in the term, noise
 * averages out over the groups. Where every (e, s) has one group the two coincide.
 */

export interface WeightCell<T extends { a: Float64Array }> {
  /** The aggregates the cell enters (its event-study point, and the overall effect for e ≥ 0). */
  into: T[];
  /** Event time and stratum: cells with the same key are pooled. */
  pool: string;
  att: number;
  /** Σ of the cell's treated weights. */
  tW: number;
  /** The cell's treated accounts with data, and their weights. */
  members: number[];
  w: number[];
}

/** Adds w_i·θ(e, s) to target.a[i] for every treated account of every cell (ψ then has w_i·(θ(e, s) − θ)). */
export function addCellWeightTerm<T extends { a: Float64Array }>(cells: readonly WeightCell<T>[]): void {
  const pooled = new Map<string, [number, number]>();
  for (const c of cells) {
    const p = pooled.get(c.pool) ?? [0, 0];
    p[0] += c.tW * c.att;
    p[1] += c.tW;
    pooled.set(c.pool, p);
  }
  for (const c of cells) {
    const [num, den] = pooled.get(c.pool)!;
    // A cell with one treated account: its deviation from the cell mean is 0 (and √(n/(n − 1)) cannot
    // restore it), so its own noise is in no residual; the plug-in ATT_c = y_i − mC_c carries it.
    const att = c.members.length === 1 ? c.att : num / den;
    for (const target of c.into) c.members.forEach((i, m) => (target.a[i]! += c.w[m]! * att));
  }
}
