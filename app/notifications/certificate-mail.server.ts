import { eq } from "drizzle-orm";
import type { Db } from "#db/index";
import { courses, users } from "#db/schema/index";
import { courseTitleIn } from "#app/learning/translations.server";
import { certificateEmail } from "./emails";
import { sendMail } from "#app/utils/mail.server";
import { publicBaseUrl } from "#app/utils/public-url.server";

/**
 * Emails the learner their new certificate. Runs after the completion committed and never delays or fails
 * it: a mail problem is logged, the certificate stays issued and visible on the learner's pages.
 */
export async function notifyCertificateIssued(
  db: Db,
  learnerId: string,
  courseId: string,
  code: string,
): Promise<void> {
  const [row] = await db
    .select({ email: users.email, name: users.name, language: users.language, title: courses.title })
    .from(users)
    .innerJoin(courses, eq(courses.id, courseId))
    .where(eq(users.id, learnerId))
    .limit(1);
  if (!row) return;
  const courseTitle = await courseTitleIn(db, courseId, row.language, row.title);
  // Not awaited: a slow or failing mail server never delays the learner's page.
  void sendMail(
    certificateEmail({
      to: row.email,
      name: row.name,
      courseTitle,
      url: `${publicBaseUrl()}/certificates/${code}`,
      locale: row.language,
    }),
  ).catch((err: unknown) =>
    console.error(
      `[mail] certificate ${code} email to ${row.email} failed: ${err instanceof Error ? err.message : String(err)}`,
    ),
  );
}
