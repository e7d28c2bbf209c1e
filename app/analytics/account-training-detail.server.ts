import { sql } from "drizzle-orm";
import { queryRows, type Db } from "#db/index";
import { certificateStatus, type CertificateStatus } from "#app/learning/certificates.server";

export interface LearnerCertificate {
  code: string;
  courseId: string;
  courseTitle: string;
  stage: string;
  issuedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  status: CertificateStatus;
}

/** Every certificate of the account's active learners, keyed by learner email, newest first. */
export async function accountCertificatesByEmail(
  db: Db,
  accountId: string,
): Promise<Map<string, LearnerCertificate[]>> {
  const rows = await queryRows<{
    email: string;
    code: string;
    course_id: string;
    title: string;
    stage: string;
    issued_at: string;
    expires_at: string | null;
    revoked_at: string | null;
  }>(
    db,
    sql`
    select u.email, c.code, c.course_id, co.title, co.stage,
      to_char(c.issued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') issued_at,
      to_char(c.expires_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') expires_at,
      to_char(c.revoked_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') revoked_at
    from certificates c join users u on u.id = c.user_id and u.deactivated_at is null join courses co on co.id = c.course_id
    where c.account_id = ${accountId} order by c.issued_at desc, co.title`,
  );
  const out = new Map<string, LearnerCertificate[]>();
  for (const r of rows) {
    const dates = { expiresAt: r.expires_at, revokedAt: r.revoked_at };
    const list = out.get(r.email) ?? [];
    list.push({
      code: r.code,
      courseId: r.course_id,
      courseTitle: r.title,
      stage: r.stage,
      issuedAt: r.issued_at,
      ...dates,
      status: certificateStatus(dates),
    });
    out.set(r.email, list);
  }
  return out;
}

/**
 * The account's training dates: first lesson completion (training started) and first course completion
 * (the training date the impact report uses under its default "completed any course" definition), with
 * the first completion date of each stage. Null = not yet.
 */
export async function accountTrainingDates(db: Db, accountId: string) {
  const [row] = await queryRows<{
    started: string | null;
    trained: string | null;
    onboarding: string | null;
    adoption: string | null;
    expansion: string | null;
  }>(
    db,
    sql`
    with lesson_count as (select course_id, count(*) n from lessons where archived_at is null group by course_id),
    done as (
      select lp.user_id, lp.course_id, max(lp.completed_at) completed_at
      from lesson_progress lp join lessons l on l.id = lp.lesson_id and l.archived_at is null join lesson_count lc on lc.course_id = lp.course_id
      where lp.account_id = ${accountId} and lp.status = 'completed' group by lp.user_id, lp.course_id, lc.n having count(*) = lc.n)
    select
      (select to_char(min(completed_at) at time zone 'UTC', 'YYYY-MM-DD') from lesson_progress where account_id = ${accountId} and status = 'completed') started,
      to_char(min(d.completed_at) at time zone 'UTC', 'YYYY-MM-DD') trained,
      to_char(min(d.completed_at) filter (where c.stage = 'onboarding') at time zone 'UTC', 'YYYY-MM-DD') onboarding,
      to_char(min(d.completed_at) filter (where c.stage = 'adoption') at time zone 'UTC', 'YYYY-MM-DD') adoption,
      to_char(min(d.completed_at) filter (where c.stage = 'expansion') at time zone 'UTC', 'YYYY-MM-DD') expansion
    from done d join courses c on c.id = d.course_id`,
  );
  return {
    trainingStartedOn: row?.started ?? null,
    trainingDate: row?.trained ?? null,
    stageFirstCompletedOn: {
      onboarding: row?.onboarding ?? null,
      adoption: row?.adoption ?? null,
      expansion: row?.expansion ?? null,
    },
  };
}
