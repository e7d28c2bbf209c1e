import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { getEnv } from "#app/env.server";

/**
 * Outgoing mail behind a small adapter interface. The default adapter writes the message to the server
 * log (no mail server needed); with SMTP_URL set, the SMTP adapter (nodemailer); with MAIL_OUTBOX_DIR set,
 * each message is also written as one JSON file into that folder first (development and end-to-end
 * tests read links from there). Tests use the in-memory adapter, or a real SMTP server they start.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

export interface MailAdapter {
  name: string;
  send(message: MailMessage): Promise<void>;
}

export const logMailAdapter: MailAdapter = {
  name: "log",
  async send(message) {
    console.log(`[mail] to=${message.to} subject=${JSON.stringify(message.subject)}\n${message.text}`);
  },
};

export function createMemoryMailAdapter(): MailAdapter & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    name: "memory",
    sent,
    async send(message) {
      sent.push(message);
    },
  };
}

/** Writes each message as `<time>-<random>.json` into `dir`, then hands it to `next` (SMTP or the log). */
export function createOutboxMailAdapter(dir: string, next: MailAdapter = logMailAdapter): MailAdapter {
  return {
    name: "outbox",
    async send(message) {
      await fs.promises.mkdir(dir, { recursive: true });
      const file = path.join(dir, `${Date.now()}-${crypto.randomBytes(4).toString("hex")}.json`);
      await fs.promises.writeFile(file, JSON.stringify({ ...message, sentAt: new Date().toISOString() }, null, 2));
      await next.send(message);
    },
  };
}

/** SMTP through nodemailer: `smtp://user:pass@host:587`, `smtps://…:465`; `from` is the sender address. */
export function createSmtpMailAdapter(url: string, from: string): MailAdapter & { close(): void } {
  const transport = nodemailer.createTransport(url);
  return {
    name: "smtp",
    async send(message) {
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
      });
    },
    close: () => transport.close(),
  };
}

let adapter: MailAdapter | undefined;

/** Tests and embedders may replace the adapter; otherwise SMTP_URL decides on first use. */
export function setMailAdapter(next: MailAdapter) {
  adapter = next;
}

function currentAdapter(): MailAdapter {
  if (!adapter) {
    const env = getEnv();
    const delivery = env.SMTP_URL ? createSmtpMailAdapter(env.SMTP_URL, env.MAIL_FROM) : logMailAdapter;
    adapter = env.MAIL_OUTBOX_DIR ? createOutboxMailAdapter(path.resolve(env.MAIL_OUTBOX_DIR), delivery) : delivery;
  }
  return adapter;
}

export function sendMail(message: MailMessage): Promise<void> {
  return currentAdapter().send(message);
}
