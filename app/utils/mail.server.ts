/**
 * Outgoing mail behind a small adapter interface. The default adapter writes the message to the server
 * log (no mail server needed); a deployment plugs in SMTP or an email API by calling setMailAdapter()
 * at start-up. Tests use the in-memory adapter to read what was "sent".
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

let adapter: MailAdapter = logMailAdapter;

export function setMailAdapter(next: MailAdapter) {
  adapter = next;
}

export function sendMail(message: MailMessage): Promise<void> {
  return adapter.send(message);
}
