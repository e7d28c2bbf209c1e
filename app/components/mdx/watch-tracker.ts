import { coveredSeconds, mergeIntervals, type Interval } from "#app/utils/intervals";

/** Longest step between two reported positions still counted as continuous playing (2× speed, sparse player events). */
export const MAX_STEP_SECONDS = 2;

/**
 * The stretches of a video actually played on this page: each position the player reports while
 * playing extends the current stretch when it follows the last one closely; a seek (or anything
 * that jumps) starts a new one, so jumping to the end covers nothing.
 */
export class WatchTracker {
  private watched: Interval[] = [];
  private last: number | null = null;
  private changed = false;

  /** The player is playing at position `t` (seconds). */
  playingAt(t: number) {
    if (!Number.isFinite(t) || t < 0) return;
    if (this.last !== null && t > this.last && t - this.last <= MAX_STEP_SECONDS) {
      this.watched = mergeIntervals(this.watched, [[this.last, t]]);
      this.changed = true;
    }
    this.last = t;
  }

  /** Seeking, pausing, ending: the next position starts a new stretch. */
  interrupted() {
    this.last = null;
  }

  get intervals(): Interval[] {
    return this.watched.map(([s, e]) => [s, e]);
  }

  get seconds(): number {
    return coveredSeconds(this.watched);
  }

  /** True once after something new was watched (what the throttled sender asks). */
  takeChange(): boolean {
    const c = this.changed;
    this.changed = false;
    return c;
  }

  /** A send failed: keep the change pending. */
  markChanged() {
    this.changed = true;
  }
}
