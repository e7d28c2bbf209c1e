import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";

/**
 * The certificate a recertification reminder was planned for, if it still expires at that moment: not
 * renewed (a renewal moves expires_at; compared to the second, as planned), not revoked, not yet expired.
 */
export async function certificateStillExpiring(
  db: Db,
  code: string,
  userId: string,
  expiresAt: string,
  now = new Date(),
): Promise<{ courseId: string; courseTitle: string } | null> {
  const [row] = await queryRows<{ courseId: string; courseTitle: string }>(
    db,
    sql`select c.course_id "courseId", co.title "courseTitle"
      from certificates c join courses co on co.id = c.course_id
      where c.code = ${code} and c.user_id = ${userId} and c.revoked_at is null
        and date_trunc('second', c.expires_at) = ${expiresAt}::timestamptz and c.expires_at > ${now.toISOString()}::timestamptz`,
  );
  return row ?? null;
}
