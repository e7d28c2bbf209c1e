import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { getEnv } from "#app/env.server";

/**
 * Outgoing mail behind a small adapter interface. The default adapter writes the message to the server
 * log (no mail server needed), or, with MAIL_OUTBOX_DIR set, also one JSON file per message into that
 * folder (development and end-to-end tests read links from there); a deployment plugs in SMTP or an
 * email API by calling setMailAdapter() at start-up. Tests use the in-memory adapter.
 */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
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
  return { name: "memory", sent, async send(message) { sent.push(message); } };
}

/** Writes each message as `<time>-<random>.json` into `dir` (and to the log). */
export function createOutboxMailAdapter(dir: string): MailAdapter {
  return {
    name: "outbox",
    async send(message) {
      await fs.promises.mkdir(dir, { recursive: true });
      const file = path.join(dir, `${Date.now()}-${crypto.randomBytes(4).toString("hex")}.json`);
      await fs.promises.writeFile(file, JSON.stringify({ ...message, sentAt: new Date().toISOString() }, null, 2));
      await logMailAdapter.send(message);
    },
  };
}

let adapter: MailAdapter | undefined;

export function setMailAdapter(next: MailAdapter) {
  adapter = next;
}

export function sendMail(message: MailMessage): Promise<void> {
  if (!adapter) {
    const outbox = getEnv().MAIL_OUTBOX_DIR;
    adapter = outbox ? createOutboxMailAdapter(path.resolve(outbox)) : logMailAdapter;
  }
  return adapter.send(message);
}
