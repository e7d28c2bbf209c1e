import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "#db/index";
import { NOTIFICATION_KINDS, notificationPreferences, type NotificationKind } from "#db/schema/index";
import { getEnv } from "#app/env.server";
import { publicUrl } from "#app/utils/public-url.server";

export { NOTIFICATION_KINDS, type NotificationKind };

// Labels and help texts of each kind: app/i18n/messages (emailSettings.kinds).

/** The kinds a person can receive at all (the settings page shows only these). */
export function kindsFor(user: { role: string; isAccountAdmin: boolean }): NotificationKind[] {
  if (user.role === "learner") return user.isAccountAdmin ? ["reminders", "team_digest"] : ["reminders"];
  if (user.role === "cs_leader" || user.role === "admin") return ["csm_digest"];
  return [];
}

/** Every kind is on unless the person switched it off. */
export async function preferencesOf(db: Db, userId: string): Promise<Record<NotificationKind, boolean>> {
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  const out = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, true])) as Record<NotificationKind, boolean>;
  for (const r of rows) if ((NOTIFICATION_KINDS as readonly string[]).includes(r.kind)) out[r.kind] = r.enabled;
  return out;
}

export async function wantsNotification(db: Db, userId: string, kind: NotificationKind): Promise<boolean> {
  const [row] = await db
    .select({ enabled: notificationPreferences.enabled })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind)))
    .limit(1);
  return row?.enabled ?? true;
}

export async function setPreferences(
  db: Db,
  userId: string,
  values: Partial<Record<NotificationKind, boolean>>,
): Promise<void> {
  const rows = Object.entries(values).map(([kind, enabled]) => ({
    userId,
    kind: kind as NotificationKind,
    enabled: !!enabled,
  }));
  if (!rows.length) return;
  await db.transaction(async (tx) => {
    await tx
      .insert(notificationPreferences)
      .values(rows)
      .onConflictDoUpdate({
        target: [notificationPreferences.userId, notificationPreferences.kind],
        set: { enabled: sql`excluded.enabled`, updatedAt: sql`now()` },
      });
  });
}

/**
 * One-click unsubscribe token for one person and one kind: `<userId>.<kind>.<HMAC-SHA256>` keyed with
 * SESSION_SECRET. It never expires (old emails keep working) and can only switch that kind off.
 */
function signature(userId: string, kind: string): string {
  return crypto
    .createHmac("sha256", getEnv().SESSION_SECRET)
    .update(`unsubscribe:${userId}:${kind}`)
    .digest("base64url")
    .slice(0, 32);
}

export function unsubscribeToken(userId: string, kind: NotificationKind): string {
  return `${userId}.${kind}.${signature(userId, kind)}`;
}

export function verifyUnsubscribeToken(token: string): { userId: string; kind: NotificationKind } | null {
  const m = /^([0-9a-f-]{36})\.([a-z_]+)\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!m || !(NOTIFICATION_KINDS as readonly string[]).includes(m[2]!)) return null;
  const expected = Buffer.from(signature(m[1]!, m[2]!));
  const given = Buffer.from(m[3]!);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  return { userId: m[1]!, kind: m[2] as NotificationKind };
}

/** RFC 8058 one-click unsubscribe headers, and the same link for the email's footer. */
export function unsubscribeLink(userId: string, kind: NotificationKind) {
  const url = publicUrl(`/unsubscribe/${unsubscribeToken(userId, kind)}`);
  return { url, headers: { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } };
}
