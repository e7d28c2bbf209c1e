/** Calendar months as "YYYY-MM" keys, so month axes are continuous (a month without data is not skipped). */
export function monthKey(value: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(value);
  if (!m) throw new Error(`Not a month: ${value}`);
  return `${m[1]}-${m[2]}`;
}

/** Every month from `from` to `to` inclusive ("2026-10", "2026-11", "2026-12"). */
export function monthRange(from: string, to: string): string[] {
  const [fy, fm] = monthKey(from).split("-").map(Number) as [number, number];
  const [ty, tm] = monthKey(to).split("-").map(Number) as [number, number];
  const out: string[] = [];
  for (let y = fy, m = fm; y < ty || (y === ty && m <= tm); m === 12 ? (y++, (m = 1)) : m++) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
  }
  return out;
}

/**
 * Values on a continuous month axis from the first to the last month given: a month missing from the
 * input gets `fill` (0 for counts of events — nothing happened; null for measurements — a gap).
 */
export function continuousMonths<T extends number | null>(
  points: { month: string; value: T }[],
  fill: T,
): { month: string; value: T }[] {
  if (!points.length) return [];
  const byMonth = new Map(points.map((p) => [monthKey(p.month), p.value]));
  const keys = [...byMonth.keys()].sort();
  return monthRange(keys[0]!, keys[keys.length - 1]!).map((month) => ({
    month,
    value: byMonth.has(month) ? byMonth.get(month)! : fill,
  }));
}
