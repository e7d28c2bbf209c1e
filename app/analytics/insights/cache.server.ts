import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import { ReportCache } from "../report/cache.server";
import { contentFingerprintSql, type DataVersion } from "../report/data-version.server";
import type { ReportSnapshots } from "../report/snapshots.server";

/**
 * What "the data changed" means for content insights, read in one small query (index lookups and two
 * small tables, never a scan of lesson_progress):
 * - hard (the next request recomputes): accounts added or edited (segments), a content change (a sync
 *   that changes nothing keeps the version), a new day;
 * - soft (served up to PROGRESS_LAG_MS old, then refreshed in the background, like the report):
 *   learners' activity. Every start, completion, quiz attempt, rating and certificate appends a
 *   learning_events row, so its newest id moves with each of them; end-of-course surveys write no
 *   event, so their newest update is read too; nor does video watching (video_progress), read the same way. Time-on-lesson heartbeats write neither: the median time
 *   on a lesson catches up with the next learning event.
 */
export async function insightsDataVersion(db: Db): Promise<DataVersion> {
  const [v] = await queryRows<{ hard: string; soft: string }>(
    db,
    sql`
    select concat_ws('|',
        (select count(*) from accounts)::text, (select max(updated_at) from accounts)::text,
        ${contentFingerprintSql}, (current_date)::text) as hard,
      concat_ws('|',
        (select max(id) from learning_events)::text,
        (select max(updated_at) from video_progress)::text,
        (select count(*) from course_surveys)::text, (select max(updated_at) from course_surveys)::text) as soft`,
  );
  return { hard: v?.hard ?? "", soft: v?.soft ?? "" };
}

/**
 * One cache per process for the insights pages and their CSV exports (bounded like the report's). With
 * a snapshot namespace, computed pages are also stored in report_snapshots, so a fresh process (a
 * start, a deploy) serves them instead of recomputing: seconds per page at 10,000 accounts.
 */
export function createInsightsCache<T>(now: () => number = Date.now, snapshots?: ReportSnapshots<T>) {
  return new ReportCache<T>(now, insightsDataVersion, snapshots);
}
