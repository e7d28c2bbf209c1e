/**
 * Reminder and digest emails (same composition as emails.ts). Each carries the RFC 8058 one-click
 * unsubscribe headers and the same link in its footer, plus a link to the settings page.
 */
import type { MailMessage } from "#app/utils/mail.server";
import { emailT } from "#app/i18n/emails/index";
import { compose } from "./emails";

interface Unsubscribe {
  url: string;
  headers: Record<string, string>;
  settingsUrl: string;
}

function withUnsubscribe(message: MailMessage, unsub: Unsubscribe, what: string, locale?: string | null): MailMessage {
  const t = emailT(locale);
  const line = t("unsubscribe.line", { what, url: unsub.url, settingsUrl: unsub.settingsUrl });
  return {
    ...message,
    text: `${message.text}\n\n${line}`,
    html: message.html?.replace(
      "</body>",
      `<p style="font-size:12px;color:#475569">${t("unsubscribe.youReceive", { what })} <a href="${unsub.url}">${t("unsubscribe.link")}</a> · <a href="${unsub.settingsUrl}">${t("unsubscribe.settings")}</a></p>\n</body>`,
    ),
    headers: { ...message.headers, ...unsub.headers },
  };
}

interface AssignmentReminder {
  to: string;
  name: string;
  courseTitle: string;
  dueOn: string;
  url: string;
  unsubscribe: Unsubscribe;
  locale?: string | null;
}

function assignmentEmail(input: AssignmentReminder, kind: "dueSoon" | "overdue"): MailMessage {
  const t = emailT(input.locale);
  const vars = { course: input.courseTitle, date: input.dueOn };
  return withUnsubscribe(
    compose({
      to: input.to,
      locale: input.locale,
      subject: t(`${kind}.subject`, vars),
      greeting: t("hello", { name: input.name }),
      paragraphs: [t(`${kind}.body`, vars)],
      action: { label: t("continueCourse"), url: input.url },
    }),
    input.unsubscribe,
    t("unsubscribe.assignmentReminders"),
    input.locale,
  );
}

export function dueSoonEmail(input: AssignmentReminder): MailMessage {
  return assignmentEmail(input, "dueSoon");
}

export function overdueEmail(input: AssignmentReminder): MailMessage {
  return assignmentEmail(input, "overdue");
}

export function certificateExpiringEmail(input: {
  to: string;
  name: string;
  courseTitle: string;
  expiresOn: string;
  courseUrl: string;
  certificateUrl: string;
  unsubscribe: Unsubscribe;
  locale?: string | null;
}): MailMessage {
  const t = emailT(input.locale);
  const vars = { course: input.courseTitle, date: input.expiresOn };
  return withUnsubscribe(
    compose({
      to: input.to,
      locale: input.locale,
      subject: t("expiring.subject", vars),
      greeting: t("hello", { name: input.name }),
      paragraphs: [t("expiring.body", vars), t("expiring.renew", { url: input.certificateUrl })],
      action: { label: t("expiring.action"), url: input.courseUrl },
    }),
    input.unsubscribe,
    t("unsubscribe.courseReminders"),
    input.locale,
  );
}

export function teamDigestEmail(input: {
  to: string;
  name: string;
  accountName: string;
  week: string;
  counts: { assigned: number; completed: number; overdue: number; open: number };
  overdueLearners: string[];
  url: string;
  unsubscribe: Unsubscribe;
}): MailMessage {
  const c = input.counts;
  return withUnsubscribe(
    compose({
      to: input.to,
      subject: `${input.accountName} training, week ${input.week}`,
      greeting: `Hello ${input.name},`,
      paragraphs: [
        c.assigned === 0
          ? "No courses are assigned to your team yet."
          : `Assigned courses: ${c.assigned} — ${c.completed} completed, ${c.open} open, ${c.overdue} overdue.`,
        ...(input.overdueLearners.length
          ? [
              `With overdue courses: ${input.overdueLearners.slice(0, 20).join(", ")}${input.overdueLearners.length > 20 ? ` and ${input.overdueLearners.length - 20} more` : ""}.`,
            ]
          : []),
      ],
      action: { label: "Open the team view", url: input.url },
    }),
    input.unsubscribe,
    "the weekly team digest",
  );
}

export interface DigestAccount {
  name: string;
  url: string;
  reasons: string[];
}

export function csmDigestEmail(input: {
  to: string;
  name: string;
  week: string;
  stalled: DigestAccount[];
  ready: DigestAccount[];
  atRisk: DigestAccount[];
  note?: string | null;
  url: string;
  unsubscribe: Unsubscribe;
}): MailMessage {
  const section = (title: string, list: DigestAccount[]) =>
    list.length
      ? [
          `${title} (${list.length}):`,
          ...list.slice(0, 15).map((a) => `• ${a.name} — ${a.reasons.join("; ")} — ${a.url}`),
          ...(list.length > 15 ? [`… and ${list.length - 15} more in the report.`] : []),
        ]
      : [`${title}: none.`];
  return withUnsubscribe(
    compose({
      to: input.to,
      subject: `Accounts digest, week ${input.week}: ${input.atRisk.length} newly at risk, ${input.ready.length} newly ready for expansion`,
      greeting: `Hello ${input.name},`,
      paragraphs: [
        ...(input.note ? [input.note] : []),
        ...section("Newly at risk", input.atRisk),
        ...section("Newly ready for expansion", input.ready),
        ...section("Training stalled", input.stalled),
      ],
      action: { label: "Open the impact report", url: input.url },
    }),
    input.unsubscribe,
    "the weekly accounts digest",
  );
}
