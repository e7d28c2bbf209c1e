import type { Actor, World } from "./actors";
import { unsubscribeToken } from "#app/notifications/preferences.server";

/**
 * Expected outcome per route, per actor, for loaders and actions:
 *  allow  — passes the gate (any answer but a sign-in redirect, 401, 403 or 404)
 *  login  — redirected to /login
 *  deny   — 401, 403 or 404 (404 hides other accounts' resources)
 * Every route module in app/routes must have an entry here: the matrix test fails otherwise.
 */
export type Outcome = "allow" | "login" | "deny";
export type Expectation = Record<Actor, Outcome>;

const all = (o: Outcome): Expectation => ({
  anonymous: o,
  learnerA: o,
  learnerB: o,
  customerAdminA: o,
  author: o,
  csLeader: o,
  admin: o,
  apiToken: o,
  apiTokenNoScope: o,
});
/** Public pages: everyone. */
export const PUBLIC = all("allow");
/** Any signed-in person; token-only callers are anonymous to cookie routes. */
export const SIGNED_IN: Expectation = {
  ...all("allow"),
  anonymous: "login",
  apiToken: "login",
  apiTokenNoScope: "login",
};
/** Learners with a customer account (staff are refused). */
export const LEARNER: Expectation = { ...SIGNED_IN, author: "deny", csLeader: "deny", admin: "deny" };
/** Learners flagged as admin of their own account. */
export const CUSTOMER_ADMIN: Expectation = {
  ...SIGNED_IN,
  learnerA: "deny",
  learnerB: "deny",
  author: "deny",
  csLeader: "deny",
  admin: "deny",
};
export const AUTHORS: Expectation = {
  ...SIGNED_IN,
  learnerA: "deny",
  learnerB: "deny",
  customerAdminA: "deny",
  csLeader: "deny",
};
export const INSIGHTS: Expectation = { ...SIGNED_IN, learnerA: "deny", learnerB: "deny", customerAdminA: "deny" };
export const CS: Expectation = {
  ...SIGNED_IN,
  learnerA: "deny",
  learnerB: "deny",
  customerAdminA: "deny",
  author: "deny",
};
export const ADMIN: Expectation = { ...CS, csLeader: "deny" };
/** Who assigns training: admins, CS leaders and account admins (own account). */
export const ASSIGNERS: Expectation = { ...SIGNED_IN, learnerA: "deny", learnerB: "deny", author: "deny" };
/** Token-authenticated API: needs a token with the right scope; cookies are not accepted. */
export const API: Expectation = { ...all("deny"), apiToken: "allow" };
/** Signed-out-only pages (sign-in, sign-up): signed-in people are redirected home, which is "allow". */
const SIGNED_OUT = PUBLIC;

export interface RoutePolicy {
  /** URL params to call the route with (may depend on the fixture world). */
  params?: (w: World) => Record<string, string>;
  path?: (w: World) => string;
  loader?: Expectation;
  action?: Expectation;
  /** Form fields for the action call. */
  form?: Record<string, string>;
}

export const ROUTE_POLICIES: Record<string, RoutePolicy> = {
  root: { loader: PUBLIC },
  "routes/_index": { loader: SIGNED_IN },
  "routes/login": { loader: SIGNED_OUT, action: PUBLIC },
  "routes/signup": { loader: SIGNED_OUT, action: PUBLIC },
  // Signing out always ends on the sign-in page.
  "routes/logout": { loader: PUBLIC, action: all("login"), form: { intent: "logout" } },
  "routes/$": { loader: { ...all("deny") }, params: () => ({ "*": "nope" }) },
  "routes/healthz": { loader: PUBLIC },
  // Served in development and tests; 404 in production unless the benchmark starts the server (tests/unit/bench-bare-route.test.ts).
  "routes/bench.bare": { loader: PUBLIC, action: PUBLIC, form: { intent: "complete" } },
  "routes/courses.$courseId._index": { loader: SIGNED_IN, params: () => ({ courseId: "fixture-basics" }) },
  "routes/courses.$courseId.$lessonId": {
    params: () => ({ courseId: "fixture-basics", lessonId: "fixture-first" }),
    loader: SIGNED_IN,
    // Completing is for learners; authors and admins may only submit a quiz there (a preview attempt).
    action: { ...LEARNER },
    form: { intent: "complete" },
  },
  // Lesson and overview content as scripts: the same gate as the pages' bodies.
  "routes/courses.$courseId.$lessonId_.body[.]js": {
    loader: SIGNED_IN,
    params: () => ({ courseId: "fixture-basics", lessonId: "fixture-first" }),
  },
  "routes/courses.$courseId.overview[.]js": { loader: SIGNED_IN, params: () => ({ courseId: "fixture-basics" }) },
  "routes/admin._index": { loader: CS },
  "routes/search": { loader: SIGNED_IN, path: () => "/search?q=fixture" },
  "routes/profile": { loader: LEARNER },
  "routes/settings._index": { loader: SIGNED_IN, action: SIGNED_IN, form: { language: "de" } },
  "routes/team": {
    loader: CUSTOMER_ADMIN,
    action: CUSTOMER_ADMIN,
    form: { intent: "invite", email: "matrix-invitee@example.test" },
  },
  "routes/resources.lesson-time": { action: LEARNER, form: { lessonId: "fixture-first", seconds: "5" } },
  // The report is incomplete (no video key): past the gate a learner gets 400, which is "allow" here.
  "routes/resources.video-progress": { action: LEARNER, form: { lessonId: "fixture-first" } },
  // Public by design: the unguessable code / invitation token is the credential.
  "routes/certificates.$code": { loader: PUBLIC, params: (w) => ({ code: w.certificateCode }) },
  "routes/invite.$token": {
    loader: PUBLIC,
    action: PUBLIC,
    params: () => ({ token: "not-a-real-token" }),
    form: { name: "Someone", password: "long enough password" },
  },
  "routes/admin.imports._index": { loader: CS, action: CS },
  "routes/admin.imports.new": {
    loader: { ...CS, csLeader: "deny", admin: "deny" },
    action: { ...CS, csLeader: "deny", admin: "deny" },
    path: () => "/admin/imports/new?upload=00000000-0000-0000-0000-000000000000&kind=accounts",
  },
  "routes/admin.imports.jobs.$jobId": {
    loader: { ...CS, csLeader: "deny", admin: "deny" },
    params: () => ({ jobId: "no-such-job" }),
  },
  "routes/admin.imports.$importId.rejected": {
    loader: { ...CS, csLeader: "deny", admin: "deny" },
    params: () => ({ importId: "00000000-0000-0000-0000-000000000000" }),
  },
  "routes/admin.tokens": { loader: ADMIN, action: ADMIN, form: { intent: "create" } },
  "routes/admin.webhooks": { loader: ADMIN, action: ADMIN, form: { intent: "noop" } },
  // Publish content (issue 21): authors and admins; "noop" is refused with 400 after the gate, publishing nothing.
  "routes/admin.content": { loader: AUTHORS, action: AUTHORS, form: { intent: "noop" } },
  "routes/api.v1.xapi.statements": { loader: API },
  "routes/api.v1.$kind": {
    params: () => ({ kind: "accounts" }),
    loader: PUBLIC /* 405 hint, no data */,
    action: API,
    form: {},
  },
  "routes/api.v1.openapi[.json]": { loader: PUBLIC },
  // Training data for CS/CRM tools (report:read) and the product (learners:read); POST is the accounts import.
  "routes/api.v1.accounts": { loader: API, action: API, form: {} },
  "routes/api.v1.accounts_.$externalId": { loader: API, params: (w) => ({ externalId: w.accountA.externalId }) },
  "routes/api.v1.assignments": { loader: PUBLIC /* 405 hint, no data */, action: API, form: {} },
  // Admins and CS leaders for the account in ?account=; an account admin for their own account only.
  "routes/admin.assignment-rules": { loader: CS, action: CS, form: { accountStage: "onboarding", course: "" } },
  "routes/settings.notifications": { loader: SIGNED_IN, action: SIGNED_IN, form: {} },
  // One-click unsubscribe: public, the signed token is the credential (a forged one is 404 for everyone).
  "routes/unsubscribe.$token": {
    loader: PUBLIC,
    action: PUBLIC,
    params: (w) => ({ token: unsubscribeToken(w.users.learnerB.id, "reminders") }),
  },
  "routes/assignments.new": {
    loader: ASSIGNERS,
    action: ASSIGNERS,
    path: (w) => `/assignments/new?account=${w.accountA.id}`,
    form: {},
  },
  "routes/api.v1.learners.$email.recommendations": { loader: API, params: (w) => ({ email: w.users.learnerA.email }) },
  "routes/api.v1.accounts_.$externalId_.training": {
    loader: API,
    params: (w) => ({ externalId: w.accountA.externalId }),
  },
  "routes/api.v1.report": { loader: API, path: () => "/api/v1/report" },
  // Public by design: the certificate's unguessable code addresses its credential; the key set is public.
  "routes/certificates.$code[.]json": { loader: PUBLIC, params: (w) => ({ code: w.certificateCode }) },
  "routes/[.well-known].jwks[.]json": { loader: PUBLIC },
  // The widget: the product-signed token in the URL is the only credential, cookies are ignored; with a
  // bogus token nobody sees a learner (401, or 501 where product sign-in is not configured, as here).
  // tests/integration/learning/embed-widget.test.ts checks the token gate itself.
  "routes/embed.next": { loader: PUBLIC, path: () => "/embed/next?token=not.a.jwt" },
  "routes/insights._index": { loader: INSIGHTS },
  "routes/insights.courses.$courseId": { loader: INSIGHTS, params: () => ({ courseId: "fixture-basics" }) },
  "routes/insights.export": { loader: INSIGHTS, path: () => "/insights/export?table=courses" },
  "routes/insights.source": {
    loader: INSIGHTS,
    path: () => "/insights/source?path=content/courses/getting-started/course.mdx",
  },
  "routes/report": { loader: CS, path: () => "/report" },
  "routes/report[.]csv": { loader: CS, path: () => "/report.csv?table=summary" },
  "routes/accounts.$accountId": { loader: CS, params: (w) => ({ accountId: w.accountA.id }) },
  "routes/admin.health-weights": { loader: ADMIN, action: ADMIN, form: {} },
  // Identity: public by design where a single-use secret is the credential.
  "routes/forgot-password": { loader: SIGNED_OUT, action: PUBLIC, form: { email: "matrix-nobody@example.test" } },
  "routes/reset-password.$token": {
    loader: PUBLIC,
    action: PUBLIC,
    params: () => ({ token: "not-a-real-token" }),
    form: { password: "long enough password", confirm: "long enough password" },
  },
  "routes/sso.jwt": { loader: PUBLIC, path: () => "/sso/jwt?token=not.a.jwt" },
  "routes/admin.users._index": { loader: ADMIN },
  // OIDC and SAML (one provider of each configured by route-matrix.test.ts): public by design, the IdP's
  // signed answer is the credential. Without one (a bogus callback or assertion) nobody gets in, whatever their role.
  "routes/auth.oidc.$provider.login": { loader: PUBLIC, params: () => ({ provider: "matrix-oidc" }) },
  "routes/auth.oidc.$provider.callback": {
    loader: PUBLIC,
    path: () => "/auth/oidc/matrix-oidc/callback?code=x&state=y",
    params: () => ({ provider: "matrix-oidc" }),
  },
  "routes/auth.saml.$provider.metadata": { loader: PUBLIC, params: () => ({ provider: "matrix-saml" }) },
  "routes/auth.saml.$provider.login": { loader: PUBLIC, params: () => ({ provider: "matrix-saml" }) },
  // The ACS loader only sends a visitor to /login; its action refuses an unverifiable assertion (401) for everyone.
  "routes/auth.saml.$provider.acs": {
    loader: all("login"),
    action: all("deny"),
    params: () => ({ provider: "matrix-saml" }),
    form: { SAMLResponse: "PG5vdC1zYW1sLz4=" },
  },
  // SCIM: bearer token with the scim scope; the matrix's API token carries every scope it needs.
  "routes/scim.v2.Users": { loader: API, action: API, form: {} },
  "routes/scim.v2.Users_.$id": { loader: API, action: API, params: (w) => ({ id: w.users.learnerA.id }), form: {} },
  "routes/admin.users.$userId": {
    loader: ADMIN,
    action: ADMIN,
    params: (w) => ({ userId: w.users.learnerB.id }),
    form: { intent: "noop" },
  },
};
