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

/**
 * Issues the learner's certificate for a course inside the caller's transaction (the one that wrote the
 * completing lesson). The (user, course) unique key makes it exactly-once; the "certified" event is
 * appended only by the write that created it.
 */
export async function issueCertificate(tx: Tx, learner: { id: string; accountId: string }, courseId: string, contentHash: string | null) {
  const inserted = await tx.insert(certificates)
    .values({ code: newCertificateCode(), userId: learner.id, accountId: learner.accountId, courseId })
    .onConflictDoNothing({ target: [certificates.userId, certificates.courseId] })
    .returning({ code: certificates.code });
  if (inserted[0]) {
    await tx.insert(learningEvents).values({
      userId: learner.id, accountId: learner.accountId, verb: "certified", objectType: "course", objectId: courseId,
      result: { completion: true, certificate: inserted[0].code }, contentHash,
    });
    return { code: inserted[0].code, newlyIssued: true };
  }
  const [existing] = await tx.select({ code: certificates.code }).from(certificates)
    .where(and(eq(certificates.userId, learner.id), eq(certificates.courseId, courseId))).limit(1);
  return { code: existing?.code ?? null, newlyIssued: false };
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
  const [row] = await db.select({
    code: certificates.code, learnerName: users.name, courseId: courses.id, courseTitle: courses.title,
    courseSummary: courses.summary, stage: courses.stage, estimatedMinutes: courses.estimatedMinutes,
    companyName: accounts.name, issuedAt: certificates.issuedAt,
  })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .innerJoin(courses, eq(courses.id, certificates.courseId))
    .innerJoin(accounts, eq(accounts.id, certificates.accountId))
    .where(inArray(certificates.code, spellings))
    .limit(1);
  return row ? { ...row, issuedAt: new Date(row.issuedAt).toISOString() } : null;
}

/** The learner's own certificates, newest first. */
export async function listCertificates(db: Db, userId: string) {
  const rows = await db.select({ code: certificates.code, courseId: courses.id, courseTitle: courses.title, stage: courses.stage, issuedAt: certificates.issuedAt })
    .from(certificates)
    .innerJoin(courses, eq(courses.id, certificates.courseId))
    .where(eq(certificates.userId, userId))
    .orderBy(desc(certificates.issuedAt), sql`${courses.title}`);
  return rows.map((r) => ({ ...r, issuedAt: new Date(r.issuedAt).toISOString() }));
}

export async function findCertificateFor(db: Db, userId: string, courseId: string): Promise<string | null> {
  const [row] = await db.select({ code: certificates.code }).from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.courseId, courseId))).limit(1);
  return row?.code ?? null;
}
