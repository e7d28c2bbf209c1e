/** Outgoing webhook event types (shared by the admin UI and the server). */
export const WEBHOOK_EVENTS = [
  "lesson.completed",
  "course.completed",
  "certificate.issued",
  "quiz.submitted",
  // Emitted by the rollup refresh, once per change (app/analytics/signals/account-signals.server.ts).
  "account.stage_reached",
  "account.ready_for_expansion",
  "account.at_risk",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number] | "webhook.test";
