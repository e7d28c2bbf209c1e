import { WatchTracker } from "./watch-tracker";
import { attachHtml5, attachVimeo, attachYouTube } from "./video-players";

const VIDEO_PROGRESS_ACTION = "/resources/video-progress";
/** How often the stretches watched are sent while they grow (the server bounds them by the wall clock too). */
const SEND_EVERY_MS = 5_000;
/** Sooner sends (pause, end) are still at most one a second. */
const MIN_GAP_MS = 1_000;

export type WatchedPlayer =
  { kind: "html5"; element: HTMLVideoElement } | { kind: "youtube" | "vimeo"; element: HTMLIFrameElement };

export interface WatchSession {
  player: WatchedPlayer;
  lessonId: string;
  videoKey: string;
  /** The server's share of the video watched, after each accepted send. */
  onShare: (key: string, percent: number) => void;
}

/**
 * Records which stretches of one video a learner plays (WatchTracker, fed by the player's adapter) and
 * sends them, throttled, to the video-progress action: every 5 s while they grow, at once (≥ 1 s apart)
 * when the player pauses or ends, with sendBeacon when the page goes away. Each send carries all
 * stretches watched on this page, so a refused or lost one is made good by the next. Returns the stop
 * function (sends what is left). <Video> loads this module only when it tracks a learner, so lessons
 * without a video and staff views never download it.
 */
export function watchVideo({ player, lessonId, videoKey, onShare }: WatchSession): () => void {
  const tracker = new WatchTracker();
  const duration = { current: 0 };
  let lastSent = 0;
  let inFlight = false;
  const body = () => {
    const form = new FormData();
    form.set("lessonId", lessonId);
    form.set("videoKey", videoKey);
    form.set("duration", String(Math.round(duration.current * 10) / 10));
    form.set("intervals", JSON.stringify(tracker.intervals));
    return form;
  };
  const send = async () => {
    if (inFlight || !(duration.current > 0) || !tracker.takeChange()) return;
    inFlight = true;
    lastSent = Date.now();
    try {
      const res = await fetch(VIDEO_PROGRESS_ACTION, {
        method: "POST",
        body: body(),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (res.ok) onShare(videoKey, ((await res.json()) as { percent: number }).percent);
      else if (res.status === 429) tracker.markChanged(); // more than the clock allows yet: the next send carries it
    } catch {
      tracker.markChanged();
    } finally {
      inFlight = false;
    }
  };
  const sink = {
    tracker,
    duration,
    sendSoon: () => {
      if (Date.now() - lastSent >= MIN_GAP_MS) void send();
    },
  };
  const detach =
    player.kind === "html5"
      ? attachHtml5(player.element, sink)
      : player.kind === "youtube"
        ? attachYouTube(player.element, sink)
        : attachVimeo(player.element, sink);
  const timer = window.setInterval(() => void send(), SEND_EVERY_MS);
  const flush = () => {
    if (duration.current > 0 && tracker.takeChange()) navigator.sendBeacon?.(VIDEO_PROGRESS_ACTION, body());
  };
  window.addEventListener("pagehide", flush);
  return () => {
    detach();
    window.clearInterval(timer);
    window.removeEventListener("pagehide", flush);
    flush();
  };
}
