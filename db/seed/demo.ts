import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { accounts, users } from "../schema/index";

/** Demo logins, listed in README. Every demo user shares one password. */
export const DEMO_PASSWORD = "uplift-demo";
export const DEMO_USERS = [
  { email: "alice@acme.example", name: "Alice Chen", role: "learner", account: "ACME-001", isAccountAdmin: true },
  { email: "bob@acme.example", name: "Bob Martins", role: "learner", account: "ACME-001", isAccountAdmin: false },
  { email: "carol@globex.example", name: "Carol Diaz", role: "learner", account: "GLOBEX-002", isAccountAdmin: true },
  { email: "dan@initech.example", name: "Dan Okafor", role: "learner", account: "INITECH-003", isAccountAdmin: false },
  { email: "author@uplift.example", name: "Ana Author", role: "author", account: null, isAccountAdmin: false },
  { email: "cs@uplift.example", name: "Sam Success", role: "cs_leader", account: null, isAccountAdmin: false },
  { email: "admin@uplift.example", name: "Ada Admin", role: "admin", account: null, isAccountAdmin: false },
] as const;

export const DEMO_ACCOUNTS = [
  {
    externalId: "ACME-001",
    name: "Acme Corp",
    emailDomains: ["acme.example"],
    segment: "mid_market",
    planTier: "Pro",
    industry: "Manufacturing",
    country: "US",
    csmOwner: "Sam Success",
    seats: 40,
    lifecycleStage: "adoption",
  },
  {
    externalId: "GLOBEX-002",
    name: "Globex",
    emailDomains: ["globex.example"],
    segment: "enterprise",
    planTier: "Enterprise",
    industry: "FinTech",
    country: "DE",
    csmOwner: "Sam Success",
    seats: 120,
    lifecycleStage: "expansion",
  },
  {
    externalId: "INITECH-003",
    name: "Initech",
    emailDomains: ["initech.example"],
    segment: "smb",
    planTier: "Basic",
    industry: "DevTools",
    country: "UK",
    csmOwner: "Riley Ops",
    seats: 12,
    lifecycleStage: "onboarding",
  },
];

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) === 0;
}

/** Loads the demo accounts and logins in one transaction. hash is injected to keep db/ free of app imports. */
export async function seedDemo(db: Db, hashPassword: (pw: string) => Promise<string>) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(accounts)
      .values(DEMO_ACCOUNTS.map((a) => ({ ...a, signupDate: "2025-01-15" })))
      .onConflictDoNothing({ target: accounts.externalId })
      .returning({ id: accounts.id, externalId: accounts.externalId });
    const existing =
      inserted.length === DEMO_ACCOUNTS.length
        ? inserted
        : await tx.select({ id: accounts.id, externalId: accounts.externalId }).from(accounts);
    const idOf = new Map(existing.map((a) => [a.externalId, a.id]));
    await tx
      .insert(users)
      .values(
        DEMO_USERS.map((u) => ({
          email: u.email,
          name: u.name,
          role: u.role,
          passwordHash,
          isAccountAdmin: u.isAccountAdmin,
          accountId: u.account ? (idOf.get(u.account) ?? null) : null,
        })),
      )
      .onConflictDoNothing({ target: users.email });
  });
}
