import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitHighlights, HIGHLIGHT_START as S, HIGHLIGHT_STOP as E } from "#app/learning/search-snippet";
import { boundedSeconds, RESUME_POSITION, secondsSince } from "#app/learning/lesson-time";
import { resolveLocks } from "#app/learning/prerequisites.server";

describe("splitHighlights", () => {
  it("splits ts_headline output into plain and matched parts", () => {
    expect(splitHighlights(`Set ${S}alerts${E} for ${S}alert${E}${S}ing${E} teams`)).toEqual([
      { text: "Set ", hit: false },
      { text: "alerts", hit: true },
      { text: " for ", hit: false },
      { text: "alerting", hit: true },
      { text: " teams", hit: false },
    ]);
  });
  it("keeps every character of the text and drops only markers", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constant(S), fc.constant(E))), (pieces) => {
        const input = pieces.join("");
        expect(
          splitHighlights(input)
            .map((p) => p.text)
            .join(""),
        ).toBe(input.replaceAll(S, "").replaceAll(E, ""));
      }),
    );
  });
});

describe("time bounds", () => {
  it("boundedSeconds clamps to [0, cap] and ignores junk", () => {
    expect(boundedSeconds(30, 60)).toBe(30);
    expect(boundedSeconds(600, 60)).toBe(60);
    expect(boundedSeconds(-4, 60)).toBe(0);
    expect(boundedSeconds("12.9", 60)).toBe(12);
    expect(boundedSeconds("abc", 60)).toBe(0);
    expect(boundedSeconds(Number.POSITIVE_INFINITY, 60)).toBe(0);
  });
  it("secondsSince is 0 for missing or future timestamps", () => {
    expect(secondsSince(1000, 61_000)).toBe(60);
    expect(secondsSince(null, 61_000)).toBe(0);
    expect(secondsSince(99_000, 61_000)).toBe(0);
    expect(secondsSince("x", 61_000)).toBe(0);
  });
  it("resume positions are heading ids only", () => {
    expect(RESUME_POSITION.test("set-a-threshold")).toBe(true);
    expect(RESUME_POSITION.test("étape-2")).toBe(true);
    expect(RESUME_POSITION.test("<script>")).toBe(false);
    expect(RESUME_POSITION.test("a b")).toBe(false);
  });
});

describe("resolveLocks", () => {
  const list = [
    { id: "a", title: "A", prerequisites: [] },
    { id: "b", title: "B", prerequisites: ["a"] },
    { id: "c", title: "C", prerequisites: ["a", "b", "gone"] },
  ];
  it("lists the takeable prerequisites not yet completed, in frontmatter order", () => {
    const locks = resolveLocks(list, list, new Set());
    expect(locks.get("a")).toEqual([]);
    expect(locks.get("b")).toEqual([{ id: "a", title: "A" }]);
    expect(locks.get("c")).toEqual([
      { id: "a", title: "A" },
      { id: "b", title: "B" },
    ]);
    expect(resolveLocks(list, list, new Set(["a"])).get("c")).toEqual([{ id: "b", title: "B" }]);
    expect(
      resolveLocks(
        list,
        list.filter((c) => c.id !== "b"),
        new Set(["a"]),
      ).get("c"),
    ).toEqual([]);
  });
});
