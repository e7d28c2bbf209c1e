/**
 * Data coverage: for each customer-data source, the months it covers. A month outside a source's
 * coverage is *unobserved*: figures built on that source are empty there ("no data"), never 0.
 * Pure types and helpers; the queries are in ./coverage.server.ts.
 */
import { addMonths, monthOf } from "../months";

export const DATA_SOURCES = [
  { key: "revenue", label: "Revenue", help: "Subscription lines (start and end dates) and revenue movements." },
  { key: "usage", label: "Product usage", help: "Monthly feature usage." },
  { key: "support", label: "Support", help: "Support tickets, by the month they were opened." },
  { key: "feedback", label: "Feedback", help: "NPS and CSAT answers." },
  { key: "community", label: "Community", help: "Community posts, answers and events." },
  { key: "marketing", label: "Marketing", help: "Marketing engagements (emails, webinars, events)." },
] as const;

export type DataSource = (typeof DATA_SOURCES)[number]["key"];

/** First and last covered month (first-of-month dates), or null when the source has no data at all. */
export type MonthSpan = { first: string; last: string } | null;
export type Coverage = Record<DataSource, MonthSpan>;

export const EMPTY_COVERAGE: Coverage = {
  revenue: null,
  usage: null,
  support: null,
  feedback: null,
  community: null,
  marketing: null,
};

export function covers(span: MonthSpan, month: string): boolean {
  const m = monthOf(month);
  return span !== null && span.first <= m && m <= span.last;
}

/** The newest month any source other than revenue or training covers (the month an account page shows at most). */
export function customerDataLastMonth(c: Coverage): string | null {
  let last: string | null = null;
  for (const { key } of DATA_SOURCES) {
    const s = c[key];
    if (s && (last === null || s.last > last)) last = s.last;
  }
  return last;
}

/**
 * The default report period: the last 12 complete months covered by revenue data (a month is complete
 * once it is over; the current month never is). Null when there is no revenue data.
 */
export function defaultPeriod(revenue: MonthSpan, today: string): { from: string; to: string } | null {
  if (!revenue) return null;
  const lastComplete = addMonths(monthOf(today), -1);
  const endMonth = revenue.last < lastComplete ? revenue.last : lastComplete;
  if (endMonth < revenue.first) return null;
  const startMonth = addMonths(endMonth, -11);
  // Less than 12 months of revenue data: the months there are.
  return { from: startMonth < revenue.first ? revenue.first : startMonth, to: endOfMonthOf(endMonth) };
}

function endOfMonthOf(month: string): string {
  const next = addMonths(month, 1);
  const d = new Date(`${next}T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

/** Why a period cannot be computed from the data, or null when revenue data covers every month of it. */
export function periodOutsideData(period: { from: string; to: string }, revenue: MonthSpan): string | null {
  if (!revenue)
    return "No revenue data has been imported yet, so no period can be reported. Import subscriptions or revenue movements first.";
  const range = `${revenue.first.slice(0, 7)} to ${revenue.last.slice(0, 7)}`;
  const from = monthOf(period.from),
    to = monthOf(period.to);
  if (from > revenue.last || to < revenue.first) {
    return `The period ${period.from} to ${period.to} lies outside the revenue data, which covers ${range}. Choose a period inside it.`;
  }
  if (from < revenue.first || to > revenue.last) {
    return `The period ${period.from} to ${period.to} is not fully covered by the revenue data, which covers ${range}: months without data would read as "nothing changed". Choose a period inside it.`;
  }
  return null;
}

export class PeriodOutsideDataError extends Error {
  constructor(
    message: string,
    readonly coverage: Coverage,
    readonly suggested: { from: string; to: string } | null,
  ) {
    super(message);
    this.name = "PeriodOutsideDataError";
  }
}

/** An `account_month` rollup row's health inputs, as the rollup stores them. */
export interface MonthHealthRow {
  m: string;
  seats: number;
  features_purchased: number;
  active_users: number;
  features_used: number;
  tickets_opened: number;
  tickets_escalated: number;
  feedback_score: number | null;
  community_count: number;
  marketing_count: number;
}

/**
 * The month's health inputs with every source the coverage does not reach set to null (unobserved, not
 * 0). The one rule shared by the account page and the training API, so their health always agrees.
 */
export function observedHealthInputs(r: MonthHealthRow, coverage: Coverage) {
  const seen = (source: DataSource) => covers(coverage[source], r.m);
  return {
    seats: r.seats,
    featuresPurchased: r.features_purchased,
    activeUsers: seen("usage") ? r.active_users : null,
    featuresUsed: seen("usage") ? r.features_used : null,
    ticketsOpened: seen("support") ? r.tickets_opened : null,
    ticketsEscalated: seen("support") ? r.tickets_escalated : null,
    feedbackScore: seen("feedback") ? r.feedback_score : null,
    communityCount: seen("community") ? r.community_count : null,
    marketingCount: seen("marketing") ? r.marketing_count : null,
  };
}
