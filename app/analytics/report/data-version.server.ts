import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import { foldTrainingDeltas } from "../rollups/training-deltas.server";

/** What the cached figures were computed from (./cache.server.ts): hard changes recompute, soft ones lag. */
export interface DataVersion {
  hard: string;
  soft: string;
}

/**
 * What the published content is, as two md5 fingerprints (courses, lessons): a sync that changes nothing
 * keeps them (every sync rewrites courses.updated_at, so a restart would otherwise look like new data).
 */
export const contentFingerprintSql =
  sql.raw(`(select md5(string_agg(concat_ws(',', id, content_hash, stage, status, archived_at::text), '|' order by id)) from courses),
        (select md5(string_agg(concat_ws(',', id, course_id, content_hash, archived_at::text), '|' order by id)) from lessons)`);

export async function dataVersion(db: Db): Promise<DataVersion> {
  // Pending training deltas first, so the counters (and their updated_at) include every completion.
  await foldTrainingDeltas(db);
  const [v] = await queryRows<{ hard: string; soft: string }>(
    db,
    sql`
    select concat_ws('|',
        (select max(finished_at) from imports)::text,
        (select count(*) from accounts)::text, (select max(updated_at) from accounts)::text,
        ${contentFingerprintSql},
        (select max(version) from health_weights)::text,
        (current_date)::text) as hard,
      concat_ws('|',
        (select max(updated_at) from account_month)::text, (select max(updated_at) from account_course)::text) as soft`,
  );
  return { hard: v?.hard ?? "", soft: v?.soft ?? "" };
}
