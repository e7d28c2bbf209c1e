/** Calendar helpers on ISO date strings (`YYYY-MM-DD`), in UTC so results never depend on the server's zone. */

export function toIsoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** First day of the month containing `date`. */
export function monthOf(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** `month` (a first-of-month date) moved by n months. */
export function addMonths(month: string, n: number): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7)) - 1 + n;
  const d = new Date(Date.UTC(y, m, 1));
  return toIsoDate(d);
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return toIsoDate(d);
}

/** Last day of the month containing `date`. */
export function endOfMonth(date: string): string {
  return addDays(addMonths(monthOf(date), 1), -1);
}

/** Months from `from` to `to` inclusive (both first-of-month dates). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = monthOf(from); m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** Whole months between two first-of-month dates (b − a). */
export function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}
