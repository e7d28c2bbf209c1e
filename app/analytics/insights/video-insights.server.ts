import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import type { InsightsFilters } from "./filters";

export interface VideoWatchThrough {
  lessonId: string;
  lessonTitle: string;
  position: number;
  sourcePath: string;
  videoKey: string;
  videoTitle: string;
  /** Learners who watched any of it (n of the figures below). */
  started: number;
  /** Median share of the video watched, 0–1, over those learners. */
  medianShare: number | null;
  /** The lesson's requireWatch (per cent), null when it has none. */
  requireWatch: number | null;
  /** Share of the learners who started that reached requireWatch, 0–1 (null without a rule or a learner). */
  reachedRequirementRate: number | null;
}

/**
 * Watch-through per video of one course, in lesson order: from video_progress (learners only — staff
 * and previews never write it), within the insights filters (segment; from/to on when the learner
 * started the video). A share is watched ÷ duration, the same figure the learner sees; "reached" uses
 * the rule the completion applies (whole per cent, rounded down, ≥ requireWatch).
 */
export async function videoWatchThrough(db: Db, courseId: string, f: InsightsFilters): Promise<VideoWatchThrough[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with v as (
      select l.id as lesson_id, l.title as lesson_title, l.position, l.source_path, l.require_watch, e.ord,
        e.video ->> 'key' as video_key, e.video ->> 'title' as video_title
      from lessons l cross join lateral jsonb_array_elements(l.videos) with ordinality as e(video, ord)
      where l.course_id = ${courseId} and l.archived_at is null
    ), w as (
      select vp.lesson_id, vp.video_key, least(1.0, vp.watched_seconds::float8 / nullif(vp.duration_seconds::float8, 0)) as share
      from video_progress vp
      ${f.segment ? sql`join accounts a on a.id = vp.account_id and a.segment = ${f.segment}` : sql``}
      where vp.course_id = ${courseId} and vp.watched_seconds > 0
        and ${f.from ? sql`vp.created_at >= ${f.from}::date` : sql`true`}
        and ${f.to ? sql`vp.created_at < ${f.to}::date + 1` : sql`true`}
    )
    select v.lesson_id, v.lesson_title, v.position, v.source_path, v.require_watch, v.video_key, v.video_title,
      count(w.share)::int as started,
      percentile_cont(0.5) within group (order by w.share) as median_share,
      (count(*) filter (where v.require_watch is not null and floor(w.share * 100 + 1e-9) >= v.require_watch))::int as reached
    from v left join w on w.lesson_id = v.lesson_id and w.video_key = v.video_key
    group by v.lesson_id, v.lesson_title, v.position, v.source_path, v.require_watch, v.ord, v.video_key, v.video_title
    order by v.position, v.ord`,
  );
  return rows.map((r) => {
    const started = Number(r.started);
    const requireWatch = r.require_watch == null ? null : Number(r.require_watch);
    return {
      lessonId: String(r.lesson_id),
      lessonTitle: String(r.lesson_title),
      position: Number(r.position),
      sourcePath: String(r.source_path),
      videoKey: String(r.video_key),
      videoTitle: String(r.video_title),
      started,
      medianShare: r.median_share == null ? null : Number(r.median_share),
      requireWatch,
      reachedRequirementRate: requireWatch !== null && started ? Number(r.reached) / started : null,
    };
  });
}
