/** Outgoing webhook event types (shared by the admin UI and the server). */
export const WEBHOOK_EVENTS = ["lesson.completed", "course.completed", "certificate.issued", "quiz.submitted"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number] | "webhook.test";
