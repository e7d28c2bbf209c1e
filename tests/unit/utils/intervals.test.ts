import { describe, expect, it } from "vitest";
import { coveredSeconds, mergeIntervals, outsideDuration, watchedPercent } from "#app/utils/intervals";
import { WatchTracker } from "#app/components/mdx/watch-tracker";
import { watchRule } from "#app/learning/video-watch";

describe("interval arithmetic", () => {
  it("merges overlapping and touching stretches, keeps gaps, sorts, drops empty and reversed ones", () => {
    expect(
      mergeIntervals([
        [10, 20],
        [0, 5],
        [5, 8],
        [15, 25],
        [30, 30],
        [40, 35],
      ]),
    ).toEqual([
      [0, 8],
      [10, 25],
    ]);
    expect(mergeIntervals([[0, 10]], [[20, 30]], [[9, 21]])).toEqual([[0, 30]]);
    expect(mergeIntervals([])).toEqual([]);
  });
  it("counts each second once however often it was watched", () => {
    expect(
      coveredSeconds([
        [0, 10],
        [0, 10],
        [5, 12],
      ]),
    ).toBe(12);
    expect(
      coveredSeconds([
        [0, 1.25],
        [2, 2.5],
      ]),
    ).toBe(1.8); // positions kept to 0.1 s
  });
  it("does not mutate its input", () => {
    const a: [number, number][] = [[0, 5]];
    mergeIntervals(a, [[3, 9]]);
    expect(a).toEqual([[0, 5]]);
  });
  it("knows stretches outside the video, with a small player-clock tolerance", () => {
    expect(outsideDuration([[0, 60.4]], 60)).toBe(false);
    expect(outsideDuration([[0, 61]], 60)).toBe(true);
    expect(outsideDuration([[-1, 3]], 60)).toBe(true);
  });
  it("whole per cent, rounded down, capped at 100", () => {
    expect(watchedPercent(79.99, 100)).toBe(79);
    expect(watchedPercent(80, 100)).toBe(80);
    expect(watchedPercent(200, 100)).toBe(100);
    expect(watchedPercent(5, 0)).toBe(0);
  });
});

describe("WatchTracker (what the page records from player events)", () => {
  it("playing builds a stretch; a seek to the end covers nothing", () => {
    const t = new WatchTracker();
    for (const p of [0, 0.25, 0.5, 0.75, 1]) t.playingAt(p);
    t.interrupted(); // seeking
    t.playingAt(7.9);
    t.playingAt(8);
    expect(t.intervals).toEqual([
      [0, 1],
      [7.9, 8],
    ]);
    expect(t.seconds).toBe(1.1);
  });
  it("a jump larger than a player step starts a new stretch even without a seek event", () => {
    const t = new WatchTracker();
    t.playingAt(0);
    t.playingAt(1);
    t.playingAt(50);
    t.playingAt(51);
    expect(t.intervals).toEqual([
      [0, 1],
      [50, 51],
    ]);
  });
  it("reports a change once, and again after a failed send", () => {
    const t = new WatchTracker();
    expect(t.takeChange()).toBe(false);
    t.playingAt(0);
    t.playingAt(1);
    expect(t.takeChange()).toBe(true);
    expect(t.takeChange()).toBe(false);
    t.markChanged();
    expect(t.takeChange()).toBe(true);
  });
});

describe("the lesson's watch rule", () => {
  const videos = [
    { key: "src:/a.webm", title: "A", durationSeconds: null },
    { key: "youtube:b", title: "B", durationSeconds: null },
  ];
  it("holds until every video reaches the share; an unstarted video counts 0", () => {
    expect(watchRule(80, videos, [{ key: "src:/a.webm", watchedSeconds: 90, durationSeconds: 100 }])).toEqual({
      required: 80,
      percent: 0,
      met: false,
      videoCount: 2,
    });
    expect(
      watchRule(80, videos, [
        { key: "src:/a.webm", watchedSeconds: 90, durationSeconds: 100 },
        { key: "youtube:b", watchedSeconds: 40, durationSeconds: 50 },
      ]),
    ).toMatchObject({ percent: 80, met: true });
  });
  it("is absent without requireWatch or without videos", () => {
    expect(watchRule(null, videos, [])).toBeNull();
    expect(watchRule(80, [], [])).toBeNull();
  });
});
