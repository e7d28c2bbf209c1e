import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseTrustProxy } from "./server/trust-proxy";
import { parseEmbedOrigins } from "./server/embed-origins";
import { parseAllowlist } from "#app/learning/webhooks/allowlist.server";
import { OidcProvidersEnv, SamlProvidersEnv } from "#app/auth/idp-config.server";

/** The only place that reads process.env. Fails at start with one line per invalid variable. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .url()
    .startsWith("postgres")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** Read by db/index.ts (no app imports there); validated here so a typo stops the server. */
  DATABASE_PREPARE: z.enum(["true", "false"]).default("true"),
  PGLITE_DIR: z.string().min(1).default("./data/pglite"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** Server processes sharing the port (node:cluster), e.g. one per core. PostgreSQL only: PGlite allows one process. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  SESSION_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  DATA_DIR: z.string().default("./data"),
  CONTENT_DIR: z.string().default("./content"),
  /** Base of every link that leaves the app (invitation and sign-up emails); never taken from the request. */
  PUBLIC_URL: z.string().url().optional(),
  /** Development/tests: also write outgoing mail as JSON files into this folder (app/utils/mail.server.ts). */
  MAIL_OUTBOX_DIR: z.string().min(1).optional(),
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  MAX_UPLOAD_MB: z.coerce.number().positive().default(200),
  /** Days an import's rejected rows keep their original values (the rejected-rows CSV); then reasons only. */
  REJECTED_ROWS_DAYS: z.coerce.number().min(0).default(7),
  /** Hours an uploaded CSV that was never imported stays on disk (an import deletes its file when it ends). */
  UPLOAD_MAX_AGE_HOURS: z.coerce.number().positive().default(24),
  /** Proxies in front of the app whose X-Forwarded-* headers are believed (app/server/trust-proxy.ts). */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const parsed = parseTrustProxy(raw);
      if (!parsed.ok) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.message });
        return z.NEVER;
      }
      return parsed.value;
    }),
  REMIX_DEV_ORIGIN: z.string().optional(),
  PRODUCT_URL: z.string().url().default("https://app.beacon.example"),
  /** Set by the benchmark (bench/lib/server.ts) when it starts the server: serves /bench/bare in production. */
  BENCH_BARE_ROUTE: z.enum(["0", "1"]).default("0"),
  /** Outgoing mail: unset = written to the server log; smtp://user:pass@host:587 or smtps://…:465. */
  SMTP_URL: z
    .string()
    .url()
    .refine((u) => /^smtps?:/.test(u), "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().min(3).default("Uplift Academy <academy@localhost>"),
  /** Sign-in from the product (GET /sso/jwt): HS256 shared secret and/or a JWKS URL for RS256/ES256. */
  SSO_JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SSO_JWT_JWKS_URL: z.string().url().optional(),
  /** The claim carrying the customer account's external id. */
  SSO_JWT_ACCOUNT_CLAIM: z.string().min(1).default("account"),
  SSO_JWT_ISSUER: z.string().optional(),
  SSO_JWT_AUDIENCE: z.string().optional(),
  /** Signs Open Badges credentials (/certificates/<code>.json): a private key as PKCS#8 PEM or JWK JSON (EC P-256, Ed25519 or RSA). Unset = a key generated under DATA_DIR. */
  CREDENTIAL_SIGNING_KEY: z
    .string()
    .min(1)
    .optional()
    .superRefine((value, ctx) => {
      const problem = value === undefined ? null : signingKeyProblem(value);
      if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
    }),
  /** Origins allowed to embed the widget (/embed/*) in an iframe, separated by spaces or commas (CSP frame-ancestors). Unset = nobody. */
  EMBED_ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const parsed = parseEmbedOrigins(raw);
      if (!parsed.ok) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.message });
        return z.NEVER;
      }
      return parsed.origins;
    }),
  /** OpenID Connect identity providers: JSON array, see docs/identity.md. */
  OIDC_PROVIDERS: OidcProvidersEnv,
  /** SAML 2.0 identity providers: JSON array, see docs/identity.md. */
  SAML_PROVIDERS: SamlProvidersEnv,
  /** Private/local webhook targets allowed anyway (on-premises receivers): IPs, CIDRs, host names, *.domain. */
  /** The job scheduler in the server process (reminders, digests, webhook delivery): off for tests and CLIs that start a server. */
  SCHEDULER: z.enum(["on", "off"]).default("on"),
  /**
   * Compute and store the stored views (default impact report, content insights, every course's insights)
   * in the background after the server starts and after imports and content publishes, so no page waits
   * for them (docs/decisions/0007-report-cache.md). Default: on (PostgreSQL and PGlite), off in tests.
   */
  REPORT_WARMUP: z.enum(["on", "off"]).optional(),
  /** A stored view's computation in the view worker that has not answered after this long is stopped (decision 0014). */
  VIEW_WORKER_TIMEOUT_SECONDS: z.coerce.number().min(1).max(86400).default(900),
  /** Seconds between the scheduler's polls for due jobs and webhook deliveries. */
  SCHEDULER_POLL_SECONDS: z.coerce.number().min(0.2).max(3600).default(5),
  /** Seconds between plannings (queuing due reminders and the weekly digests; idempotent). */
  SCHEDULER_PLAN_SECONDS: z.coerce.number().min(0.2).max(86400).default(60),
  WEBHOOK_ALLOWED_HOSTS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        parseAllowlist(value);
      } catch (err) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (err as Error).message });
      }
    }),
});

export type Env = z.infer<typeof EnvSchema> & { SESSION_SECRET: string };

let cached: Env | undefined;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): z.infer<typeof EnvSchema> {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

/** Why CREDENTIAL_SIGNING_KEY cannot sign (checked at start), or null. */
function signingKeyProblem(value: string): string | null {
  const v = value.trim();
  if (v.startsWith("{")) {
    let jwk: { kty?: string; crv?: string; d?: string };
    try {
      jwk = JSON.parse(v) as typeof jwk;
    } catch {
      return "is not valid JSON (give a private JWK or a PKCS#8 PEM)";
    }
    if (!jwk.d) return "the JWK has no private part (d)";
    if (!(
      (jwk.kty === "EC" && jwk.crv === "P-256") ||
      (jwk.kty === "OKP" && jwk.crv === "Ed25519") ||
      jwk.kty === "RSA"
    ))
      return "use an EC P-256, Ed25519 or RSA key";
    return null;
  }
  try {
    const key = crypto.createPrivateKey(v.replace(/\\n/g, "\n"));
    const type = key.asymmetricKeyType;
    if (type === "ec" && key.asymmetricKeyDetails?.namedCurve !== "prime256v1")
      return "EC keys must use the P-256 curve";
    if (type !== "ec" && type !== "ed25519" && type !== "rsa") return "use an EC P-256, Ed25519 or RSA key";
    return null;
  } catch {
    return "is not a private key in PEM form (-----BEGIN PRIVATE KEY-----) nor a private JWK";
  }
}

/** When SESSION_SECRET is unset, generate one under DATA_DIR so restarts keep sessions valid. */
function resolveSessionSecret(env: z.infer<typeof EnvSchema>): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const file = path.resolve(env.DATA_DIR, "session-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString("hex");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  console.warn(
    `[uplift] SESSION_SECRET is not set: generated one and stored it in ${file}. Set SESSION_SECRET in production.`,
  );
  return secret;
}

export function getEnv(): Env {
  if (!cached) {
    const env = parseEnv();
    cached = { ...env, SESSION_SECRET: resolveSessionSecret(env) };
  }
  return cached;
}

/** /bench/bare (the benchmark's framework ceiling) exists in development and tests, and for the benchmark. */
export function benchBareRouteServed(env: Pick<Env, "NODE_ENV" | "BENCH_BARE_ROUTE"> = getEnv()) {
  return env.NODE_ENV !== "production" || env.BENCH_BARE_ROUTE === "1";
}
