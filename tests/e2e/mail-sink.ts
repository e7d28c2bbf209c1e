/**
 * A real SMTP server for the end-to-end run: the academy under test sends mail to it (SMTP_URL), and it
 * appends each message as one JSON line to MAIL_SINK_FILE for the tests to read. Started by Playwright's
 * webServer list next to the academy.
 */
import fs from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

const port = Number(process.env.MAIL_SINK_PORT ?? 3125);
const file = path.resolve(process.env.MAIL_SINK_FILE ?? ".cache/e2e-mail/mail.jsonl");
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, "");

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      fs.appendFileSync(file, `${JSON.stringify({ to: session.envelope.rcptTo.map((r) => r.address), raw })}\n`);
      callback();
    });
  },
});
server.listen(port, "127.0.0.1", () => console.log(`[mail-sink] listening on 127.0.0.1:${port}, writing ${file}`));
const stop = () => server.close(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
