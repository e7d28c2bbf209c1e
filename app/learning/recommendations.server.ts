import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import { STAGES, type Stage } from "#db/schema/index";
import { PRODUCT_FEATURES } from "#app/content/product-features";
import type { CatalogCourse } from "./catalog.server";
import { tFor } from "#app/i18n/i18next.server";
import type { TFunction } from "#app/i18n/translate";
import { getAccountAdoption, isUnderAdopted, type FeatureAdoption } from "./feature-adoption.server";

export type ReasonKind = "stage" | "feature" | "teammates" | "path";
export interface Reason {
  kind: ReasonKind;
  text: string;
}
export interface Recommendation {
  courseId: string;
  title: string;
  summary: string;
  stage: Stage;
  remainingMinutes: number;
  started: boolean;
  reasons: Reason[];
  score: number;
}

export interface RecommendationInput {
  catalog: CatalogCourse[];
  accountStage: Stage | null;
  underAdopted: FeatureAdoption[];
  teammatesCompleted: Map<string, number>;
  /** The reasons' language (app/i18n/messages, recommend.reasons); English without one. */
  t?: TFunction;
}

const label = (key: string) => PRODUCT_FEATURES.find((f) => f.key === key)?.label ?? key;
const pct = (rate: number) => `${Math.round(rate * 100)}%`;

function featureReason(f: FeatureAdoption, t: TFunction): string {
  const feature = label(f.feature);
  if (f.peerMedian !== null && f.peerMedian > 0) {
    return f.rate <= 1
      ? t("recommend.reasons.usesLessPct", { feature, rate: pct(f.rate), peers: pct(Math.min(f.peerMedian, 1)) })
      : t("recommend.reasons.usesLess", { feature });
  }
  if (f.activeUsers === 0) return t("recommend.reasons.unused", { feature });
  return t("recommend.reasons.fewSeats", { feature, active: Math.round(f.activeUsers), seats: f.seats });
}

/**
 * Pure ranking. Signals and weights: a bought-but-under-adopted feature the course teaches (4 each, at
 * most two), the account's current lifecycle stage (3; an earlier, unfinished stage 2), teammates who
 * completed the course (0.75 each, at most three). Completed, locked and draft courses are never
 * recommended. With no signal at all, the next open course along the path is suggested.
 */
export function rankRecommendations(input: RecommendationInput, limit = 3): Recommendation[] {
  const candidates = input.catalog.filter(
    (c) => !c.completed && c.lockedBy.length === 0 && c.status === "published" && c.lessonCount > 0,
  );
  const stageIndex = (s: Stage) => STAGES.indexOf(s);
  const t = input.t ?? tFor("en");
  const stageName = (s: Stage) => t(`recommend.reasons.stage.${s}`);
  const scored = candidates.map((c) => {
    const reasons: Reason[] = [];
    let score = 0;
    const gaps = input.underAdopted.filter((f) => c.features.includes(f.feature)).slice(0, 2);
    for (const gap of gaps) {
      score += 4;
      reasons.push({ kind: "feature", text: featureReason(gap, t) });
    }
    if (input.accountStage) {
      if (c.stage === input.accountStage) {
        score += 3;
        reasons.push({ kind: "stage", text: t("recommend.reasons.stageNow", { stage: stageName(c.stage) }) });
      } else if (stageIndex(c.stage) < stageIndex(input.accountStage)) {
        score += 2;
        reasons.push({
          kind: "stage",
          text: t("recommend.reasons.stageBasics", {
            stage: stageName(c.stage),
            accountStage: stageName(input.accountStage),
          }),
        });
      }
    }
    const mates = input.teammatesCompleted.get(c.id) ?? 0;
    if (mates > 0) {
      score += 0.75 * Math.min(mates, 3);
      reasons.push({ kind: "teammates", text: t("recommend.reasons.teammates", { count: mates }) });
    }
    return { course: c, reasons, score };
  });
  let ranked = scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || stageIndex(a.course.stage) - stageIndex(b.course.stage));
  if (ranked.length === 0) {
    const next = [...candidates].sort((a, b) => stageIndex(a.stage) - stageIndex(b.stage))[0];
    ranked = next ? [{ course: next, reasons: [{ kind: "path", text: t("recommend.reasons.path") }], score: 0 }] : [];
  }
  return ranked.slice(0, limit).map(({ course: c, reasons, score }) => ({
    courseId: c.id,
    title: c.title,
    summary: c.summary,
    stage: c.stage,
    remainingMinutes: c.remainingMinutes,
    started: c.completedCount > 0 || c.lastActivityAt !== null,
    reasons,
    score,
  }));
}

/** How many of the learner's teammates (same account, not the learner) completed each course. */
export async function teammatesCompleted(db: Db, accountId: string, userId: string): Promise<Map<string, number>> {
  const rows = await queryRows<{ course_id: string; n: number }>(
    db,
    sql`
    with total as (select course_id, count(*) as lessons from lessons where archived_at is null group by course_id),
    done as (
      select lp.user_id, lp.course_id, count(*) as lessons
      from lesson_progress lp join lessons l on l.id = lp.lesson_id and l.archived_at is null
      where lp.account_id = ${accountId} and lp.user_id <> ${userId} and lp.status = 'completed'
      group by lp.user_id, lp.course_id
    )
    select done.course_id, count(*)::int as n from done join total on total.course_id = done.course_id
    where done.lessons = total.lessons group by done.course_id`,
  );
  return new Map(rows.map((r) => [r.course_id, Number(r.n)]));
}

/** "Recommended next" for a learner, from their account's stage, feature adoption and teammates. */
export async function getRecommendations(
  db: Db,
  learner: { id: string; accountId: string },
  catalog: CatalogCourse[],
  accountStage: Stage | null,
  limit = 3,
  locale?: string,
): Promise<Recommendation[]> {
  const [adoption, mates] = await Promise.all([
    getAccountAdoption(db, learner.accountId),
    teammatesCompleted(db, learner.accountId, learner.id),
  ]);
  return rankRecommendations(
    {
      catalog,
      accountStage,
      teammatesCompleted: mates,
      t: tFor(locale),
      // Most under-adopted first: it names the reason when a course teaches two weak features.
      underAdopted: adoption.hasUsageData
        ? adoption.features
            .filter(isUnderAdopted)
            .sort((a, b) => a.rate / (a.peerMedian || 0.2) - b.rate / (b.peerMedian || 0.2))
        : [],
    },
    limit,
  );
}
