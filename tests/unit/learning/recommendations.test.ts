import { describe, expect, it } from "vitest";
import { rankRecommendations } from "#app/learning/recommendations.server";
import type { CatalogCourse } from "#app/learning/catalog.server";
import type { FeatureAdoption } from "#app/learning/feature-adoption.server";
import { isUnderAdopted } from "#app/learning/feature-adoption.server";
import { tFor } from "#app/i18n/i18next.server";

function course(id: string, over: Partial<CatalogCourse> = {}): CatalogCourse {
  return {
    id,
    slug: id,
    title: id,
    summary: "",
    stage: "adoption",
    status: "published",
    level: null,
    features: [],
    estimatedMinutes: 10,
    remainingMinutes: 10,
    prerequisites: [],
    lessonCount: 2,
    completedCount: 0,
    completed: false,
    nextLessonId: `${id}-1`,
    lastActivityAt: null,
    lockedBy: [],
    certificateCode: null,
    ...over,
  };
}
const gap = (feature: string, rate: number, peerMedian: number | null): FeatureAdoption => ({
  feature,
  rate,
  activeUsers: rate * 10,
  seats: 10,
  peerMedian,
  peerCount: peerMedian === null ? 0 : 5,
});

describe("rankRecommendations", () => {
  it("weighs a feature gap above the stage, and the stage above teammates", () => {
    const recs = rankRecommendations({
      catalog: [
        course("stage-only"),
        course("gap", { stage: "expansion", features: ["alerts"] }),
        course("mates", { stage: "expansion" }),
      ],
      accountStage: "adoption",
      underAdopted: [gap("alerts", 0.05, 0.4)],
      teammatesCompleted: new Map([["mates", 2]]),
    });
    expect(recs.map((r) => r.courseId)).toEqual(["gap", "stage-only", "mates"]);
    expect(recs[2]!.reasons).toEqual([{ kind: "teammates", text: "2 teammates completed this" }]);
  });

  it("never recommends completed, locked, draft or empty courses", () => {
    const recs = rankRecommendations({
      catalog: [
        course("done", { completed: true, completedCount: 2 }),
        course("locked", { lockedBy: [{ id: "x", title: "X" }] }),
        course("draft", { status: "draft" }),
        course("empty", { lessonCount: 0 }),
      ],
      accountStage: "adoption",
      underAdopted: [gap("alerts", 0, null)],
      teammatesCompleted: new Map([
        ["done", 9],
        ["locked", 9],
      ]),
    });
    expect(recs).toEqual([]);
  });

  it("explains earlier stages and singular teammates in words", () => {
    const [rec] = rankRecommendations({
      catalog: [course("basics", { stage: "onboarding" })],
      accountStage: "expansion",
      underAdopted: [],
      teammatesCompleted: new Map([["basics", 1]]),
    });
    expect(rec!.reasons.map((r) => r.text)).toEqual([
      "Builds the onboarding basics your team's expansion stage relies on",
      "1 teammate completed this",
    ]);
  });

  it("caps the list and keeps a stable order among equals (earlier stage first)", () => {
    const catalog = ["a", "b", "c", "d"].map((id, i) => course(id, { stage: i % 2 ? "onboarding" : "adoption" }));
    const recs = rankRecommendations(
      { catalog, accountStage: "adoption", underAdopted: [], teammatesCompleted: new Map() },
      2,
    );
    expect(recs.map((r) => r.courseId)).toEqual(["a", "c"]);
  });
});

describe("isUnderAdopted", () => {
  it("compares with similar accounts when there are enough, else uses 20% of seats", () => {
    expect(isUnderAdopted(gap("x", 0.1, 0.5))).toBe(true);
    expect(isUnderAdopted(gap("x", 0.35, 0.5))).toBe(false);
    expect(isUnderAdopted(gap("x", 0.1, null))).toBe(true);
    expect(isUnderAdopted(gap("x", 0.25, null))).toBe(false);
    expect(isUnderAdopted(gap("x", 0.1, 0))).toBe(true);
  });

  it("words the reasons in the learner's language", () => {
    const ranked = rankRecommendations({
      catalog: [course("a", { stage: "onboarding" })],
      accountStage: "adoption",
      underAdopted: [],
      teammatesCompleted: new Map([["a", 2]]),
      t: tFor("de"),
    });
    expect(ranked[0]!.reasons.map((r) => r.text)).toEqual([
      "Vermittelt die Grundlagen der Phase Einstieg, auf denen die Phase Nutzung Ihres Teams aufbaut",
      "2 Teammitglieder haben diesen Kurs abgeschlossen",
    ]);
  });
});
