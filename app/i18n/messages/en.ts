/** English UI strings (the source). Keys are grouped by page; de.ts must have the same keys (a unit test checks). */
export const en = {
  nav: {
    skip: "Skip to content", courses: "Courses", myLearning: "My learning", myTeam: "My team", insights: "Content insights",
    report: "Impact report", admin: "Admin", publish: "Publish", settings: "Settings", signOut: "Sign out", signIn: "Sign in", createAccount: "Create account",
    main: "Main", account: "Account", breadcrumb: "Breadcrumb",
  },
  settings: {
    title: "Settings", language: "Language", languageHelp: "Courses and the academy's pages are shown in this language when a translation exists.",
    automatic: "Automatic (from your browser)", save: "Save", saved: "Saved.", invalidLanguage: "Choose one of the listed languages.",
  },
  catalog: {
    welcome: "Welcome", welcomeBack: "Welcome back", grouped: "Courses are grouped by where your team is in its journey.",
    accountStage: "{{account}} is in the {{stage}} stage: courses for it are highlighted below.", learningPath: "Learning path",
    teamStageNow: "Your team's stage now", startWith: "These courses build on earlier ones. Start with", unlocks: ": it unlocks the way here.",
    noCourses: "No courses in this stage yet.",
    stageCopy: { onboarding: "Get set up and productive in your first weeks.", adoption: "Use more of the product, more deeply, across your team.", expansion: "Scale up: advanced features, automation and new use cases." },
  },
  stage: { onboarding: "Onboarding", adoption: "Adoption", expansion: "Expansion" },
  level: { beginner: "beginner", intermediate: "intermediate", advanced: "advanced" },
  card: {
    draft: "Draft", locked: "Locked", completed: "✓ Completed", minutes: "{{count}} min", minutesLeft: "{{count}} min left", progressIn: "Progress in {{title}}",
    viewCertificate: "View certificate", forCourse: " for {{title}}", continue: "Continue where you left off", inCourse: " in {{title}}",
  },
  course: {
    yourProgress: "Your progress", review: "Review course", continue: "Continue", start: "Start course", lessons: "Lessons", completedSr: "Completed. ",
    inLanguage: "Also available in: {{languages}}",
  },
  lesson: {
    ofTotal: "Lesson {{position}} of {{total}} · {{minutes}} min", jumpBack: "Jump back to “{{heading}}”", whereLeft: ", where you left off.",
    objectives: "In this lesson you will", progress: "Course progress", lessonsInCourse: "Lessons in this course", onThisPage: "On this page",
    fallback: "This lesson is not translated into {{language}} yet: it is shown in {{source}}.",
    completed: "✓ Lesson completed", saving: "(saving…)", markComplete: "Mark complete", staffPreview: "Previewing as staff: progress is not recorded.",
    nextLesson: "Continue to the next lesson →", prevSr: "Previous lesson: ", nextSr: "Next lesson: ", lessonsNav: "Lessons",
    quizRequired: "Pass the quiz in this lesson to complete it.", locked: "This course is locked: complete {{courses}} first.",
  },
  quiz: {
    title: "Check your understanding", intro: "Pass mark {{passMark}}%. Answer every question, then submit.",
    passed: "Passed with {{score}}% — lesson complete.", failed: "{{score}}% on attempt {{attempt}}: not yet {{passMark}}%. Review the feedback and try again.",
    chooseAll: "(choose all that apply)", correct: "✓ Correct.", notQuite: "✗ Not quite.", checking: "Checking…", submitAgain: "Submit again", submit: "Submit answers",
    staff: "Previewing as staff: authors and admins can try quizzes; they are graded for learners only.",
    previewIntro: "You are previewing: your attempts are stored as preview attempts and never counted.",
    previewPassed: "Preview attempt {{attempt}}: {{score}}% — passed. Preview attempts are not counted in progress, insights or the report.",
    previewFailed: "Preview attempt {{attempt}}: {{score}}% — below the {{passMark}}% pass mark. Preview attempts are not counted in progress, insights or the report.",
  },
  certificate: {
    completed: "You completed {{title}}", ready: "Your certificate is ready, with a public link anyone can use to verify it.", view: "View certificate",
  },
  lock: {
    title: "This course is locked", and: " and ", completeBefore: "Complete ", toUnlock: " to unlock.",
    buildsOn_one: " first: this course builds on it.", buildsOn_other: " first: this course builds on them.",
  },
  progress: { lessons: "{{value}} of {{max}} lessons · {{pct}}%" },
  feedback: {
    placeholder: "What was unclear or missing?", 
    title: "How helpful was this lesson?", legend: "Rating from 1 (not helpful) to 5 (very helpful)", notHelpful: "Not helpful", veryHelpful: "Very helpful",
    comment: "Comment (optional)", saving: "Saving…", update: "Update feedback", send: "Send feedback", saved: "Thanks — your feedback was saved.",
    surveyTitle: "You finished {{title}}. How likely are you to recommend this course to a colleague?", notLikely: "Not at all likely", veryLikely: "Extremely likely",
    improve: "What should we improve? (optional)", updateAnswer: "Update answer", sendAnswer: "Send answer", thanks: "Thank you!",
  },
  login: {
    title: "Sign in to your academy", tagline: "Learn the product, at your pace, with your team.", withCompany: "Sign in with your company account",
    signInWith: "Sign in with {{provider}}", passwordChanged: "Your password was changed. Sign in with the new one.", email: "Email", password: "Password",
    signingIn: "Signing in…", submit: "Sign in", forgot: "Forgot your password?", newHere: "New here?", create: "Create an account", withWorkEmail: " with your work email.",
    invalidEmail: "Enter a valid email address.", enterPassword: "Enter your password.",
  },
  certificatePage: {
    valid: "Valid certificate.", issuedTo: "Issued by Uplift Academy to {{name}} on {{date}}.", title: "Certificate of completion", certifies: "This certifies that",
    of: "of", completed: "has completed the course", date: "Date", stage: "Stage", id: "Certificate ID", verifyAt: "Verify at {{url}}", print: "Print or save as PDF",
    share: "Share this page's address: anyone can open it to verify the certificate.",
    shareNoJs: "Use your browser's Print command to print it or save it as a PDF. Share this page's address to let anyone verify it.",
    notFound: "Certificate not found", notFoundText: "No certificate issued by Uplift Academy has this code, so it cannot be verified. Check the address for typos.",
  },
  resume: { title: "Continue where you left off", lesson: "Lesson {{number}} of {{count}}: {{title}}", at: "at “{{heading}}”" },
  search: { label: "Search courses and lessons", submit: "Search" },
  assigned: { title: "Assigned to you", lessons: "{{done}} of {{count}} lessons", completed: "Completed", overdue: "Overdue · was due {{date}}", due: "Due {{date}}", noDue: "No due date" },
  history: {
    empty: "Nothing yet: open a course to get started.", started: "Started", completed: "Completed", attempted: "Attempted the quiz in", passed: "Passed the quiz in",
    failed: "Took the quiz in", certified: "Earned the certificate for", rated: "Rated", notPassed: ", not passed", view: "view",
  },
  recommend: { title: "Recommended next", intro: "Picked for you from your team's plan, product usage and progress.", why: "Why this course", start: "Start" },
  profile: {
    title: "My learning", coursesCompleted: "Courses completed", lessonsCompleted: "Lessons completed", certificates: "Certificates",
    minutes: "Minutes learning", noCertificates: "Complete every lesson of a course to earn its certificate.", issued: "Issued {{date}}",
    viewShare: "View and share", certificateFor: " the certificate for {{title}}", inProgress: "In progress", noneInProgress: "No course in progress.",
    browse: "Browse courses", history: "Learning history",
  },
} as const;
