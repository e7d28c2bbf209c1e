import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/index";
import { users } from "#db/schema/index";
import { incompleteAssignmentsDue } from "#app/learning/assignment-status.server";
import { listCertificatesExpiringWithin } from "#app/learning/certificate-expiry.server";
import { enqueueJobs, type EnqueueInput } from "./jobs/queue.server";

/** A reminder goes out this many days before the due date. */
export const DUE_SOON_DAYS = 3;
/** A recertification reminder goes out this many days before a certificate expires. */
export const CERTIFICATE_REMINDER_DAYS = 30;
/** Overdue reminders are sent for assignments that became overdue in the last 30 days (not for ancient ones). */
const OVERDUE_LOOKBACK_DAYS = 30;
/** Weekly digests go out from Monday 08:00 UTC. */
const DIGEST_HOUR_UTC = 8;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/** ISO 8601 week, e.g. "2026-W49" (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export function mondayOf(date: Date): Date {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), DIGEST_HOUR_UTC));
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() || 7) - 1));
  return d;
}

/**
 * Queues every notification that is due by `now`, each under its idempotency key, so running this in
 * every server process, every minute, after any restart, queues each notification once:
 * - `reminder:due-soon:<assignmentId>:<dueOn>` and `reminder:overdue:<assignmentId>:<dueOn>` (a new due
 *   date is a new reminder);
 * - `reminder:certificate-expiring:<code>:<expiresAt>` 30 days before a certificate expires (a renewal
 *   moves expiresAt, so the renewed certificate gets its own reminder before it expires in turn);
 * - `digest:team:<userId>:<isoWeek>` for each account admin, `digest:csm:<userId>:<isoWeek>` for each CS leader.
 * Whether the person still wants it, and whether it is still true, is checked when it is sent.
 */
export async function planNotifications(db: Db, now = new Date()): Promise<number> {
  const today = isoDay(now);
  const [soon, overdue, expiring, admins, leaders] = await Promise.all([
    incompleteAssignmentsDue(db, today, isoDay(addDays(now, DUE_SOON_DAYS))),
    incompleteAssignmentsDue(db, isoDay(addDays(now, -OVERDUE_LOOKBACK_DAYS)), isoDay(addDays(now, -1))),
    listCertificatesExpiringWithin(db, CERTIFICATE_REMINDER_DAYS, now),
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "learner"), eq(users.isAccountAdmin, true), isNull(users.deactivatedAt))),
    db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, "cs_leader"), isNull(users.deactivatedAt))),
  ]);
  const week = isoWeek(now);
  const digestAt = mondayOf(now);
  const list: EnqueueInput[] = [
    ...soon.map((a) => ({
      name: "notification.send",
      key: `reminder:due-soon:${a.id}:${a.dueOn}`,
      payload: { kind: "due-soon", assignmentId: a.id, userId: a.userId, dueOn: a.dueOn },
    })),
    ...overdue.map((a) => ({
      name: "notification.send",
      key: `reminder:overdue:${a.id}:${a.dueOn}`,
      payload: { kind: "overdue", assignmentId: a.id, userId: a.userId, dueOn: a.dueOn },
    })),
    ...expiring.map((c) => ({
      name: "notification.send",
      key: `reminder:certificate-expiring:${c.code}:${c.expiresAt}`,
      payload: { kind: "certificate-expiring", userId: c.userId, code: c.code, expiresAt: c.expiresAt },
    })),
    ...admins.map((u) => ({
      name: "notification.send",
      key: `digest:team:${u.id}:${week}`,
      payload: { kind: "team-digest", userId: u.id, week },
      runAt: digestAt,
    })),
    ...leaders.map((u) => ({
      name: "notification.send",
      key: `digest:csm:${u.id}:${week}`,
      payload: { kind: "csm-digest", userId: u.id, week },
      runAt: digestAt,
    })),
  ];
  return list.length ? enqueueJobs(db, list) : 0;
}
