import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  attachVimeo,
  attachYouTube,
  VIMEO_ORIGIN,
  YOUTUBE_ORIGIN,
  type WatchSink,
} from "#app/components/mdx/video-players";
import { WatchTracker } from "#app/components/mdx/watch-tracker";

// A stand-in for the browser: window receives "message" events; the iframe's contentWindow records what we post.
type Posted = { data: unknown; origin: string };
function fakePlayer() {
  const posted: Posted[] = [];
  const contentWindow = { postMessage: (data: unknown, origin: string) => posted.push({ data, origin }) };
  const iframe = Object.assign(new EventTarget(), { id: "player-1", contentWindow }) as unknown as HTMLIFrameElement;
  const send = (origin: string, data: unknown, source: unknown = contentWindow) =>
    (globalThis as unknown as { window: EventTarget }).window.dispatchEvent(
      Object.assign(new Event("message"), { origin, data, source }),
    );
  return { iframe, posted, send };
}
const sink = (): WatchSink & { sent: number } => {
  const s = {
    tracker: new WatchTracker(),
    duration: { current: 0 },
    sent: 0,
    sendSoon: () => {
      s.sent++;
    },
  };
  return s;
};

describe("YouTube and Vimeo players read by postMessage (no third-party script)", () => {
  beforeEach(() => {
    (globalThis as unknown as { window: EventTarget }).window = new EventTarget();
  });
  afterEach(() => {
    delete (globalThis as unknown as { window?: EventTarget }).window;
  });

  it("YouTube: says it is listening, then records positions only while the player is playing", () => {
    const { iframe, posted, send } = fakePlayer();
    const s = sink();
    const detach = attachYouTube(iframe, s);
    expect(posted).toEqual([
      { data: JSON.stringify({ event: "listening", id: "player-1", channel: "widget" }), origin: YOUTUBE_ORIGIN },
    ]);
    send(
      YOUTUBE_ORIGIN,
      JSON.stringify({ event: "infoDelivery", info: { duration: 120, playerState: 1, currentTime: 0 } }),
    );
    send(YOUTUBE_ORIGIN, JSON.stringify({ event: "infoDelivery", info: { currentTime: 1 } }));
    send(YOUTUBE_ORIGIN, JSON.stringify({ event: "infoDelivery", info: { currentTime: 2 } }));
    send(YOUTUBE_ORIGIN, JSON.stringify({ event: "onStateChange", info: 2 })); // paused
    send(YOUTUBE_ORIGIN, JSON.stringify({ event: "infoDelivery", info: { currentTime: 100 } })); // a seek while paused
    send(YOUTUBE_ORIGIN, JSON.stringify({ event: "infoDelivery", info: { playerState: 1, currentTime: 100.5 } }));
    send(YOUTUBE_ORIGIN, JSON.stringify({ event: "infoDelivery", info: { currentTime: 101.5 } }));
    expect(s.duration.current).toBe(120);
    expect(s.tracker.intervals).toEqual([
      [0, 2],
      [100.5, 101.5],
    ]);
    expect(s.sent).toBe(1);
    detach();
  });

  it("ignores messages from other origins or other frames", () => {
    const { iframe, send } = fakePlayer();
    const s = sink();
    attachYouTube(iframe, s);
    const playing = (t: number) =>
      JSON.stringify({ event: "infoDelivery", info: { duration: 60, playerState: 1, currentTime: t } });
    send("https://evil.example", playing(0));
    send("https://evil.example", playing(1));
    send(YOUTUBE_ORIGIN, playing(0), { other: "frame" });
    send(YOUTUBE_ORIGIN, playing(1), { other: "frame" });
    expect(s.tracker.intervals).toEqual([]);
    expect(s.duration.current).toBe(0);
  });

  it("Vimeo: subscribes on ready, records timeupdates, a seek starts a new stretch", () => {
    const { iframe, posted, send } = fakePlayer();
    const s = sink();
    attachVimeo(iframe, s);
    send(VIMEO_ORIGIN, JSON.stringify({ event: "ready" }));
    expect(posted.map((p) => JSON.parse(String(p.data)))).toEqual(
      ["timeupdate", "seeked", "pause", "ended"].map((value) => ({ method: "addEventListener", value })),
    );
    expect(new Set(posted.map((p) => p.origin))).toEqual(new Set([VIMEO_ORIGIN]));
    for (const seconds of [0, 0.5, 1]) send(VIMEO_ORIGIN, { event: "timeupdate", data: { seconds, duration: 30 } });
    send(VIMEO_ORIGIN, { event: "seeked", data: { seconds: 25 } });
    for (const seconds of [25, 25.5]) send(VIMEO_ORIGIN, { event: "timeupdate", data: { seconds, duration: 30 } });
    send(VIMEO_ORIGIN, { event: "ended" });
    expect(s.duration.current).toBe(30);
    expect(s.tracker.intervals).toEqual([
      [0, 1],
      [25, 25.5],
    ]);
    expect(s.sent).toBe(1);
  });
});
