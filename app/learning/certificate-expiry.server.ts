import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";

export type ExpiringCertificate = {
  code: string;
  userId: string;
  accountId: string;
  email: string;
  name: string;
  courseId: string;
  courseTitle: string;
  expiresAt: string;
};

/**
 * Certificates that expire within the next `days` days (not yet expired, not revoked, learner active),
 * soonest first: what a recertification reminder job sends to. Retaking the course renews one
 * (certificates.server.ts issueCertificate).
 */
export async function listCertificatesExpiringWithin(
  db: Db,
  days: number,
  now = new Date(),
): Promise<ExpiringCertificate[]> {
  if (!Number.isFinite(days) || days < 0) throw new RangeError("days must be a non-negative number");
  const from = now.toISOString();
  return queryRows<ExpiringCertificate>(
    db,
    sql`
    select c.code, c.user_id "userId", c.account_id "accountId", u.email, u.name, c.course_id "courseId", co.title "courseTitle",
      to_char(c.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') "expiresAt"
    from certificates c join users u on u.id = c.user_id join courses co on co.id = c.course_id
    where c.revoked_at is null and u.deactivated_at is null
      and c.expires_at > ${from}::timestamptz and c.expires_at <= ${from}::timestamptz + make_interval(days => ${Math.floor(days)})
    order by c.expires_at, c.code`,
  );
}

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
