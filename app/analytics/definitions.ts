/**
 * Plain-language definitions of every figure in the impact report. One source: the report shows these
 * as help text, and tests/unit/analytics/definitions.test.ts checks that each metric's docstring in
 * metrics.ts / statistics.ts quotes its formula verbatim, so code and help cannot drift apart.
 */
/**
 * How many months an input of the health score keeps its last observed value when its source has no
 * data for a month (e.g. usage data arrives later than support data). Two: a quarter-old reading is
 * still a fair guide; anything older is left out instead, and the score says which month it is as of.
 */
export const HEALTH_CARRY_FORWARD_MONTHS = 2;

export const DEFINITIONS = {
  dataCoverage: {
    label: "Data coverage (\u201cdata through\u201d)",
    formula:
      "For each source (revenue, product usage, support, feedback, community, marketing), the months from its first to its last dated record. A month outside a source's coverage is unobserved: figures built on that source are empty there, never 0. Training activity is not customer data and never extends coverage.",
  },
  reportPeriod: {
    label: "Report period",
    formula:
      "By default the last 12 complete months covered by revenue data (the current month is never complete). A period with months outside the revenue data is refused rather than computed as if nothing changed in them.",
  },
  revenueAt: {
    label: "Revenue (MRR) at a date",
    formula:
      "Revenue at date D = sum of the monthly recurring revenue of subscription lines that started on or before D and had not ended on D (end date empty or after D).",
  },
  baseExpansionRate: {
    label: "Base expansion rate",
    formula:
      "Revenue at period end from accounts that were customers at period start ÷ their revenue at period start × 100. Customers acquired during the period are excluded; over 100% means the existing base grew.",
  },
  grossRevenueRetention: {
    label: "Gross revenue retention (GRR)",
    formula:
      "For accounts that were customers at period start: sum over accounts of the smaller of revenue at period end and revenue at period start ÷ revenue at period start × 100. Growth is not counted, so GRR is at most 100%.",
  },
  expansionByType: {
    label: "Expansion revenue by type",
    formula:
      "Sum of the revenue movements dated inside the period, by type (upsell, cross-sell, add-on, seat growth, usage growth), shown as annual recurring revenue (MRR change × 12). Contraction and churn are the movements that reduced revenue.",
  },
  churnRate: {
    label: "Churn",
    formula:
      "Accounts that were customers at period start and have no revenue at period end ÷ accounts that were customers at period start × 100.",
  },
  seatUtilization: {
    label: "Seat utilization",
    formula:
      "Active users in the month ÷ seats paid for at the start of the month × 100. Active users = the highest number of active users reported for any one feature that month. Empty (no data) in months product usage data does not cover.",
  },
  featureBreadth: {
    label: "Feature breadth",
    formula: "Purchased features used at least once in the month ÷ features purchased × 100.",
  },
  adoption: {
    label: "Adoption",
    formula:
      "Average monthly seat utilization over the months of the period in which the account had seats and product usage data covers the month. Empty when usage data covers none of them.",
  },
  healthScore: {
    label: "Health score",
    formula:
      "Weighted average (0–100) of five inputs for the month: product usage, support cases, customer feedback, community participation and marketing engagement. An input whose source has no data that month keeps its last observed value for up to 2 months (shown with the month it is as of); inputs still without data are left out and the remaining weights rescaled. Red below 40, yellow 40–69, green 70 and above.",
  },
  learners: {
    label: "Learners",
    formula: "People at the account who completed at least one lesson.",
  },
  seatCoverage: {
    label: "Seat coverage",
    formula: "Learners ÷ seats × 100.",
  },
  courseCompletions: {
    label: "Course completions",
    formula:
      "Learner-course pairs where the learner completed every current lesson of the course; dated by the last lesson completed.",
  },
  completionRate: {
    label: "Completion rate",
    formula: "Course completions ÷ courses started (a learner opening a course's first lesson) × 100.",
  },
  stageReached: {
    label: "Stage reached",
    formula:
      "The latest lifecycle stage (onboarding → adoption → expansion) in which at least one of the account's learners completed a course.",
  },
  trainedAccount: {
    label: "Trained account",
    formula:
      "An account whose learners completed training before the period starts, by the chosen definition: any course completed, an adoption-stage course completed, or seat coverage at or above the threshold.",
  },
  populations: {
    label: "Populations",
    formula:
      "The headline tiles, the trained vs untrained comparison, training reach and the stage funnel all count the same accounts: those that were customers at period start (revenue above zero on the first day), split into trained and untrained. A figure on another population says so next to it.",
  },
  stageFunnel: {
    label: "Stage funnel",
    formula:
      "Of the accounts that were customers at period start, by period end: accounts with a learner → a learner started an onboarding course → completed an onboarding course → also completed an adoption-stage course → also completed an expansion-stage course. Each step counts the accounts of the step before that also passed it.",
  },
  proportionInterval: {
    label: "Intervals for shares of accounts",
    formula:
      "A share of accounts (e.g. churned, expanded) has a 95% Wilson score interval; the difference between the trained and untrained shares has Newcombe's hybrid score interval (method 10). Both stay meaningful with zero events. No figure is shown for a group of fewer than 10 accounts.",
  },
  differenceOfMeans: {
    label: "Difference (trained − untrained)",
    formula:
      "Mean of the trained cohort minus mean of the untrained cohort, with a 95% confidence interval from Welch's t-test (unequal variances). Rates of a cohort (base expansion rate, GRR) use the ratio of sums with a delta-method standard error. When every account has the same value the interval cannot be estimated, and none is shown.",
  },
  adjustedDifference: {
    label: "Adjusted for segment and plan tier",
    formula:
      "The trained − untrained difference computed separately within each segment × plan tier group that has at least 2 accounts in both cohorts, then averaged with weights equal to the number of accounts in the group. Compares like with like, because bigger accounts both train more and expand more.",
  },
  correlation: {
    label: "Correlation",
    formula:
      "Pearson r (linear) and Spearman ρ (rank, robust to outliers) across accounts, with a 95% confidence interval from Fisher's z transformation. Not shown for fewer than 10 accounts. Descriptive only: trained and untrained accounts are pooled and nothing is adjusted, so a correlation says nothing about what training causes; the training-impact design answers that.",
  },
  courseImpact: {
    label: "Per-course impact",
    formula:
      "For each course: accounts whose first learner completed it in a month of the period, against accounts of the same segment and the same stage reached in the month before that had not (yet) completed it, over the same calendar months (staggered difference-in-differences). Outcome: adoption of the features the course teaches that the account's plan includes (active users ÷ seats, averaged over those features), change since the month before completion, averaged over months 0 to 6. q = Benjamini–Hochberg adjusted p-value across courses; courses are ranked only when no two intervals overlap. For onboarding courses the first completion is also the start of training, so their figure includes training's general effect.",
  },
  impactDesign: {
    label: "Training impact (staggered design)",
    formula:
      "Each account trained in the period (training month = its first completion under the chosen definition) is compared month by month, from 6 months before to 12 months after training, with accounts of the same segment not trained by then (never trained, or trained later), on the change of each outcome since the month before training (Callaway & Sant'Anna 2021). Months before training (−6…−2) are a placebo check: only where their level (mean) and trend (slope) are jointly indistinguishable from 0 (Wald test with a small-sample F reference, p ≥ 0.05) is the result called an estimated effect, otherwise an association. Overall = average over trained accounts of months 0 to 12. 95% intervals from influence functions summed per account, with Student t quantiles whose degrees of freedom come from the effective number of accounts the estimate's weights rest on (few when a few large accounts or a few comparison accounts carry it); the minimum detectable effect is (t₀.₉₇₅ + t₀.₈₀) × standard error (80% power at the 5% level; 1.96 + 0.84 with many accounts).",
  },
  impactOutcomes: {
    label: "Impact outcomes",
    formula:
      "Expansion: net MRR change from the month before training to month t as a % of MRR in the month before training (a churned account counts −100%), accounts weighted equally and, separately, weighted by that MRR. Seat utilization, feature adoption (breadth) and health score: change in points from the month before training. Churn: share of accounts with no revenue at month t. Only accounts that were customers in the month before training; a month without data from a source leaves the account out of that month's comparison.",
  },
  balance: {
    label: "Covariate balance",
    formula:
      "Standardized mean difference (Austin 2011) of each pre-training characteristic between trained accounts (in the month before training) and their comparison accounts (same month): (mean trained − mean comparison) ÷ √((variance trained + variance comparison) ÷ 2). Before weighting, and after weighting comparison accounts to the trained accounts' segment mix and by inverse propensity (logistic regression on all characteristics). |SMD| below 0.1 is the usual bar for balance.",
  },
  readyForExpansion: {
    label: "Ready for expansion",
    formula:
      "Customers at period end with green health, seat utilization of at least 80%, an adoption-stage course completed, and no expansion movement in the 6 months before period end.",
  },
  atRisk: {
    label: "At risk",
    formula:
      "Customers at period end whose health is red or fell by 10 points or more over 3 months, and who also have rising support cases (last 3 months more than the 3 before) or no training activity in the last 3 months.",
  },
} as const;

export type DefinitionKey = keyof typeof DEFINITIONS;
