/** Number formatting for reports (en-US, like the demo data). null/undefined/NaN → "—". */
const money0 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);

export function formatMoney(v: number | null | undefined): string {
  return missing(v) ? "—" : money0.format(v);
}

export function formatPct(v: number | null | undefined, digits = 1): string {
  return missing(v) ? "—" : `${v.toFixed(digits)}%`;
}

export function formatNumber(v: number | null | undefined, digits = 0): string {
  return missing(v) ? "—" : digits === 0 ? int.format(v) : v.toFixed(digits);
}

/** A signed difference: "+3.2 pp", "−1.0 points". */
export function formatSigned(v: number | null | undefined, unit: string, digits = 1): string {
  if (missing(v)) return "—";
  const s = Math.abs(v).toFixed(digits);
  return `${v > 0 ? "+" : v < 0 ? "−" : "±"}${s}${unit ? ` ${unit}` : ""}`;
}

export function formatCount(n: number, one: string, many = `${one}s`): string {
  return `${int.format(n)} ${n === 1 ? one : many}`;
}
