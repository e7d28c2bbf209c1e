/** A half-open stretch [start, end) of media time in seconds. */
export type Interval = [number, number];

/** Positions are kept to a tenth of a second: finer is noise from the player's clock. */
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Sorted, non-overlapping intervals covering the same time: overlapping or touching stretches are
 * joined, empty and reversed ones dropped. Input is never mutated.
 */
export function mergeIntervals(...lists: readonly (readonly Interval[])[]): Interval[] {
  const all = lists
    .flat()
    .map(([s, e]) => [round(s), round(e)] as Interval)
    .filter(([s, e]) => Number.isFinite(s) && Number.isFinite(e) && e > s);
  all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Interval[] = [];
  for (const [s, e] of all) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** Seconds covered by merged intervals (counted once however often they were watched). */
export function coveredSeconds(intervals: readonly Interval[]): number {
  return round(mergeIntervals(intervals).reduce((sum, [s, e]) => sum + (e - s), 0));
}

/** True when an interval starts before 0 or ends after the duration (plus a player-clock tolerance). */
export function outsideDuration(
  intervals: readonly Interval[],
  durationSeconds: number,
  toleranceSeconds = 0.5,
): boolean {
  return intervals.some(([s, e]) => s < 0 || e > durationSeconds + toleranceSeconds);
}

/** Whole per cent of the duration watched, 0–100 (rounded down: 79.9 % has not reached 80 %). */
export function watchedPercent(watchedSeconds: number, durationSeconds: number): number {
  if (!(durationSeconds > 0)) return 0;
  return Math.min(100, Math.floor((watchedSeconds / durationSeconds) * 100 + 1e-9));
}
