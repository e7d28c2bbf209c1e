import crypto from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/index";
import { accounts, certificates, courses, learningEvents, users } from "#db/schema/index";

// Crockford base32 without I, L, O, U: easy to read aloud and type from a printed page.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** 20 random base32 symbols (100 bits) in groups of four, e.g. "7K2Q-M9XD-…": unguessable, printable. */
export function newCertificateCode(): string {
  const bytes = crypto.randomBytes(20);
  let out = "";
  for (let i = 0; i < 20; i++) {
    if (i > 0 && i % 4 === 0) out += "-";
    out += ALPHABET[bytes[i]! & 31];
  }
  return out;
}

/** Accepts codes typed by hand: any case, spaces instead of dashes. Returns null when it cannot be a code. */
export function normaliseCertificateCode(raw: string): string | null {
  const compact = raw.toUpperCase().replace(/[\s-]/g, "");
  if (!/^[0-9A-HJKMNP-TV-Z]{20}$/.test(compact)) return null;
  return compact.match(/.{4}/g)!.join("-");
}

/** The certificate's expiry for a course, as SQL: now() + the course's certificateValidMonths (null = never). */
const expirySql = (courseId: string) =>
  sql`now() + make_interval(months => (select certificate_valid_months from courses where id = ${courseId}))`;

/**
 * Issues the learner's certificate for a course inside the caller's transaction (the one that wrote the
 * completing lesson). The (user, course) unique key makes it exactly-once; the "certified" event is
 * appended only by the write that created it. An expired certificate is renewed instead (recertification,
 * see renewalReadySql): same code, new issue and expiry dates, a new "certified" event.
 */
export async function issueCertificate(
  tx: Tx,
  learner: { id: string; accountId: string },
  courseId: string,
  contentHash: string | null,
) {
  const inserted = await tx
    .insert(certificates)
    .values({
      code: newCertificateCode(),
      userId: learner.id,
      accountId: learner.accountId,
      courseId,
      expiresAt: expirySql(courseId),
    })
    .onConflictDoNothing({ target: [certificates.userId, certificates.courseId] })
    .returning({ code: certificates.code });
  if (inserted[0]) {
    await certifiedEvent(tx, learner, courseId, inserted[0].code, contentHash, false);
    return { code: inserted[0].code, newlyIssued: true, renewed: false };
  }
  const renewed = await tx
    .update(certificates)
    .set({ issuedAt: sql`now()`, expiresAt: expirySql(courseId) })
    .where(and(eq(certificates.userId, learner.id), eq(certificates.courseId, courseId), renewalReadySql()))
    .returning({ code: certificates.code });
  if (renewed[0]) {
    await certifiedEvent(tx, learner, courseId, renewed[0].code, contentHash, true);
    return { code: renewed[0].code, newlyIssued: false, renewed: true };
  }
  const [existing] = await tx
    .select({ code: certificates.code })
    .from(certificates)
    .where(and(eq(certificates.userId, learner.id), eq(certificates.courseId, courseId)))
    .limit(1);
  return { code: existing?.code ?? null, newlyIssued: false, renewed: false };
}

/**
 * Retaking renews an expired (not revoked) certificate: the course is complete again (the caller's
 * check) and every quiz lesson of the course has a passing attempt made after the expiry — the
 * knowledge check is what a recertification re-tests. A course without quizzes renews when the learner
 * completes one of its lessons again after the expiry.
 */
function renewalReadySql() {
  return sql`${certificates.expiresAt} is not null and ${certificates.expiresAt} <= now() and ${certificates.revokedAt} is null
    and not exists (
      select 1 from lessons ql where ql.course_id = ${certificates.courseId} and ql.archived_at is null and ql.quiz is not null
        and not exists (select 1 from quiz_attempts qa where qa.user_id = ${certificates.userId} and qa.lesson_id = ql.id
          and qa.passed and qa.created_at > ${certificates.expiresAt}))`;
}

async function certifiedEvent(
  tx: Tx,
  learner: { id: string; accountId: string },
  courseId: string,
  code: string,
  contentHash: string | null,
  renewed: boolean,
) {
  await tx.insert(learningEvents).values({
    userId: learner.id,
    accountId: learner.accountId,
    verb: "certified",
    objectType: "course",
    objectId: courseId,
    result: { completion: true, certificate: code, ...(renewed ? { renewed: true } : {}) },
    contentHash,
  });
}

/** valid, expired (past expiresAt: retaking the course renews it) or revoked (withdrawn by the academy). */
export type CertificateStatus = "valid" | "expired" | "revoked";

export function certificateStatus(
  c: { expiresAt: string | Date | null; revokedAt: string | Date | null },
  now = new Date(),
): CertificateStatus {
  if (c.revokedAt) return "revoked";
  if (c.expiresAt && new Date(c.expiresAt).getTime() <= now.getTime()) return "expired";
  return "valid";
}

export interface PublicCertificate {
  code: string;
  learnerName: string;
  courseId: string;
  courseTitle: string;
  courseSummary: string;
  stage: string;
  estimatedMinutes: number;
  companyName: string;
  issuedAt: string;
  /** null = does not expire. */
  expiresAt: string | null;
  revokedAt: string | null;
  status: CertificateStatus;
}

/**
 * Public verification: only what a printed certificate shows (no email, no ids besides the code).
 * Any spelling of a code verifies (case, dashes, spaces). Issued codes are stored with dashes, demo and
 * generated ones without (the data generator's codes): both stored forms are looked up by the unique
 * index.
 */
export async function findCertificate(db: Db, rawCode: string): Promise<PublicCertificate | null> {
  const code = normaliseCertificateCode(rawCode);
  if (!code) return null;
  const spellings = [code, code.replace(/-/g, "")];
  const [row] = await db
    .select({
      code: certificates.code,
      learnerName: users.name,
      courseId: courses.id,
      courseTitle: courses.title,
      courseSummary: courses.summary,
      stage: courses.stage,
      estimatedMinutes: courses.estimatedMinutes,
      companyName: accounts.name,
      issuedAt: certificates.issuedAt,
      expiresAt: certificates.expiresAt,
      revokedAt: certificates.revokedAt,
    })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .innerJoin(courses, eq(courses.id, certificates.courseId))
    .innerJoin(accounts, eq(accounts.id, certificates.accountId))
    .where(inArray(certificates.code, spellings))
    .limit(1);
  if (!row) return null;
  const dates = { expiresAt: iso(row.expiresAt), revokedAt: iso(row.revokedAt) };
  return { ...row, issuedAt: new Date(row.issuedAt).toISOString(), ...dates, status: certificateStatus(dates) };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Withdraws a certificate (its verification page and credential then say "revoked"). */
export async function revokeCertificate(db: Db, code: string): Promise<boolean> {
  const normalised = normaliseCertificateCode(code);
  if (!normalised) return false;
  const rows = await db
    .update(certificates)
    .set({ revokedAt: sql`now()` })
    .where(inArray(certificates.code, [normalised, normalised.replace(/-/g, "")]))
    .returning({ code: certificates.code });
  return rows.length > 0;
}

/** The learner's own certificates, newest first. */
export async function listCertificates(db: Db, userId: string) {
  const rows = await db
    .select({
      code: certificates.code,
      courseId: courses.id,
      courseTitle: courses.title,
      stage: courses.stage,
      issuedAt: certificates.issuedAt,
      expiresAt: certificates.expiresAt,
      revokedAt: certificates.revokedAt,
    })
    .from(certificates)
    .innerJoin(courses, eq(courses.id, certificates.courseId))
    .where(eq(certificates.userId, userId))
    .orderBy(desc(certificates.issuedAt), sql`${courses.title}`);
  return rows.map((r) => {
    const dates = { expiresAt: iso(r.expiresAt), revokedAt: iso(r.revokedAt) };
    return { ...r, issuedAt: new Date(r.issuedAt).toISOString(), ...dates, status: certificateStatus(dates) };
  });
}

export async function findCertificateFor(db: Db, userId: string, courseId: string): Promise<string | null> {
  const [row] = await db
    .select({ code: certificates.code })
    .from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.courseId, courseId)))
    .limit(1);
  return row?.code ?? null;
}
