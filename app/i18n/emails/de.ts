import type { Shape } from "../translate";
import type { en } from "./en";

/** German email strings. Typed against en.ts: a missing or extra key fails the typecheck. */
export const de: Shape<typeof en> = {
  hello: "Hallo {{name}},",
  helloPlain: "Hallo,",
  orOpen: "Oder öffnen Sie diesen Link: {{url}}",
  unsubscribe: {
    line: "Sie erhalten {{what}}. Abmelden: {{url}} · Alle E-Mail-Einstellungen: {{settingsUrl}}",
    youReceive: "Sie erhalten {{what}}.",
    link: "Abmelden",
    settings: "E-Mail-Einstellungen",
    assignmentReminders: "Erinnerungen an zugewiesene Kurse",
    courseReminders: "Kurserinnerungen",
  },
  invitation: {
    subject: "Einladung ins Team {{team}} bei {{academy}}",
    body: "{{inviter}} hat Sie zu {{team}} bei {{academy}} eingeladen. Dort lernen Sie das Produkt in Ihrem eigenen Tempo.",
    yourTeam: "Ihr Team",
    action: "Einladung annehmen",
    footer:
      "Der Link ist {{count}} Tage gültig. Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese E-Mail.",
    existingSubject: "{{inviter}} hat Sie in die Academy von {{team}} eingeladen",
    existingBody:
      "{{inviter}} hat Sie eingeladen, mit {{team}} bei {{academy}} zu lernen.\n\nSie haben mit dieser E-Mail-Adresse bereits ein Konto bei {{academy}}, es gibt also nichts anzunehmen. Melden Sie sich hier an:\n{{url}}\n\nWenn Ihr Konto zur Academy eines anderen Unternehmens gehört und Sie wechseln möchten, antworten Sie {{inviter}}.",
  },
  reset: {
    subject: "Ihr Passwort für {{academy}} zurücksetzen",
    body: "Jemand (hoffentlich Sie) hat verlangt, das Passwort Ihres Academy-Kontos zurückzusetzen.",
    action: "Neues Passwort wählen",
    footer:
      "Der Link funktioniert einmal, {{minutes}} Minuten lang. Wenn Sie ihn nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.",
  },
  certificate: {
    subject: "Ihr Zertifikat: {{course}}",
    greeting: "Herzlichen Glückwunsch, {{name}},",
    body: "Sie haben „{{course}}“ abgeschlossen. Mit diesem Link kann jeder Ihr Zertifikat prüfen.",
    action: "Zertifikat ansehen",
  },
  dueSoon: {
    subject: "Fällig am {{date}}: {{course}}",
    body: "Der Ihnen zugewiesene Kurs „{{course}}“ ist am {{date}} fällig.",
  },
  overdue: {
    subject: "Überfällig: {{course}}",
    body: "Der Ihnen zugewiesene Kurs „{{course}}“ war am {{date}} fällig und ist noch nicht abgeschlossen.",
  },
  continueCourse: "Kurs fortsetzen",
  expiring: {
    subject: "Ihr Zertifikat läuft am {{date}} ab: {{course}}",
    body: "Ihr Zertifikat für „{{course}}“ läuft am {{date}} ab.",
    renew:
      "Wenn es abgelaufen ist, absolvieren Sie den Kurs erneut, um es zu erneuern: Ihr Zertifikat behält Code und Link ({{url}}) und erhält neue Daten",
    action: "Erneut zertifizieren",
  },
};
