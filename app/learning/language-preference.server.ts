import { eq } from "drizzle-orm";
import type { Db } from "#db/index";
import { users } from "#db/schema/index";
import type { UiLocale } from "#app/i18n/locales";

/** Saves the person's own language preference (null = follow the browser). */
export async function setLanguagePreference(db: Db, userId: string, language: UiLocale | null) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ language }).where(eq(users.id, userId));
  });
  return { language };
}
