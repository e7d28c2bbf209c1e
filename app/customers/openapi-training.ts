import { err, nullable } from "./openapi-parts";

/** OpenAPI paths of the training-data endpoints (report:read, learners:read); merged in ./openapi.ts. */
const byStage = {
  type: "object",
  properties: { onboarding: { type: "integer" }, adoption: { type: "integer" }, expansion: { type: "integer" } },
};

const accountTraining = {
  type: "object",
  required: [
    "externalId",
    "name",
    "learners",
    "activeLearners",
    "courseCompletions",
    "courseCompletionsByStage",
    "stageReached",
    "health",
  ],
  properties: {
    externalId: { type: "string", description: "The CRM id the accounts import uses." },
    name: { type: "string" },
    status: { type: "string", enum: ["active", "churned"] },
    lifecycleStage: { type: "string", description: "The account's lifecycle stage as imported from the CRM." },
    stageReached: {
      type: "string",
      enum: ["none", "onboarding", "adoption", "expansion"],
      description: "Latest stage in which a learner completed a course.",
    },
    people: { type: "integer", description: "People of the account with a learner login." },
    learners: { type: "integer", description: "People who completed at least one lesson." },
    activeLearners: { type: "integer", description: "People whose lesson progress changed in the last 30 days." },
    seats: nullable({ type: "integer" }),
    seatCoverage: nullable({ type: "number", description: "learners ÷ seats × 100" }),
    lessonCompletions: { type: "integer" },
    courseCompletions: { type: "integer" },
    courseCompletionsByStage: byStage,
    lastActivityAt: nullable({ type: "string", format: "date-time" }),
    health: nullable({
      type: "object",
      properties: {
        score: { type: "number" },
        band: nullable({ type: "string", enum: ["red", "yellow", "green"] }),
        asOf: nullable({ type: "string", format: "date", description: "Newest month whose data the score uses." }),
      },
    }),
  },
};
const dataThrough = {
  type: "object",
  description: "The last day each source covers (null = no data); training is live (the request's time).",
  properties: {
    training: { type: "string", format: "date-time" },
    ...Object.fromEntries(
      ["customerData", "revenue", "usage", "support", "feedback", "community", "marketing"].map((k) => [
        k,
        nullable({ type: "string", format: "date" }),
      ]),
    ),
  },
};
const certificate = {
  type: "object",
  required: ["code", "courseId", "issuedAt", "status"],
  properties: {
    code: { type: "string" },
    courseId: { type: "string" },
    courseTitle: { type: "string" },
    stage: { type: "string" },
    issuedAt: { type: "string", format: "date-time" },
    expiresAt: nullable({ type: "string", format: "date-time" }),
    revokedAt: nullable({ type: "string", format: "date-time" }),
    status: { type: "string", enum: ["valid", "expired", "revoked"] },
  },
};
const common = { 401: err("Missing, unknown or revoked token") };

/**
 * The answers of the two one-account endpoints: the account's figures plus `extra` properties, and its
 * learners, whose `certificates` is a count on one endpoint and the list itself on the other.
 */
function accountResponses(extra: Record<string, unknown>, certificates: Record<string, unknown>) {
  const learner = {
    type: "object",
    properties: {
      email: { type: "string" },
      name: { type: "string" },
      lessonsCompleted: { type: "integer" },
      coursesCompleted: { type: "integer" },
      lastActivityAt: nullable({ type: "string", format: "date-time" }),
      certificates,
    },
  };
  const account = {
    ...accountTraining,
    properties: { ...accountTraining.properties, ...extra, learnerDetails: { type: "array", items: learner } },
  };
  return {
    200: {
      description: "The account",
      content: {
        "application/json": {
          schema: { type: "object", properties: { account, dataThrough, definitions: { type: "object" } } },
        },
      },
    },
    400: err("Invalid external id"),
    ...common,
    403: err("Token lacks the report:read scope"),
    404: err("No account has this external id"),
  };
}

export const trainingPaths: Record<string, Record<string, unknown>> = {
  "/api/v1/accounts": {
    get: {
      summary: "Accounts with their training figures (paged)",
      security: [{ bearer: ["report:read"] }],
      description:
        "Ordered by external id. Follow `next` until it is null. Counts come from the same rollups as the impact report and the account page.",
      parameters: [
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
        {
          name: "cursor",
          in: "query",
          description: "The cursor of the previous page's `next` link (an external id).",
          schema: { type: "string" },
        },
      ],
      responses: {
        200: {
          description: "A page",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  accounts: { type: "array", items: accountTraining },
                  next: nullable({ type: "string" }),
                  dataThrough,
                  definitions: { type: "object" },
                },
              },
            },
          },
        },
        400: err("Unknown or invalid query parameter"),
        ...common,
        403: err("Token lacks the report:read scope"),
      },
    },
  },
  "/api/v1/accounts/{externalId}": {
    get: {
      summary: "One account's training figures and its learners",
      security: [{ bearer: ["report:read"] }],
      parameters: [{ name: "externalId", in: "path", required: true, schema: { type: "string" } }],
      responses: accountResponses({}, { type: "integer" }),
    },
  },
  "/api/v1/accounts/{externalId}/training": {
    get: {
      summary:
        "One account's training for CS and CRM tools: figures, training dates, learners with progress and certificates",
      security: [{ bearer: ["report:read"] }],
      description:
        "The figures of /api/v1/accounts/{externalId} plus trainingStartedOn, trainingDate and stageFirstCompletedOn, and each learner's certificates with status (valid, expired, revoked). Recipes: docs/crm-recipes.md.",
      parameters: [{ name: "externalId", in: "path", required: true, schema: { type: "string" } }],
      responses: accountResponses(
        {
          trainingStartedOn: nullable({ type: "string", format: "date", description: "First lesson completion." }),
          trainingDate: nullable({ type: "string", format: "date", description: "First course completion." }),
          stageFirstCompletedOn: {
            type: "object",
            properties: Object.fromEntries(
              ["onboarding", "adoption", "expansion"].map((k) => [k, nullable({ type: "string", format: "date" })]),
            ),
          },
        },
        { type: "array", items: certificate },
      ),
    },
  },
  "/api/v1/report": {
    get: {
      summary: "The impact report as JSON: exactly what `npm run report --format json` prints",
      security: [{ bearer: ["report:read"] }],
      description:
        "Same filters as the report page and the CLI; without from/to the period defaults to the data's last 12 months. Figures a sample cannot support are { notEnoughData: reason } instead of a number.",
      parameters: [
        { name: "from", in: "query", schema: { type: "string", format: "date" } },
        { name: "to", in: "query", schema: { type: "string", format: "date" } },
        ...["segment", "planTier", "country", "csm"].map((name) => ({ name, in: "query", schema: { type: "string" } })),
        { name: "stage", in: "query", schema: { type: "string", enum: ["onboarding", "adoption", "expansion"] } },
        {
          name: "trained",
          in: "query",
          schema: { type: "string", enum: ["any", "adoption", "coverage"], default: "any" },
        },
        {
          name: "coverage",
          in: "query",
          description: "Seat-coverage threshold (%) for trained=coverage.",
          schema: { type: "number", default: 20 },
        },
        { name: "x", in: "query", description: "Correlation panel's x axis.", schema: { type: "string" } },
      ],
      responses: {
        200: {
          description: "The report summary",
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["period", "filters", "accounts"],
                properties: {
                  period: {
                    type: "object",
                    properties: { from: { type: "string", format: "date" }, to: { type: "string", format: "date" } },
                  },
                  filters: { type: "object" },
                  dataEnd: nullable({ type: "string" }),
                  dataThrough: { type: "object" },
                  accounts: { type: "object" },
                  readyForExpansion: { type: "array", items: { type: "object" } },
                  atRisk: { type: "array", items: { type: "object" } },
                },
              },
            },
          },
        },
        400: err("Unknown or invalid filter (details.errors per parameter)"),
        ...common,
        403: err("Token lacks the report:read scope"),
        422: err("The period lies outside the data (details.suggested is a period inside it)"),
      },
    },
  },
  "/api/v1/learners/{email}/recommendations": {
    get: {
      summary: "The courses the learner's home page recommends, with the reasons shown",
      security: [{ bearer: ["learners:read"] }],
      parameters: [{ name: "email", in: "path", required: true, schema: { type: "string", format: "email" } }],
      responses: {
        200: {
          description: "Recommendations",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  learner: { type: "object", properties: { email: { type: "string" }, name: { type: "string" } } },
                  account: {
                    type: "object",
                    properties: {
                      externalId: { type: "string" },
                      name: { type: "string" },
                      stage: nullable({ type: "string" }),
                    },
                  },
                  resume: nullable({
                    type: "object",
                    description: 'The course in progress ("continue where you left off").',
                  }),
                  recommendations: {
                    type: "array",
                    items: {
                      type: "object",
                      properties: {
                        courseId: { type: "string" },
                        title: { type: "string" },
                        summary: { type: "string" },
                        stage: { type: "string" },
                        remainingMinutes: { type: "number" },
                        started: { type: "boolean" },
                        score: { type: "number" },
                        reasons: {
                          type: "array",
                          items: {
                            type: "object",
                            properties: {
                              kind: { type: "string", enum: ["stage", "feature", "teammates", "path"] },
                              text: { type: "string" },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        400: err("The path does not hold an email address"),
        ...common,
        403: err("Token lacks the learners:read scope"),
        404: err("No active learner has this email"),
      },
    },
  },
  "/api/v1/assignments": {
    post: {
      summary: "Assign a course or a stage path to learners of an account, with an optional due date",
      security: [{ bearer: ["assignments:write"] }],
      description:
        "Idempotent per learner and course: assigning again updates the due date. All-or-nothing: an email that is not an active learner of the account writes nothing.",
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["account"],
              properties: {
                account: { type: "string", description: "The account's external id." },
                course: { type: "string", description: "A course id (or give stage)." },
                stage: {
                  type: "string",
                  enum: ["onboarding", "adoption", "expansion"],
                  description: "Every published course of the stage.",
                },
                learners: { type: "array", items: { type: "string", format: "email" } },
                allLearners: {
                  type: "boolean",
                  default: false,
                  description: "Every active learner of the account instead of learners.",
                },
                dueOn: { type: "string", format: "date", description: "Today or later." },
              },
            },
          },
        },
      },
      responses: {
        200: {
          description: "Assigned",
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  assigned: { type: "integer" },
                  learners: { type: "integer" },
                  courses: { type: "array", items: { type: "string" } },
                },
              },
            },
          },
        },
        400: err("Invalid JSON or body; unknown course; emails that are not learners of the account"),
        ...common,
        403: err("Token lacks the assignments:write scope"),
        404: err("No such account"),
      },
    },
  },
};
