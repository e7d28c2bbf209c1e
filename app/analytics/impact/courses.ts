/**
 * Per-course impact with a concurrent control: for each course, accounts whose first learner completed
 * it in month g against accounts of the same segment and the same stage reached at month g − 1 that had
 * not (yet) completed it by then, over the same calendar months (the staggered design of ./staggered.ts).
 * Outcome: adoption of the features the course teaches (those the account's plan includes), as a
 * change from month −1. Benjamini–Hochberg q-values across courses; no ranking where intervals overlap.
 */
import type { OutcomeSpec } from "./outcomes";
import type { Panel, PanelAccount } from "./panel";
import type { EffectEstimate, PreTrend } from "./effect-types";
import { estimateOutcome } from "./staggered";

export interface CourseInfo {
  id: string;
  title: string;
  stage: string;
  features: string[];
}
export interface CourseEffect {
  courseId: string;
  title: string;
  stage: string;
  features: string[];
  overall: (EffectEstimate & { q: number }) | null;
  eventStudy: { e: number; estimate: EffectEstimate | null }[];
  preTrend: PreTrend | null;
  claim: "estimated effect" | "association";
  truth?: number | null;
  /** Validation: the planted effects its comparison accounts received (see OutcomeEffect.truth). */
  truthControls?: number | null;
}

const STAGES = ["none", "onboarding", "adoption", "expansion"] as const;
export const COURSE_LEADS = 6;
export const COURSE_LAGS = 6;

/** Stage reached (index into STAGES) at every month, from the account's first completion of each course. */
function stageSeries(a: PanelAccount, T: number, stageOf: Map<string, string>): Int8Array {
  const out = new Int8Array(T);
  for (const [courseId, m] of a.courses) {
    const s = STAGES.indexOf((stageOf.get(courseId) ?? "none") as (typeof STAGES)[number]);
    for (let k = Math.max(0, m); k < T; k++) if (out[k]! < s) out[k] = s;
  }
  return out;
}

function courseOutcome(courseId: string): OutcomeSpec {
  return {
    key: "courseAdoption",
    label: "Adoption of the course's features",
    unit: "pp",
    weighting: "account",
    weight: () => 1,
    delta: (a, b, t) => {
      const s = a.courseAdoption?.get(courseId);
      if (!s || !(a.mrr[b]! > 0) || (t < b && !(a.mrr[t]! > 0))) return NaN;
      return s[t]! - s[b]!;
    },
    // The same as `delta`, with each account's series looked up once instead of once per call.
    deltaByIndex: (accounts) => {
      const series = accounts.map((a) => a.courseAdoption?.get(courseId));
      return (i, b, t) => {
        const s = series[i];
        const mrr = accounts[i]!.mrr;
        if (!s || !(mrr[b]! > 0) || (t < b && !(mrr[t]! > 0))) return NaN;
        return s[t]! - s[b]!;
      };
    },
  };
}

export function courseEffects(
  panel: Panel,
  courses: readonly CourseInfo[],
  groups: [number, number],
  counterfactual?: Panel,
): CourseEffect[] {
  const T = panel.months.length;
  const stageOf = new Map(courses.map((c) => [c.id, c.stage]));
  const stages = new Map(panel.accounts.map((a) => [a, stageSeries(a, T, stageOf)]));
  // Each account's four possible strata, built once (not a new string per account and month per course).
  const labels = new Map(panel.accounts.map((a) => [a, STAGES.map((_, s) => `${a.segment}|${s}`)]));
  const stratumAt = (a: PanelAccount, b: number) => labels.get(a)![stages.get(a)![b]!]!;
  const out: CourseEffect[] = courses
    .filter((c) => c.features.length)
    .map((c) => {
      const r = estimateOutcome(panel.accounts, T, courseOutcome(c.id), {
        groups,
        leads: COURSE_LEADS,
        lags: COURSE_LAGS,
        stratumAt,
        treatedAt: (a) => a.courses.get(c.id) ?? null,
        counterfactual: counterfactual?.accounts,
      });
      return {
        courseId: c.id,
        title: c.title,
        stage: c.stage,
        features: c.features,
        overall: r.overall ? { ...r.overall, q: 1 } : null,
        eventStudy: r.eventStudy,
        preTrend: r.preTrend,
        claim: r.preTrend?.pass ? "estimated effect" : "association",
        ...(r.truth ? { truth: r.truth.overall, truthControls: r.truth.overallControls } : {}),
      };
    });
  const q = benjaminiHochberg(out.map((c) => c.overall?.p ?? null));
  out.forEach((c, i) => {
    if (c.overall) c.overall.q = q[i]!;
  });
  return out;
}

/** Benjamini–Hochberg adjusted p-values (q-values); null p-values are not tested and get null. */
export function benjaminiHochberg(ps: readonly (number | null)[]): (number | null)[] {
  const tested = ps
    .map((p, i) => ({ p, i }))
    .filter((x): x is { p: number; i: number } => x.p !== null)
    .sort((a, b) => a.p - b.p);
  const m = tested.length;
  const q: (number | null)[] = ps.map(() => null);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    running = Math.min(running, (tested[k]!.p * m) / (k + 1));
    q[tested[k]!.i] = running;
  }
  return q;
}

/**
 * Courses whose interval overlaps no other course's interval can be ranked; when any two overlap the
 * table keeps catalog order and says so.
 */
export function rankable(effects: readonly CourseEffect[]): boolean {
  const iv = effects
    .map((c) => c.overall)
    .filter((o): o is NonNullable<typeof o> => o !== null)
    .sort((a, b) => a.low - b.low);
  let reach = -Infinity;
  for (const x of iv) {
    if (x.low <= reach) return false;
    reach = Math.max(reach, x.high);
  }
  return iv.length > 1;
}
