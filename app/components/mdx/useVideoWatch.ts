import { useCallback, useEffect, useRef } from "react";
import { useLessonContext } from "./LessonContext";
import { WatchTracker } from "./watch-tracker";

export const VIDEO_PROGRESS_ACTION = "/resources/video-progress";
/** How often the stretches watched are sent while they grow (the server bounds them by the wall clock too). */
const SEND_EVERY_MS = 5_000;
/** Sooner sends (pause, end) are still at most one a second. */
const MIN_GAP_MS = 1_000;

/**
 * Records which stretches of one video a learner played (WatchTracker) and sends them, throttled, to
 * the video-progress action: every 5 s while they grow, at once (≥ 1 s apart) when the player pauses or
 * ends, with sendBeacon when the page goes away. Only for learners (the lesson context says whether to
 * track); staff and previews send nothing. Each send carries all stretches watched on this page, so a
 * refused or lost one is made good by the next.
 */
export function useVideoWatch(key: string | null) {
  const ctx = useLessonContext().video;
  const tracker = useRef(new WatchTracker());
  const duration = useRef(0);
  const onShare = useRef(ctx?.onShare);
  onShare.current = ctx?.onShare;
  const sendSoon = useRef<() => void>(() => {});
  const lessonId = ctx?.lessonId;
  const enabled = !!(ctx?.track && key && lessonId);
  useEffect(() => {
    if (!enabled || !key || !lessonId) return;
    const t = tracker.current;
    let lastSent = 0;
    let inFlight = false;
    const body = () => {
      const form = new FormData();
      form.set("lessonId", lessonId);
      form.set("videoKey", key);
      form.set("duration", String(Math.round(duration.current * 10) / 10));
      form.set("intervals", JSON.stringify(t.intervals));
      return form;
    };
    const send = async () => {
      if (inFlight || !(duration.current > 0) || !t.takeChange()) return;
      inFlight = true;
      lastSent = Date.now();
      try {
        const res = await fetch(VIDEO_PROGRESS_ACTION, {
          method: "POST",
          body: body(),
          credentials: "same-origin",
          headers: { Accept: "application/json" },
        });
        if (res.ok) onShare.current?.(key, ((await res.json()) as { percent: number }).percent);
        else if (res.status === 429) t.markChanged(); // more than the clock allows yet: the next send carries it
      } catch {
        t.markChanged();
      } finally {
        inFlight = false;
      }
    };
    sendSoon.current = () => {
      if (Date.now() - lastSent >= MIN_GAP_MS) void send();
    };
    const timer = window.setInterval(() => void send(), SEND_EVERY_MS);
    const flush = () => {
      if (duration.current > 0 && t.takeChange()) navigator.sendBeacon?.(VIDEO_PROGRESS_ACTION, body());
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("pagehide", flush);
      sendSoon.current = () => {};
      flush();
    };
  }, [enabled, key, lessonId]);
  const soon = useCallback(() => sendSoon.current(), []);
  return { enabled, tracker: tracker.current, duration, sendSoon: soon };
}
