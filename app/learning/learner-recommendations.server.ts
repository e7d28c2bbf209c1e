import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "#db/index";
import { accounts, users } from "#db/schema/index";
import {
  getCatalogCourses,
  getLearnerAccount,
  getResumePoint,
  type CatalogCourse,
  type ResumePoint,
} from "./catalog.server";
import { getRecommendations, type Recommendation } from "./recommendations.server";

export interface LearnerRecommendations {
  learner: { email: string; name: string };
  account: { externalId: string; name: string; stage: string | null };
  /** "Continue where you left off": the course in progress the home page shows above the recommendations. */
  resume: ResumePoint | null;
  recommendations: Recommendation[];
}

/**
 * What the learner's home page shows as "Recommended next", computed the same way as the home page
 * loader (app/routes/_index.tsx): published courses only, the course being resumed left out.
 * Null when no active learner of a customer account has this email.
 */
export async function recommendationsForEmail(db: Db, email: string): Promise<LearnerRecommendations | null> {
  const found = await learnerHomeForEmail(db, email);
  if (!found) return null;
  const { catalog: _catalog, ...recommendations } = found;
  return recommendations;
}

/** recommendationsForEmail plus the learner's catalog with progress (the embeddable widget needs both). */
export async function learnerHomeForEmail(
  db: Db,
  email: string,
): Promise<(LearnerRecommendations & { catalog: CatalogCourse[] }) | null> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, accountId: users.accountId, role: users.role })
    .from(users)
    .where(and(eq(users.email, email.trim().toLowerCase()) /* stored lower-case */, isNull(users.deactivatedAt)))
    .limit(1);
  if (!user || !user.accountId || user.role !== "learner") return null;
  const account = await getLearnerAccount(db, user.accountId);
  if (!account) return null;
  const [{ externalId } = { externalId: "" }] = await db
    .select({ externalId: accounts.externalId })
    .from(accounts)
    .where(eq(accounts.id, user.accountId));
  const catalog = await getCatalogCourses(db, user.id, { includeDrafts: false });
  const resume = await getResumePoint(db, user.id, catalog);
  const candidates = catalog.filter((c) => c.id !== resume?.courseId);
  const recommendations = await getRecommendations(
    db,
    { id: user.id, accountId: user.accountId },
    candidates,
    account.stage,
  );
  return {
    learner: { email: user.email, name: user.name },
    account: { externalId, name: account.name, stage: account.stage },
    resume,
    recommendations,
    catalog,
  };
}
