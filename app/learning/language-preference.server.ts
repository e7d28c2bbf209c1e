import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "#db/index";
import { users } from "#db/schema/index";
import { UI_LOCALES } from "#app/i18n/locales";

/** The language setting form: one of the UI languages, or "" for automatic (Accept-Language). */
export const LanguageForm = z.object({
  language: z.union([z.enum(UI_LOCALES), z.literal("")]),
});

export type LanguageResult = { ok: true; language: string | null } | { ok: false; fieldErrors: { language?: string } };

/** Saves the person's own language preference (null = follow the browser). Invalid input changes nothing. */
export async function setLanguagePreference(
  db: Db,
  userId: string,
  form: FormData,
  invalidMessage: string,
): Promise<LanguageResult> {
  const parsed = LanguageForm.safeParse({ language: form.get("language") ?? undefined });
  if (!parsed.success) return { ok: false, fieldErrors: { language: invalidMessage } };
  const language = parsed.data.language || null;
  await db.transaction(async (tx) => {
    await tx.update(users).set({ language }).where(eq(users.id, userId));
  });
  return { ok: true, language };
}
