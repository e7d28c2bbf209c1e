import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/index";
import { users } from "#db/schema/index";
import { courseTitleIn } from "#app/learning/translations.server";
import { assignmentState } from "#app/learning/assignment-status.server";
import { sendMail, type MailMessage } from "#app/utils/mail.server";
import { publicUrl } from "#app/utils/public-url.server";
import type { JobRow } from "./jobs/queue.server";
import { csmDigestContent, teamDigestContent } from "./digests.server";
import {
  certificateExpiringEmail,
  csmDigestEmail,
  dueSoonEmail,
  overdueEmail,
  teamDigestEmail,
} from "./notification-emails";
import { certificateStillExpiring } from "#app/learning/certificate-expiry.server";
import { isoWeek } from "./plan.server";
import { unsubscribeLink, wantsNotification, type NotificationKind } from "./preferences.server";

const Payload = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("due-soon"),
    userId: z.string().uuid(),
    assignmentId: z.string().uuid(),
    dueOn: z.string(),
  }),
  z.object({
    kind: z.literal("overdue"),
    userId: z.string().uuid(),
    assignmentId: z.string().uuid(),
    dueOn: z.string(),
  }),
  z.object({
    kind: z.literal("certificate-expiring"),
    userId: z.string().uuid(),
    code: z.string(),
    expiresAt: z.string(),
  }),
  z.object({ kind: z.literal("team-digest"), userId: z.string().uuid(), week: z.string() }),
  z.object({ kind: z.literal("csm-digest"), userId: z.string().uuid(), week: z.string() }),
]);

const PREFERENCE: Record<z.infer<typeof Payload>["kind"], NotificationKind> = {
  "due-soon": "reminders",
  overdue: "reminders",
  "certificate-expiring": "reminders",
  "team-digest": "team_digest",
  "csm-digest": "csm_digest",
};

/** The week before an ISO week ("2026-W01" → "2025-W52" or "-W53"). */
function previousIsoWeek(week: string): string {
  const [y, w] = week.split("-W").map(Number) as [number, number];
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000 + (w - 1) * 7 * 86_400_000);
  return isoWeek(new Date(monday.getTime() - 7 * 86_400_000));
}

/**
 * The `notification.send` job: re-checks that the person is active, wants this kind, and that the
 * reason still holds (a completed course or a changed due date sends nothing), then sends one email.
 * Returns what it did, stored as the job's result. A mail error throws: the queue retries with backoff.
 */
export async function sendNotification(db: Db, job: JobRow): Promise<unknown> {
  const p = Payload.parse(job.payload);
  const [person] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      language: users.language,
      accountId: users.accountId,
      deactivatedAt: users.deactivatedAt,
    })
    .from(users)
    .where(eq(users.id, p.userId))
    .limit(1);
  if (!person || person.deactivatedAt) return { skipped: "inactive" };
  const kind = PREFERENCE[p.kind];
  if (!(await wantsNotification(db, person.id, kind))) return { skipped: "unsubscribed" };
  const unsubscribe = { ...unsubscribeLink(person.id, kind), settingsUrl: publicUrl("/settings/notifications") };
  let message: MailMessage;
  let result: Record<string, unknown> = { sent: true };
  if (p.kind === "due-soon" || p.kind === "overdue") {
    const a = await assignmentState(db, p.assignmentId);
    if (!a || a.userId !== person.id) return { skipped: "unassigned" };
    if (a.state === "completed") return { skipped: "completed" };
    if (a.dueOn !== p.dueOn) return { skipped: "due date changed" };
    const input = {
      to: person.email,
      name: person.name,
      courseTitle: await courseTitleIn(db, a.courseId, person.language, a.title),
      dueOn: p.dueOn,
      url: publicUrl(`/courses/${a.courseId}`),
      unsubscribe,
      locale: person.language,
    };
    message = p.kind === "due-soon" ? dueSoonEmail(input) : overdueEmail(input);
  } else if (p.kind === "certificate-expiring") {
    // Renewed (expiresAt moved), revoked or already expired since it was planned: nothing to remind of.
    const cert = await certificateStillExpiring(db, p.code, person.id, p.expiresAt);
    if (!cert) return { skipped: "renewed or revoked" };
    message = certificateExpiringEmail({
      to: person.email,
      name: person.name,
      courseTitle: await courseTitleIn(db, cert.courseId, person.language, cert.courseTitle),
      expiresOn: p.expiresAt.slice(0, 10),
      courseUrl: publicUrl(`/courses/${cert.courseId}`),
      certificateUrl: publicUrl(`/certificates/${p.code}`),
      unsubscribe,
      locale: person.language,
    });
  } else if (p.kind === "team-digest") {
    if (!person.accountId) return { skipped: "no account" };
    const content = await teamDigestContent(db, person.accountId);
    message = teamDigestEmail({
      to: person.email,
      name: person.name,
      week: p.week,
      ...content,
      url: publicUrl("/team"),
      unsubscribe,
    });
  } else {
    const content = await csmDigestContent(db, person, previousIsoWeek(p.week));
    message = csmDigestEmail({
      to: person.email,
      name: person.name,
      week: p.week,
      ready: content.newlyReady,
      atRisk: content.newlyAtRisk,
      stalled: content.stalled,
      note: content.note,
      url: publicUrl("/report"),
      unsubscribe,
    });
    result = { sent: true, ...content.listed };
  }
  await sendMail(message);
  return result;
}
