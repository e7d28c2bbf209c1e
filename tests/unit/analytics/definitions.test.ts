import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFINITIONS } from "#app/analytics/definitions";

/** Each exported function named after a definition, with its docstring's text on one line. */
function documentedFunctions(file: string): Map<string, string> {
  const source = fs.readFileSync(file, "utf8");
  const docs = new Map<string, string>();
  for (const m of source.matchAll(/\/\*\*([\s\S]*?)\*\/\s*export (?:async )?function (\w+)/g)) {
    const text = m[1]!
      .split("\n")
      .map((l) => l.replace(/^\s*\*\s?/, "").trim())
      .filter(Boolean)
      .join(" ");
    docs.set(m[2]!, text);
  }
  return docs;
}

describe("metric docstrings quote definitions.ts", () => {
  const docs = new Map([
    ...documentedFunctions("app/analytics/metrics.ts"),
    ...documentedFunctions("app/analytics/health.ts"),
    ...documentedFunctions("app/analytics/statistics.ts"),
  ]);
  const named = Object.entries(DEFINITIONS).filter(([key]) => docs.has(key));

  it("covers the metric functions", () => {
    expect(named.map(([key]) => key)).toEqual(
      expect.arrayContaining([
        "revenueAt",
        "baseExpansionRate",
        "churnRate",
        "adoption",
        "healthScore",
        "completionRate",
      ]),
    );
  });

  it.each(named)("%s", (key, definition) => {
    expect(docs.get(key)).toContain(definition.formula);
  });
});
