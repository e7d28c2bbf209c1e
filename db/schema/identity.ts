import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/** A customer account (company) of the SaaS vendor. external_id is the CRM id and the import key. */
export const accounts = pgTable(
  "accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    externalId: text("external_id").notNull().unique(),
    name: text("name").notNull(),
    emailDomains: text("email_domains")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    segment: text("segment"),
    planTier: text("plan_tier"),
    industry: text("industry"),
    country: text("country"),
    csmOwner: text("csm_owner"),
    signupDate: date("signup_date"),
    renewalDate: date("renewal_date"),
    status: text("status").notNull().default("active"), // active | churned
    churnDate: date("churn_date"),
    seats: integer("seats"),
    isTrial: boolean("is_trial").notNull().default(false),
    lifecycleStage: text("lifecycle_stage").notNull().default("onboarding"), // onboarding | adoption | expansion
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("accounts_segment_idx").on(t.segment, t.planTier)],
);

export const ROLES = ["learner", "author", "cs_leader", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** Learners (account_id set) and staff (author, cs_leader, admin; account_id null). */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull().unique(), // stored lower-case
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    role: text("role").$type<Role>().notNull().default("learner"),
    accountId: uuid("account_id").references(() => accounts.id),
    isAccountAdmin: boolean("is_account_admin").notNull().default(false),
    failedSignIns: integer("failed_sign_ins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /** Set when an admin or SCIM deactivates the person: sign-in refused, sessions revoked, progress kept. */
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    /** Where the person came from: password sign-up, invitation, product JWT, SCIM (its externalId). */
    externalId: text("external_id"),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    /** Preferred language (BCP 47, one of app/i18n/locales.ts); null = the browser's Accept-Language. */
    language: text("language"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("users_account_idx").on(t.accountId)],
);

/** Single-use secrets mailed to a person (password reset). Only the SHA-256 of the token is stored. */
export const userTokens = pgTable(
  "user_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose").$type<"password_reset">().notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("user_tokens_user_idx").on(t.userId)],
);

/** JWT ids already used to sign in from the product: a replayed token is refused. */
export const ssoJtis = pgTable("sso_jtis", {
  jti: text("jti").primaryKey(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** Server-side sessions. The cookie carries a random token; only its SHA-256 is stored here. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(), // sha256(token) hex
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    accountId: uuid("account_id"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    invitedBy: uuid("invited_by").references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("invitations_account_idx").on(t.accountId)],
);

/** API tokens for automation. Only the SHA-256 of the token is stored; scopes e.g. "import:write". */
export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  tokenPrefix: text("token_prefix").notNull(),
  scopes: text("scopes")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/** Append-only record of admin actions (imports, token changes, weight changes, invitations). */
export const auditLog = pgTable("audit_log", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  actorUserId: uuid("actor_user_id"),
  accountId: uuid("account_id"),
  action: text("action").notNull(),
  target: text("target"),
  details: jsonb("details"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Sign-in attempts per email/IP window, for rate limiting. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    key: text("key").notNull(),
    succeeded: boolean("succeeded").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_attempts_key_idx").on(t.key, t.createdAt)],
);

/**
 * OIDC sign-ins in progress: PKCE verifier, nonce and where to go afterwards, keyed by the SHA-256 of the
 * state (which the browser also carries in a signed cookie). Deleted when the callback consumes it: single use.
 */
export const oidcFlows = pgTable("oidc_flows", {
  stateHash: text("state_hash").primaryKey(),
  provider: text("provider").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  nonce: text("nonce").notNull(),
  redirectTo: text("redirect_to").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/**
 * SAML message ids per provider, kept until they expire: "request" = AuthnRequest ids we sent (an answer
 * must name one we still hold, used once), "assertion" = assertion ids already accepted (a replay is refused).
 */
export const samlMessageIds = pgTable(
  "saml_message_ids",
  {
    provider: text("provider").notNull(),
    kind: text("kind").$type<"request" | "assertion">().notNull(),
    messageId: text("message_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.kind, t.messageId] })],
);
