/**
 * The demo customer base generated next to the hand-made demo accounts on first start. A demo, so its
 * planted training effects are stronger than the generator's defaults (DEFAULT_EFFECTS, which tests
 * and npm run validate:impact use) and training runs through three quarters of the window, so the
 * report's default period (the last 12 months) holds enough trained accounts for the effects to show
 * through the noise: the expansion headline's interval excludes 0 for 8 of 10 seeds at this size
 * (npm run validate:impact -- --demo; docs/customer-data.md). Few learners per account keep the first start within a minute on 2 cores.
 * Its window ends with the last complete month.
 */
export const DEMO_DATA = {
  accounts: 800,
  months: 24,
  seed: 42,
  maxLearners: 6,
  trainingWindow: 0.75,
  effects: { expansionPct: 200, churnReductionPct: 60 },
} as const;
/** The report's default period (its last 12 months): the cohorts the demo's headline estimates. */
export const DEMO_COHORT_MONTHS = 12;
