import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { lastHeadingAbove } from "./LessonToc";

export const HEARTBEAT_ACTION = "/resources/lesson-time";
const BEAT_MS = 30_000;

/**
 * Time-on-lesson and resume position while JavaScript runs: counts seconds only while the page is
 * visible, sends them with the last heading reached every 30 s through a fetcher, and flushes with
 * sendBeacon when the page is hidden or the learner moves on. The server bounds every beat.
 */
export function useLessonHeartbeat(opts: { lessonId: string; enabled: boolean }) {
  const fetcher = useFetcher();
  const submit = useRef(fetcher.submit);
  submit.current = fetcher.submit;
  const { lessonId, enabled } = opts;
  useEffect(() => {
    if (!enabled) return;
    let visibleSince: number | null = document.visibilityState === "visible" ? Date.now() : null;
    let banked = 0;
    let lastPosition: string | null = null;
    const headingIds = () =>
      Array.from(document.querySelectorAll<HTMLElement>(".lesson-body :is(h2, h3)[id]")).map((h) => h.id);
    // Tracked while scrolling: when the learner leaves, the lesson's DOM may already be gone.
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = window.requestAnimationFrame(() => {
        frame = 0;
        lastPosition = lastHeadingAbove(headingIds()) ?? lastPosition;
      });
    };
    lastPosition = lastHeadingAbove(headingIds()); // arriving at a #heading counts too
    const take = () => {
      const now = Date.now();
      const seconds = Math.round((banked + (visibleSince ? now - visibleSince : 0)) / 1000);
      banked = 0;
      if (visibleSince) visibleSince = now;
      return { seconds, position: lastPosition };
    };
    const body = (beat: { seconds: number; position: string | null }) => {
      const form = new FormData();
      form.set("lessonId", lessonId);
      form.set("seconds", String(beat.seconds));
      if (beat.position) form.set("position", beat.position);
      return form;
    };
    const beat = () => {
      const next = take();
      if (next.seconds > 0 || next.position) submit.current(body(next), { method: "post", action: HEARTBEAT_ACTION });
    };
    const flush = () => {
      const next = take();
      if (next.seconds > 0 || next.position) navigator.sendBeacon?.(HEARTBEAT_ACTION, body(next));
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") {
        if (visibleSince) banked += Date.now() - visibleSince;
        visibleSince = null;
        flush();
      } else {
        visibleSince = Date.now();
      }
    };
    const timer = window.setInterval(beat, BEAT_MS);
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("pagehide", flush);
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      window.clearInterval(timer);
      window.cancelAnimationFrame(frame);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("pagehide", flush);
      window.removeEventListener("scroll", onScroll);
      flush();
    };
  }, [lessonId, enabled]);
}
