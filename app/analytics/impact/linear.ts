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

/** Wald statistic θ' V⁻¹ θ; null when V is singular. */
export function waldStatistic(theta: readonly number[], V: readonly (readonly number[])[]): number | null {
  const x = solve(V, theta);
  return x ? x.reduce((s, v, i) => s + v * theta[i]!, 0) : null;
}
