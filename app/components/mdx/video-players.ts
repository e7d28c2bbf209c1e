import type { WatchTracker } from "./watch-tracker";

/** What a player adapter drives: the tracker, the duration it reports, and a prompt to send now. */
export interface WatchSink {
  tracker: WatchTracker;
  duration: { current: number };
  sendSoon: () => void;
}

export const YOUTUBE_ORIGIN = "https://www.youtube-nocookie.com";
export const VIMEO_ORIGIN = "https://player.vimeo.com";

function parse(data: unknown): Record<string, unknown> | null {
  if (typeof data === "string") {
    try {
      return JSON.parse(data) as Record<string, unknown>;
    } catch {
      return null;
    }
  }
  return data && typeof data === "object" ? (data as Record<string, unknown>) : null;
}

/** HTML5 <video>: positions from timeupdate while playing; a seek starts a new stretch. */
export function attachHtml5(video: HTMLVideoElement, sink: WatchSink): () => void {
  const onMeta = () => {
    if (Number.isFinite(video.duration)) sink.duration.current = video.duration;
  };
  const onTime = () => {
    onMeta();
    if (!video.paused && !video.seeking) sink.tracker.playingAt(video.currentTime);
  };
  const onPlay = () => sink.tracker.playingAt(video.currentTime);
  const onJump = () => sink.tracker.interrupted();
  const onStop = () => {
    sink.tracker.playingAt(video.currentTime);
    sink.tracker.interrupted();
    sink.sendSoon();
  };
  const events: [string, () => void][] = [
    ["loadedmetadata", onMeta],
    ["durationchange", onMeta],
    ["timeupdate", onTime],
    ["playing", onPlay],
    ["seeking", onJump],
    ["pause", onStop],
    ["ended", onStop],
  ];
  for (const [name, fn] of events) video.addEventListener(name, fn);
  onMeta();
  // Attached after playback began (the module is loaded on demand): count from here.
  if (!video.paused && !video.seeking) onPlay();
  return () => {
    for (const [name, fn] of events) video.removeEventListener(name, fn);
  };
}

/**
 * YouTube's embed through its postMessage protocol (what its iframe API script does), so no YouTube
 * script runs on our pages and the CSP's script-src stays 'self': we say "listening", the player then
 * posts infoDelivery messages with currentTime, duration and playerState (1 = playing).
 * Only messages from the youtube-nocookie origin and this very iframe are read.
 */
export function attachYouTube(iframe: HTMLIFrameElement, sink: WatchSink): () => void {
  let playing = false;
  const listen = () =>
    iframe.contentWindow?.postMessage(
      JSON.stringify({ event: "listening", id: iframe.id, channel: "widget" }),
      YOUTUBE_ORIGIN,
    );
  const onMessage = (e: MessageEvent) => {
    if (e.origin !== YOUTUBE_ORIGIN || e.source !== iframe.contentWindow) return;
    const msg = parse(e.data);
    if (!msg) return;
    const info = (msg.event === "onStateChange" ? { playerState: msg.info } : msg.info) as
      Record<string, unknown> | undefined;
    if (!info || typeof info !== "object") return;
    if (typeof info.duration === "number" && info.duration > 0) sink.duration.current = info.duration;
    if (typeof info.playerState === "number") {
      const now = info.playerState === 1;
      if (playing && !now) {
        sink.tracker.interrupted();
        sink.sendSoon();
      }
      playing = now;
    }
    if (typeof info.currentTime === "number") {
      if (playing) sink.tracker.playingAt(info.currentTime);
      else sink.tracker.interrupted();
    }
  };
  window.addEventListener("message", onMessage);
  iframe.addEventListener("load", listen);
  listen();
  return () => {
    window.removeEventListener("message", onMessage);
    iframe.removeEventListener("load", listen);
  };
}

/**
 * Vimeo's player through its postMessage API (what @vimeo/player does): once the player says "ready",
 * we subscribe to timeupdate (seconds, duration), seeked, pause and ended. Only messages from
 * player.vimeo.com and this iframe are read.
 */
export function attachVimeo(iframe: HTMLIFrameElement, sink: WatchSink): () => void {
  const post = (method: string, value?: string) =>
    iframe.contentWindow?.postMessage(JSON.stringify(value ? { method, value } : { method }), VIMEO_ORIGIN);
  const onMessage = (e: MessageEvent) => {
    if (e.origin !== VIMEO_ORIGIN || e.source !== iframe.contentWindow) return;
    const msg = parse(e.data);
    if (!msg) return;
    const data = (msg.data ?? {}) as Record<string, unknown>;
    if (msg.event === "ready")
      for (const name of ["timeupdate", "seeked", "pause", "ended"]) post("addEventListener", name);
    else if (msg.event === "timeupdate") {
      if (typeof data.duration === "number" && data.duration > 0) sink.duration.current = data.duration;
      if (typeof data.seconds === "number") sink.tracker.playingAt(data.seconds);
    } else if (msg.event === "seeked") sink.tracker.interrupted();
    else if (msg.event === "pause" || msg.event === "ended") {
      sink.tracker.interrupted();
      sink.sendSoon();
    }
  };
  window.addEventListener("message", onMessage);
  return () => window.removeEventListener("message", onMessage);
}
