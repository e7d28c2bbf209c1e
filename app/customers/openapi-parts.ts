/** Pieces the OpenAPI document (openapi.ts, openapi-training.ts) repeats: the error body and nullable values. */
export const errorBody = {
  type: "object",
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: { code: { type: "string" }, message: { type: "string" }, details: {} },
    },
  },
};
/** A response with the error body. */
export const err = (description: string) => ({ description, content: { "application/json": { schema: errorBody } } });
export const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: "null" }] });
