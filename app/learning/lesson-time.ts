/** Whole seconds in [0, cap]; anything that is not a finite number counts as 0. */
export function boundedSeconds(value: unknown, cap: number): number {
  const n = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(n) || n <= 0) return 0;
  return Math.min(Math.floor(n), cap);
}

/** Seconds between a page's server render (epoch ms from the form) and now; 0 when absent or in the future. */
export function secondsSince(openedAtMs: unknown, now = Date.now()): number {
  const opened = Number(openedAtMs);
  if (!Number.isFinite(opened) || opened <= 0 || opened > now) return 0;
  return Math.floor((now - opened) / 1000);
}

/** Heading ids come from rehype-slug: lower-case words and dashes. */
export const RESUME_POSITION = /^[\p{Ll}\p{Lo}\p{N}_-]{1,120}$/u;
