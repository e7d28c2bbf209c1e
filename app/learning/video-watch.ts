import type { LessonVideo } from "#db/schema/learning";
import type { TFunction } from "#app/i18n/translate";
import { watchedPercent } from "#app/utils/intervals";

/** One learner's watching of one lesson video, as stored. */
export interface VideoWatch {
  key: string;
  watchedSeconds: number;
  durationSeconds: number;
}

/** Per video of the lesson, in lesson order: the share watched (0 when never started). */
export function videoShares(
  videos: readonly LessonVideo[],
  watches: readonly VideoWatch[],
): { key: string; title: string; percent: number }[] {
  return videos.map((v) => {
    const w = watches.find((x) => x.key === v.key);
    return { key: v.key, title: v.title, percent: w ? watchedPercent(w.watchedSeconds, w.durationSeconds) : 0 };
  });
}

/**
 * The lesson's watch rule for this learner: each video must reach `requireWatch` per cent.
 * `percent` is the lowest share among the lesson's videos (what still holds the completion back).
 */
export function watchRule(requireWatch: number | null, videos: readonly LessonVideo[], watches: readonly VideoWatch[]) {
  if (requireWatch === null || !videos.length) return null;
  const shares = videoShares(videos, watches);
  const percent = Math.min(...shares.map((s) => s.percent));
  return { required: requireWatch, percent, met: percent >= requireWatch, videoCount: videos.length };
}

/**
 * What the learner reads, above the completion button and in a refusal: in the served language with the
 * page's `t` (app/i18n), English without one (the lesson action's refusal).
 */
export function watchRuleText(rule: { required: number; videoCount: number }, t?: TFunction): string {
  if (t) return t(rule.videoCount > 1 ? "lesson.watchEach" : "lesson.watchOne", { required: rule.required });
  return `Watch at least ${rule.required}% of ${rule.videoCount > 1 ? "each video" : "the video"} to complete this lesson`;
}
