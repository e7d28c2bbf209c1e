/**
 * The academy's emails: one function per message, each returning subject, plain text and HTML built
 * from the same parts. Every dynamic value is HTML-escaped; links are absolute (built by the caller
 * from PUBLIC_URL, never from request headers).
 */
import type { MailMessage } from "#app/utils/mail.server";

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
<p style="font-size:12px;color:#475569">Or open this link: ${escapeHtml(parts.action.url)}</p>`
    : "";
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a;max-width:560px">
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
}): MailMessage {
  return compose({
    to: input.to,
    subject: `You're invited to the ${input.accountName} team on ${ACADEMY}`,
    greeting: "Hello,",
    paragraphs: [
      `${input.inviterName ?? "Your team"} invited you to join ${input.accountName} on ${ACADEMY}, where you can learn the product at your own pace.`,
    ],
    action: { label: "Accept the invitation", url: input.url },
    footer: `The link works for ${input.expiresDays} days. If you did not expect this, ignore this email.`,
  });
}

export function passwordResetEmail(input: {
  to: string;
  name: string;
  url: string;
  expiresMinutes: number;
}): MailMessage {
  return compose({
    to: input.to,
    subject: `Reset your ${ACADEMY} password`,
    greeting: `Hello ${input.name},`,
    paragraphs: ["Someone (hopefully you) asked to reset the password of your academy account."],
    action: { label: "Choose a new password", url: input.url },
    footer: `The link works once, for ${input.expiresMinutes} minutes. If you did not ask for it, ignore this email: your password stays as it is.`,
  });
}

export function certificateEmail(input: { to: string; name: string; courseTitle: string; url: string }): MailMessage {
  return compose({
    to: input.to,
    subject: `Your certificate: ${input.courseTitle}`,
    greeting: `Congratulations ${input.name},`,
    paragraphs: [`You completed "${input.courseTitle}". Your certificate can be verified by anyone with this link.`],
    action: { label: "View your certificate", url: input.url },
  });
}
