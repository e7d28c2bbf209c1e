/** Number formatting for reports (en-US, like the demo data). null/undefined/NaN → "—". */
const money0 = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

const missing = (v: number | null | undefined): v is null | undefined =>
  v === null || v === undefined || !Number.isFinite(v);

/** `v.toFixed(digits)` without a sign on a value that rounds to zero ("-0.00" → "0.00"). */
export function toFixedNoNegativeZero(v: number, digits: number): string {
  const s = v.toFixed(digits);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

export function formatMoney(v: number | null | undefined): string {
  return missing(v) ? "—" : money0.format(Math.round(v) || 0);
}

export function formatPct(v: number | null | undefined, digits = 1): string {
  return missing(v) ? "—" : `${toFixedNoNegativeZero(v, digits)}%`;
}

export function formatNumber(v: number | null | undefined, digits = 0): string {
  return missing(v) ? "—" : digits === 0 ? int.format(Math.round(v) || 0) : toFixedNoNegativeZero(v, digits);
}

/** A signed difference: "+3.2 pp", "−1.0 points". */
export function formatSigned(v: number | null | undefined, unit: string, digits = 1): string {
  if (missing(v)) return "—";
  const s = Math.abs(v).toFixed(digits);
  const zero = Number(s) === 0;
  return `${zero ? "±" : v > 0 ? "+" : "−"}${s}${unit ? ` ${unit}` : ""}`;
}

export function formatCount(n: number, one: string, many = `${one}s`): string {
  return `${int.format(n)} ${n === 1 ? one : many}`;
}
