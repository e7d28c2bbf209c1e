import { KINDS } from "./import/kinds";
import type { FieldType } from "./import/fields";
import { trainingPaths } from "./openapi-training";
import { err } from "./openapi-parts";

const schemaFor: Record<FieldType, Record<string, unknown>> = {
  string: { type: "string" },
  list: { type: "string", description: "values separated by ; or ," },
  bool: { type: "boolean" },
  number: { type: "number" },
  money: { type: "number", minimum: 0 },
  int: { type: "integer" },
  date: { type: "string", format: "date" },
  datetime: { type: "string", format: "date-time" },
};

/** OpenAPI 3.1 description of the REST API, generated from the same field specs the importer uses. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, unknown> = {};
  for (const spec of Object.values(KINDS)) {
    paths[`/api/v1/${spec.kind}`] = {
      post: {
        summary: `Import ${spec.label.toLowerCase()}`,
        description:
          "Rows are validated like CSV rows, upserted by their natural key (idempotent), all-or-nothing unless skipInvalid is true. At most 5,000 rows or 5 MB per request.",
        security: [{ bearer: [] }],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["rows"],
                properties: {
                  skipInvalid: { type: "boolean", default: false },
                  rows: {
                    type: "array",
                    maxItems: 5000,
                    items: {
                      type: "object",
                      additionalProperties: false,
                      required: spec.fields.filter((f) => f.required).map((f) => f.name),
                      properties: Object.fromEntries(
                        spec.fields.map((f) => [
                          f.name,
                          {
                            ...schemaFor[f.type],
                            ...(f.oneOf ? { enum: f.oneOf } : {}),
                            ...(f.min !== undefined ? { minimum: f.min } : {}),
                            ...(f.max !== undefined ? { maximum: f.max } : {}),
                          },
                        ]),
                      ),
                    },
                  },
                },
              },
            },
          },
        },
        responses: {
          200: {
            description: "Imported",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: {
                    importId: { type: "string" },
                    accepted: { type: "integer" },
                    rejected: { type: "integer" },
                    errors: { type: "array" },
                  },
                },
              },
            },
          },
          400: err("Body is not JSON or not { rows: [...] }"),
          401: err("Missing, unknown or revoked token"),
          403: err("Token lacks the import:write scope"),
          413: err("Body over 5 MB"),
          422: err(
            "Some rows are invalid (including values their column cannot hold: integers above 2,147,483,647, amounts of 10^12 or more, text with NUL, unpaired surrogates or U+FFFD); nothing written. details.errors lists { row, field, message }",
          ),
          500: err(
            "The database refused the batch (code import_failed); rolled back, recorded as a failed import (details.importId)",
          ),
        },
      },
    };
  }
  paths["/api/v1/xapi/statements"] = {
    get: {
      summary: "Learning events as xAPI 1.0.3 statements",
      security: [{ bearer: [] }],
      parameters: [
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 500, default: 100 } },
        {
          name: "cursor",
          in: "query",
          description: "The cursor of the previous page's `more` link.",
          schema: { type: "integer", minimum: 1, maximum: 9007199254740991 },
        },
        { name: "since", in: "query", schema: { type: "string", format: "date-time" } },
      ],
      responses: {
        200: { description: '{ statements: [...], more: url or "" }' },
        401: { description: "Missing or revoked token" },
        403: { description: "Token lacks xapi:read" },
      },
    },
  };
  // GET and POST share /api/v1/accounts: the training list sits beside the accounts import.
  for (const [path, ops] of Object.entries(trainingPaths))
    paths[path] = { ...(paths[path] as Record<string, unknown> | undefined), ...ops };
  return {
    openapi: "3.1.0",
    info: {
      title: "Uplift Academy API",
      version: "1.0.0",
      description:
        "Import customer data; export learning events, accounts' training figures and learners' recommendations. Authenticate with `Authorization: Bearer <token>` (tokens are created by an admin under Admin → API tokens).",
    },
    servers: [{ url: serverUrl }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    paths,
  };
}
