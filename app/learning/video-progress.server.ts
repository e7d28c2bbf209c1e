import { sql, type SQLWrapper } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import type { LessonVideo } from "#db/schema/learning";
import { coveredSeconds, mergeIntervals, outsideDuration, watchedPercent, type Interval } from "#app/utils/intervals";
import type { Learner } from "./progress.server";

/** Fastest playback a learner can honestly watch at (players offer up to 2×). */
export const MAX_PLAYBACK_RATE = 2;
/** Seconds of watching a post may add beyond the wall clock since the last accepted one (player clocks, a first post). */
export const WATCH_GRACE_SECONDS = 15;

export type WatchResult =
  | { status: "recorded"; watchedSeconds: number; durationSeconds: number; percent: number }
  | { status: "not_found" }
  | { status: "beyond_duration"; durationSeconds: number }
  | { status: "too_fast" };

/**
 * Merges intervals a learner's player reports into their record for one video of one lesson, in one
 * transaction under the row's lock. Only for a lesson the learner has opened (it was visible and
 * unlocked to them), only for a video that lesson contains. The duration is the author's declared one,
 * else the first the player reported; an interval past it is refused, not clipped, and so is a post
 * that adds more watching than the wall clock since the last accepted post allows (at 2× speed): a
 * crafted request cannot claim the video at once. Posts carry the full set of intervals watched on the
 * page, so a refused one loses nothing: the next one carries it again.
 */
export async function recordVideoWatch(
  db: Db,
  learner: Learner,
  input: { lessonId: string; videoKey: string; durationSeconds: number; intervals: Interval[] },
): Promise<WatchResult> {
  return db.transaction(async (tx) => {
    const [lesson] = await queryRows<{ course_id: string; videos: LessonVideo[] }>(
      tx as unknown as Db,
      sql`
      select l.course_id, l.videos from lessons l
      join courses c on c.id = l.course_id and c.archived_at is null and c.status = 'published'
      join lesson_progress p on p.lesson_id = l.id and p.user_id = ${learner.id}
      where l.id = ${input.lessonId} and l.archived_at is null`,
    );
    const video = lesson?.videos.find((v) => v.key === input.videoKey);
    if (!lesson || !video) return { status: "not_found" as const };
    await tx.execute(sql`
      insert into video_progress (user_id, account_id, lesson_id, course_id, video_key, duration_seconds)
      values (${learner.id}, ${learner.accountId}, ${input.lessonId}, ${lesson.course_id}, ${input.videoKey}, ${video.durationSeconds ?? input.durationSeconds})
      on conflict (user_id, lesson_id, video_key) do nothing`);
    const [row] = await queryRows<{
      id: number;
      duration_seconds: number;
      watched: Interval[];
      watched_seconds: number;
      elapsed: number;
    }>(
      tx as unknown as Db,
      sql`
      select id, duration_seconds, watched, watched_seconds, extract(epoch from now() - updated_at)::float8 as elapsed
      from video_progress where user_id = ${learner.id} and lesson_id = ${input.lessonId} and video_key = ${input.videoKey}
      for update`,
    );
    const r = row!;
    const duration = video.durationSeconds ?? Number(r.duration_seconds);
    if (outsideDuration(input.intervals, duration))
      return { status: "beyond_duration" as const, durationSeconds: duration };
    const merged = mergeIntervals(
      r.watched,
      input.intervals.map(([s, e]) => [s, Math.min(e, duration)] as Interval),
    );
    const watched = coveredSeconds(merged);
    const gained = watched - Number(r.watched_seconds);
    if (gained > Math.max(0, Number(r.elapsed)) * MAX_PLAYBACK_RATE + WATCH_GRACE_SECONDS)
      return { status: "too_fast" as const };
    if (gained > 0) {
      await tx.execute(sql`update video_progress set watched = ${JSON.stringify(merged)}::jsonb, watched_seconds = ${watched},
        duration_seconds = ${duration}, updated_at = now() where id = ${r.id}`);
    }
    const total = Math.max(watched, Number(r.watched_seconds));
    return {
      status: "recorded" as const,
      watchedSeconds: total,
      durationSeconds: duration,
      percent: watchedPercent(total, duration),
    };
  });
}

/** The learner's watching of a lesson's videos (for the page and the completion rule). */
export function lessonWatchesSql(userIdSql: SQLWrapper, lessonIdSql: SQLWrapper) {
  return sql`(select coalesce(json_agg(json_build_object('key', v.video_key, 'watchedSeconds', v.watched_seconds, 'durationSeconds', v.duration_seconds)), '[]'::json)
    from video_progress v where v.user_id = ${userIdSql} and v.lesson_id = ${lessonIdSql})`;
}
