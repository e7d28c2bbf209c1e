/** Display names of account segments (the stored keys, e.g. "mid_market", never reach the page). */
const SEGMENT_LABELS: Record<string, string> = { smb: "SMB", mid_market: "Mid-market", enterprise: "Enterprise" };
export const SEGMENT_KEYS = Object.keys(SEGMENT_LABELS);

/** "mid_market" → "Mid-market"; an imported segment without a label reads with spaces for underscores. */
export function segmentLabel(segment: string | null | undefined): string {
  if (!segment) return "—";
  return SEGMENT_LABELS[segment] ?? segment.replace(/_/g, " ");
}
