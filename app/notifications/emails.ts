/**
 * The academy's emails: one function per message, each returning subject, plain text and HTML built
 * from the same parts. Every dynamic value is HTML-escaped; links are absolute (built by the caller
 * from PUBLIC_URL, never from request headers). `locale` is the recipient's language (users.language;
 * app/i18n/emails); anything else is English.
 */
import type { MailMessage } from "#app/utils/mail.server";
import { emailT } from "#app/i18n/emails/index";

const ACADEMY = "Uplift Academy";

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

export interface EmailParts {
  to: string;
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
  locale?: string | null;
}

export function compose(parts: EmailParts): MailMessage {
  const text = [
    parts.greeting,
    "",
    ...parts.paragraphs.flatMap((p) => [p, ""]),
    ...(parts.action ? [`${parts.action.label}: ${parts.action.url}`, ""] : []),
    parts.footer ?? "",
    `— ${ACADEMY}`,
  ].join("\n");
  const button = parts.action
    ? `<p><a href="${escapeHtml(parts.action.url)}" style="display:inline-block;padding:10px 16px;background:#1d4ed8;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(parts.action.label)}</a></p>
<p style="font-size:12px;color:#475569">${escapeHtml(emailT(parts.locale)("orOpen", { url: parts.action.url }))}</p>`
    : "";
  const html = `<!doctype html><html lang="${escapeHtml(parts.locale ?? "en")}"><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:560px">
<p style="font-weight:600">${escapeHtml(ACADEMY)}</p>
<p>${escapeHtml(parts.greeting)}</p>
${parts.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
${button}
${parts.footer ? `<p style="font-size:12px;color:#475569">${escapeHtml(parts.footer)}</p>` : ""}
</body></html>`;
  return { to: parts.to, subject: parts.subject, text, html };
}

export function invitationEmail(input: {
  to: string;
  accountName: string;
  inviterName?: string | null;
  url: string;
  expiresDays: number;
  locale?: string | null;
}): MailMessage {
  const t = emailT(input.locale);
  const vars = { team: input.accountName, academy: ACADEMY };
  return compose({
    to: input.to,
    locale: input.locale,
    subject: t("invitation.subject", vars),
    greeting: t("helloPlain"),
    paragraphs: [t("invitation.body", { ...vars, inviter: input.inviterName ?? t("invitation.yourTeam") })],
    action: { label: t("invitation.action"), url: input.url },
    footer: t("invitation.footer", { count: input.expiresDays }),
  });
}

/** To an address that already has an account: nothing to accept, sign in (plain text). */
export function alreadyMemberEmail(input: {
  to: string;
  accountName: string;
  inviterName: string;
  loginUrl: string;
  locale?: string | null;
}): MailMessage {
  const t = emailT(input.locale);
  const vars = { inviter: input.inviterName, team: input.accountName, academy: ACADEMY };
  return {
    to: input.to,
    subject: t("invitation.existingSubject", vars),
    text: `${t("invitation.existingBody", { ...vars, url: input.loginUrl })}\n`,
  };
}

export function passwordResetEmail(input: {
  to: string;
  name: string;
  url: string;
  expiresMinutes: number;
  locale?: string | null;
}): MailMessage {
  const t = emailT(input.locale);
  return compose({
    to: input.to,
    locale: input.locale,
    subject: t("reset.subject", { academy: ACADEMY }),
    greeting: t("hello", { name: input.name }),
    paragraphs: [t("reset.body")],
    action: { label: t("reset.action"), url: input.url },
    footer: t("reset.footer", { minutes: input.expiresMinutes }),
  });
}

export function certificateEmail(input: {
  to: string;
  name: string;
  courseTitle: string;
  url: string;
  locale?: string | null;
}): MailMessage {
  const t = emailT(input.locale);
  return compose({
    to: input.to,
    locale: input.locale,
    subject: t("certificate.subject", { course: input.courseTitle }),
    greeting: t("certificate.greeting", { name: input.name }),
    paragraphs: [t("certificate.body", { course: input.courseTitle })],
    action: { label: t("certificate.action"), url: input.url },
  });
}
