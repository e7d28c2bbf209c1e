/** Linear scale, "nice" ticks and label thinning for the server-rendered SVG charts (pure functions). */
export function linearScale(domain: [number, number], range: [number, number]) {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (v: number) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** Removes floating-point noise (0.30000000000000004 → 0.3) and negative zero. */
function clean(v: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const r = Number(v.toFixed(Math.min(20, decimals)));
  return r === 0 ? 0 : r;
}

/**
 * Round tick values covering [min, max]: steps of 1, 2 or 5 × 10ⁿ (never 2.5, so no "267.5"), about
 * `count` intervals. `integer` keeps steps ≥ 1 for counts (no "0.5 learners").
 */
export function niceTicks(min: number, max: number, count = 5, opts: { integer?: boolean } = {}): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min > max) [min, max] = [max, min];
  // Charts show counts, money, percentages: a range this small is one value.
  if (max - min < 1e-9) {
    min -= 1;
    max += 1;
  }
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * mag;
  if (opts.integer) step = Math.max(1, Math.round(step));
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(clean(k * step, step));
  return ticks;
}

/** Short axis label: 1.2k, 15k, 3.4M; plain numbers keep at most the decimals a tick needs; never "-0". */
export function shortNumber(v: number): string {
  const a = Math.abs(v);
  const fixed = (x: number, d: number) => {
    const s = x.toFixed(d);
    return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
  };
  if (a >= 1e6) return `${fixed(v / 1e6, a >= 1e7 || (a / 1e6) % 1 === 0 ? 0 : 1)}M`;
  if (a >= 1e3) return `${fixed(v / 1e3, a >= 1e4 || (a / 1e3) % 1 === 0 ? 0 : 1)}k`;
  if (Number.isInteger(v)) return v === 0 ? "0" : String(v);
  return String(Number(fixed(v, 2)));
}

/** Approximate width of a label in SVG units (average glyph ≈ 0.6 em; good enough to avoid overlaps). */
export function textWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.6;
}

/**
 * Which of `count` evenly spaced labels to draw so none overlap: a step of 1, 2, 3, 4, 6 or a multiple
 * of 12 (calendar-friendly for months). Labels are counted back from the last, so the newest shows.
 */
export function labelStep(count: number, available: number, labelWidth: number, gap = 8): number {
  if (count <= 1) return 1;
  const need = Math.ceil((count * (labelWidth + gap)) / Math.max(1, available));
  for (const s of [1, 2, 3, 4, 6]) if (s >= need) return s;
  return Math.ceil(need / 12) * 12;
}

export function showLabel(index: number, count: number, step: number): boolean {
  return (count - 1 - index) % step === 0;
}

/** Greedy word wrap by estimated width; never cuts a word (a long word gets its own line). */
export function wrapText(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontSize) > maxWidth) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [""];
}
