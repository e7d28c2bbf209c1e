import { useCallback, useEffect, useMemo, useState } from "react";

export interface WatchRuleView {
  required: number;
  percent: number;
  met: boolean;
  videoCount: number;
}

/**
 * The lesson page's live view of video watching: shares per video as the server last confirmed them
 * (from the loader, then from each accepted report), and the lesson's watch rule recomputed from them.
 */
export function useVideoShares(
  lessonId: string,
  track: boolean,
  initial: Record<string, number>,
  rule: WatchRuleView | null,
) {
  const [shares, setShares] = useState(initial);
  useEffect(() => setShares(initial), [initial]); // a new lesson or a revalidation
  const onShare = useCallback(
    (key: string, percent: number) =>
      setShares((s) => (s[key] === percent ? s : { ...s, [key]: Math.max(percent, s[key] ?? 0) })),
    [],
  );
  const live = useMemo(() => {
    if (!rule) return null;
    const values = Object.keys(initial).map((k) => shares[k] ?? 0);
    const percent = values.length ? Math.min(...values) : 0;
    return { ...rule, percent, met: percent >= rule.required };
  }, [rule, initial, shares]);
  const completionHeld = !!live && !live.met;
  const context = useMemo(
    () => ({ lessonId, track, shares, onShare, completionHeld }),
    [lessonId, track, shares, onShare, completionHeld],
  );
  return { context, rule: live };
}
