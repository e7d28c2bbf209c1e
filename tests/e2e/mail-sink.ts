/**
 * A real SMTP server for the end-to-end run: the academy under test sends mail to it (SMTP_URL), and it
 * appends each message as one JSON line to MAIL_SINK_FILE for the tests to read. Started by Playwright's
 * webServer list next to the academy.
 */
import fs from "node:fs";
import path from "node:path";
import { recordingSmtpServer } from "../support/smtp";

const port = Number(process.env.MAIL_SINK_PORT ?? 3125);
const file = path.resolve(process.env.MAIL_SINK_FILE ?? ".cache/e2e-mail/mail.jsonl");
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, "");

const server = recordingSmtpServer(({ to, raw }) => fs.appendFileSync(file, `${JSON.stringify({ to, raw })}\n`));
server.listen(port, "127.0.0.1", () => console.log(`[mail-sink] listening on 127.0.0.1:${port}, writing ${file}`));
const stop = () => server.close(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
