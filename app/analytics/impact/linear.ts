/** Small dense linear algebra for the design's tests and regressions (a handful of unknowns). */

/** Solves A x = b by Gaussian elimination with partial pivoting; null when A is (numerically) singular. */
export function solve(A: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const n = b.length;
  const m = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    const scale = Math.max(1e-300, ...m.map((row) => Math.abs(row[c]!)));
    if (Math.abs(m[p]![c]!) < 1e-12 * scale) return null;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/**
 * Logistic regression by Newton–Raphson (IRLS) with an intercept prepended; returns the coefficients
 * (intercept first) or null when the fit does not converge (e.g. perfect separation). Checked against
 * an independent Python implementation in tests/unit/analytics/impact-balance.test.ts.
 */
export function logisticRegression(
  X: readonly (readonly number[])[],
  y: readonly number[],
  opts: { maxIter?: number; tol?: number } = {},
): number[] | null {
  const n = X.length;
  if (!n) return null;
  const p = X[0]!.length + 1;
  let beta = new Array<number>(p).fill(0);
  for (let iter = 0; iter < (opts.maxIter ?? 50); iter++) {
    const H = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    const g = new Array<number>(p).fill(0);
    for (let i = 0; i < n; i++) {
      const row = [1, ...X[i]!];
      let eta = 0;
      for (let j = 0; j < p; j++) eta += beta[j]! * row[j]!;
      const mu = 1 / (1 + Math.exp(-eta));
      const w = mu * (1 - mu);
      for (let j = 0; j < p; j++) {
        g[j]! += (y[i]! - mu) * row[j]!;
        for (let k = j; k < p; k++) H[j]![k]! += w * row[j]! * row[k]!;
      }
    }
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) H[j]![k] = H[k]![j]!;
    const step = solve(H, g);
    if (!step || step.some((v) => !Number.isFinite(v))) return null;
    beta = beta.map((b, j) => b + step[j]!);
    if (Math.max(...step.map(Math.abs)) < (opts.tol ?? 1e-10)) return beta;
  }
  return null;
}
