import type { en } from "./en";

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** German UI strings. Typed against en.ts: a missing or extra key fails the typecheck. */
export const de: Shape<typeof en> = {
  nav: {
    skip: "Zum Inhalt springen", courses: "Kurse", myLearning: "Mein Lernen", myTeam: "Mein Team", insights: "Inhaltsanalyse",
    report: "Wirkungsbericht", admin: "Verwaltung", publish: "Veröffentlichen", settings: "Einstellungen", language: "Sprache", emailSettings: "E-Mail-Einstellungen", signOut: "Abmelden", signIn: "Anmelden", createAccount: "Konto erstellen",
    main: "Hauptnavigation", account: "Konto", breadcrumb: "Brotkrümelnavigation",
  },
  settings: {
    title: "Einstellungen", language: "Sprache", languageHelp: "Kurse und die Seiten der Academy werden in dieser Sprache angezeigt, wenn eine Übersetzung vorliegt.",
    automatic: "Automatisch (aus Ihrem Browser)", save: "Speichern", saved: "Gespeichert.", invalidLanguage: "Wählen Sie eine der aufgeführten Sprachen.",
  },
  catalog: {
    welcome: "Willkommen", welcomeBack: "Willkommen zurück", grouped: "Die Kurse sind danach gruppiert, wo Ihr Team auf seinem Weg steht.",
    accountStage: "{{account}} ist in der Phase {{stage}}: Die Kurse dafür sind unten hervorgehoben.", learningPath: "Lernpfad",
    teamStageNow: "Aktuelle Phase Ihres Teams", startWith: "Diese Kurse bauen aufeinander auf. Beginnen Sie mit", unlocks: ": Er ebnet Ihnen den Weg.",
    noCourses: "In dieser Phase gibt es noch keine Kurse.",
    stageCopy: { onboarding: "Einrichten und in den ersten Wochen produktiv werden.", adoption: "Mehr vom Produkt nutzen, tiefer und im ganzen Team.", expansion: "Skalieren: fortgeschrittene Funktionen, Automatisierung und neue Anwendungsfälle." },
  },
  stage: { onboarding: "Einstieg", adoption: "Nutzung", expansion: "Ausbau" },
  level: { beginner: "Einsteiger", intermediate: "Fortgeschritten", advanced: "Experten" },
  card: {
    draft: "Entwurf", locked: "Gesperrt", completed: "✓ Abgeschlossen", minutes: "{{count}} Min.", minutesLeft: "noch {{count}} Min.", progressIn: "Fortschritt in {{title}}",
    viewCertificate: "Zertifikat ansehen", forCourse: " für {{title}}", continue: "Dort weitermachen, wo Sie aufgehört haben", inCourse: " in {{title}}",
  },
  course: {
    yourProgress: "Ihr Fortschritt", review: "Kurs wiederholen", continue: "Weiter", start: "Kurs starten", lessons: "Lektionen", completedSr: "Abgeschlossen. ",
    inLanguage: "Auch verfügbar auf: {{languages}}",
  },
  lesson: {
    ofTotal: "Lektion {{position}} von {{total}} · {{minutes}} Min.", jumpBack: "Zurück zu „{{heading}}“", whereLeft: ", wo Sie aufgehört haben.",
    objectives: "In dieser Lektion werden Sie", progress: "Kursfortschritt", lessonsInCourse: "Lektionen in diesem Kurs", onThisPage: "Auf dieser Seite",
    fallback: "Diese Lektion ist noch nicht auf {{language}} übersetzt: Sie wird auf {{source}} angezeigt.",
    completed: "✓ Lektion abgeschlossen", saving: "(wird gespeichert…)", markComplete: "Als abgeschlossen markieren", staffPreview: "Vorschau als Mitarbeiter: Der Fortschritt wird nicht erfasst.",
    nextLesson: "Weiter zur nächsten Lektion →", prevSr: "Vorherige Lektion: ", nextSr: "Nächste Lektion: ", lessonsNav: "Lektionen",
    quizRequired: "Bestehen Sie das Quiz in dieser Lektion, um sie abzuschließen.", locked: "Dieser Kurs ist gesperrt: Schließen Sie zuerst {{courses}} ab.",
  },
  quiz: {
    title: "Prüfen Sie Ihr Verständnis", intro: "Bestehensgrenze {{passMark}} %. Beantworten Sie alle Fragen und senden Sie dann ab.",
    passed: "Bestanden mit {{score}} % – Lektion abgeschlossen.", passedWatch: "Bestanden mit {{score}} %. Sehen Sie sich das Video an, um die Lektion abzuschließen (siehe unten).", failed: "{{score}} % im {{attempt}}. Versuch: noch nicht {{passMark}} %. Lesen Sie die Hinweise und versuchen Sie es erneut.",
    chooseAll: "(alle zutreffenden auswählen)", correct: "✓ Richtig.", notQuite: "✗ Nicht ganz.", checking: "Wird geprüft…", submitAgain: "Erneut absenden", submit: "Antworten absenden",
    staff: "Vorschau als Mitarbeiter: Autoren und Admins können Quizze ausprobieren; bewertet werden sie nur für Lernende.",
    previewIntro: "Sie sehen eine Vorschau: Ihre Versuche werden als Vorschauversuche gespeichert und nie mitgezählt.",
    previewPassed: "Vorschauversuch {{attempt}}: {{score}} % – bestanden. Vorschauversuche zählen nicht für Fortschritt, Analysen oder den Bericht.",
    previewFailed: "Vorschauversuch {{attempt}}: {{score}} % – unter der Bestehensgrenze von {{passMark}} %. Vorschauversuche zählen nicht für Fortschritt, Analysen oder den Bericht.",
  },
  certificate: {
    completed: "Sie haben {{title}} abgeschlossen", ready: "Ihr Zertifikat ist fertig, mit einem öffentlichen Link, über den jeder es prüfen kann.", view: "Zertifikat ansehen",
  },
  lock: {
    title: "Dieser Kurs ist gesperrt", and: " und ", completeBefore: "Schließen Sie ", toUnlock: " ab, um ihn freizuschalten.",
    buildsOn_one: " zuerst ab: Dieser Kurs baut darauf auf.", buildsOn_other: " zuerst ab: Dieser Kurs baut darauf auf.",
  },
  progress: { lessons: "{{value}} von {{max}} Lektionen · {{pct}} %" },
  feedback: {
    placeholder: "Was war unklar oder fehlte?", 
    title: "Wie hilfreich war diese Lektion?", legend: "Bewertung von 1 (nicht hilfreich) bis 5 (sehr hilfreich)", notHelpful: "Nicht hilfreich", veryHelpful: "Sehr hilfreich",
    comment: "Kommentar (optional)", saving: "Wird gespeichert…", update: "Feedback aktualisieren", send: "Feedback senden", saved: "Danke – Ihr Feedback wurde gespeichert.",
    surveyTitle: "Sie haben {{title}} abgeschlossen. Wie wahrscheinlich ist es, dass Sie diesen Kurs einer Kollegin oder einem Kollegen empfehlen?", notLikely: "Sehr unwahrscheinlich", veryLikely: "Sehr wahrscheinlich",
    improve: "Was sollten wir verbessern? (optional)", updateAnswer: "Antwort aktualisieren", sendAnswer: "Antwort senden", thanks: "Vielen Dank!",
  },
  login: {
    title: "Bei Ihrer Academy anmelden", tagline: "Lernen Sie das Produkt kennen, in Ihrem Tempo, mit Ihrem Team.", withCompany: "Mit Ihrem Firmenkonto anmelden",
    signInWith: "Mit {{provider}} anmelden", passwordChanged: "Ihr Passwort wurde geändert. Melden Sie sich mit dem neuen an.", email: "E-Mail", password: "Passwort",
    signingIn: "Anmeldung läuft…", submit: "Anmelden", forgot: "Passwort vergessen?", newHere: "Neu hier?", create: "Konto erstellen", withWorkEmail: " mit Ihrer geschäftlichen E-Mail-Adresse.",
    invalidEmail: "Geben Sie eine gültige E-Mail-Adresse ein.", enterPassword: "Geben Sie Ihr Passwort ein.",
  },
  certificatePage: {
    valid: "Gültiges Zertifikat.", issuedTo: "Ausgestellt von der Uplift Academy für {{name}} am {{date}}.", issuedToUntil: "Ausgestellt von der Uplift Academy für {{name}} am {{date}}, gültig bis {{until}}.",
    revoked: "Widerrufenes Zertifikat.", revokedText: "Die Uplift Academy hat dieses Zertifikat am {{date}} widerrufen: Es ist nicht mehr gültig.",
    expired: "Abgelaufenes Zertifikat.", expiredText: "Es war gültig bis {{date}}. Wer den Kurs erneut abschließt, erneuert es.", expiredLabel: "Abgelaufen", validUntil: "Gültig bis",
    linkedIn: "Zum LinkedIn-Profil hinzufügen", openBadges: "Open-Badges-Nachweis (JSON)", title: "Teilnahmezertifikat", certifies: "Hiermit wird bestätigt, dass",
    of: "von", completed: "den folgenden Kurs abgeschlossen hat", date: "Datum", stage: "Phase", id: "Zertifikats-ID", verifyAt: "Prüfen unter {{url}}", print: "Drucken oder als PDF speichern",
    share: "Teilen Sie die Adresse dieser Seite: Jeder kann sie öffnen, um das Zertifikat zu prüfen.",
    shareNoJs: "Drucken Sie die Seite mit dem Druckbefehl Ihres Browsers oder speichern Sie sie als PDF. Teilen Sie die Adresse dieser Seite, damit jeder sie prüfen kann.",
    notFound: "Zertifikat nicht gefunden", notFoundText: "Kein von der Uplift Academy ausgestelltes Zertifikat hat diesen Code, daher kann es nicht geprüft werden. Prüfen Sie die Adresse auf Tippfehler.",
  },
  resume: { title: "Dort weitermachen, wo Sie aufgehört haben", lesson: "Lektion {{number}} von {{count}}: {{title}}", at: "bei „{{heading}}“" },
  search: { label: "Kurse und Lektionen durchsuchen", submit: "Suchen" },
  assigned: { title: "Ihnen zugewiesen", lessons: "{{done}} von {{count}} Lektionen", completed: "Abgeschlossen", overdue: "Überfällig · fällig war {{date}}", due: "Fällig {{date}}", noDue: "Kein Fälligkeitsdatum" },
  history: {
    empty: "Noch nichts: Öffnen Sie einen Kurs, um zu beginnen.", started: "Begonnen:", completed: "Abgeschlossen:", attempted: "Quiz versucht in", passed: "Quiz bestanden in",
    failed: "Quiz abgelegt in", certified: "Zertifikat erhalten für", rated: "Bewertet:", notPassed: ", nicht bestanden", view: "ansehen",
  },
  recommend: { title: "Als Nächstes empfohlen", intro: "Für Sie ausgewählt nach Plan, Produktnutzung und Fortschritt Ihres Teams.", why: "Warum dieser Kurs", start: "Starten" },
  profile: {
    title: "Mein Lernen", coursesCompleted: "Abgeschlossene Kurse", lessonsCompleted: "Abgeschlossene Lektionen", certificates: "Zertifikate",
    minutes: "Lernminuten", noCertificates: "Schließen Sie alle Lektionen eines Kurses ab, um sein Zertifikat zu erhalten.", issued: "Ausgestellt am {{date}}", validUntil: "gültig bis {{date}}", expired: "Abgelaufen am {{date}}:", retake: "Kurs erneut abschließen", toRenew: ", um es zu erneuern.", revoked: "Widerrufen",
    viewShare: "Ansehen und teilen", certificateFor: " das Zertifikat für {{title}}", inProgress: "In Bearbeitung", noneInProgress: "Kein Kurs in Bearbeitung.",
    browse: "Kurse ansehen", history: "Lernverlauf",
  },
};
