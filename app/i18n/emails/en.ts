/** English email strings (the source). Server-only: never sent to the browser. de.ts must have the same keys. */
export const en = {
  hello: "Hello {{name}},",
  helloPlain: "Hello,",
  orOpen: "Or open this link: {{url}}",
  unsubscribe: {
    line: "You receive {{what}}. Unsubscribe: {{url}} · All email settings: {{settingsUrl}}",
    youReceive: "You receive {{what}}.",
    link: "Unsubscribe",
    settings: "Email settings",
    assignmentReminders: "assignment reminders",
    courseReminders: "course reminders",
  },
  invitation: {
    subject: "You're invited to the {{team}} team on {{academy}}",
    body: "{{inviter}} invited you to join {{team}} on {{academy}}, where you can learn the product at your own pace.",
    yourTeam: "Your team",
    action: "Accept the invitation",
    footer: "The link works for {{count}} days. If you did not expect this, ignore this email.",
    existingSubject: "{{inviter}} invited you to the {{team}} academy",
    existingBody:
      "{{inviter}} invited you to learn with {{team}} on {{academy}}.\n\nYou already have an {{academy}} account with this email, so there is nothing to accept: sign in here:\n{{url}}\n\nIf your account belongs to another company's academy and you want to move, reply to {{inviter}}.",
  },
  reset: {
    subject: "Reset your {{academy}} password",
    body: "Someone (hopefully you) asked to reset the password of your academy account.",
    action: "Choose a new password",
    footer:
      "The link works once, for {{minutes}} minutes. If you did not ask for it, ignore this email: your password stays as it is.",
  },
  certificate: {
    subject: "Your certificate: {{course}}",
    greeting: "Congratulations {{name}},",
    body: 'You completed "{{course}}". Your certificate can be verified by anyone with this link.',
    action: "View your certificate",
  },
  dueSoon: {
    subject: "Due {{date}}: {{course}}",
    body: 'The course "{{course}}" assigned to you is due on {{date}}.',
  },
  overdue: {
    subject: "Overdue: {{course}}",
    body: 'The course "{{course}}" assigned to you was due on {{date}} and is not completed yet.',
  },
  continueCourse: "Continue the course",
  expiring: {
    subject: "Your certificate expires {{date}}: {{course}}",
    body: 'Your certificate for "{{course}}" expires on {{date}}.',
    renew:
      "When it has expired, take the course again to renew it: your certificate keeps its code and link ({{url}}) and gets new dates",
    action: "Recertify",
  },
} as const;
