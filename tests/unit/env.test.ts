import { describe, expect, it } from "vitest";
import { parseEnv } from "#app/env.server";

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

describe("parseEnv", () => {
  it("accepts DATABASE_PREPARE true/false and defaults it to true", () => {
    expect(parseEnv(env({})).DATABASE_PREPARE).toBe("true");
    expect(parseEnv(env({ DATABASE_PREPARE: "false" })).DATABASE_PREPARE).toBe("false");
  });

  it("names each invalid variable on its own line", () => {
    expect(() => parseEnv(env({ DATABASE_PREPARE: "no", PORT: "0" }))).toThrow(/DATABASE_PREPARE: .*\n.*PORT: /s);
  });
});
