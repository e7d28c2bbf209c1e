import { useEffect, useId, useRef, type ReactNode } from "react";
import { videoKey } from "#app/content/video-key";
import { useLessonContext } from "./LessonContext";
import type { WatchedPlayer } from "./watch-session";

interface VideoProps {
  youtube?: string;
  vimeo?: string;
  src?: string;
  title: string;
  duration?: number | string;
  children?: ReactNode;
}

/**
 * Privacy-friendly video: youtube-nocookie / Vimeo (do-not-track) embed or a file from public/, with
 * transcript. For a learner, while JavaScript runs, how much was actually played is recorded
 * (watch-session.ts, loaded with `import()` only then, to keep it out of every lesson's JavaScript) and
 * shown under the player.
 */
export function Video({ youtube, vimeo, src, title, children }: VideoProps) {
  const key = videoKey({ youtube, vimeo, src });
  const { video: ctx } = useLessonContext();
  const videoRef = useRef<HTMLVideoElement>(null);
  const frameRef = useRef<HTMLIFrameElement>(null);
  const frameId = useId();
  const onShare = useRef(ctx?.onShare);
  onShare.current = ctx?.onShare;
  const lessonId = ctx?.lessonId;
  const track = !!(ctx?.track && key && lessonId);
  useEffect(() => {
    if (!track || !key || !lessonId) return;
    const player: WatchedPlayer | null = videoRef.current
      ? { kind: "html5", element: videoRef.current }
      : frameRef.current && youtube
        ? { kind: "youtube", element: frameRef.current }
        : frameRef.current && vimeo
          ? { kind: "vimeo", element: frameRef.current }
          : null;
    if (!player) return;
    let stop: (() => void) | undefined;
    let unmounted = false;
    void import("./watch-session").then(({ watchVideo }) => {
      if (unmounted) return;
      stop = watchVideo({ player, lessonId, videoKey: key, onShare: (k, p) => onShare.current?.(k, p) });
    });
    return () => {
      unmounted = true;
      stop?.();
    };
  }, [track, key, lessonId, youtube, vimeo]);
  // enablejsapi lets our page read the player's position by postMessage; no YouTube script is loaded.
  const embed = youtube
    ? `https://www.youtube-nocookie.com/embed/${encodeURIComponent(youtube)}?enablejsapi=1`
    : vimeo
      ? `https://player.vimeo.com/video/${encodeURIComponent(vimeo)}?dnt=1`
      : null;
  const share = key && ctx?.track ? (ctx.shares[key] ?? 0) : null;
  return (
    <figure className="my-6">
      <div className="aspect-video overflow-hidden rounded-lg bg-slate-900">
        {embed ? (
          <iframe
            ref={frameRef}
            id={frameId}
            src={embed}
            title={title}
            loading="lazy"
            allow="encrypted-media; picture-in-picture"
            allowFullScreen
            className="h-full w-full"
          />
        ) : src ? (
          <video ref={videoRef} controls preload="metadata" className="h-full w-full">
            <source src={src} />
            <track kind="captions" />
          </video>
        ) : null}
      </div>
      <figcaption className="mt-2 flex flex-wrap items-baseline justify-between gap-2 text-sm text-slate-600 dark:text-slate-400">
        <span>{title}</span>
        {share !== null ? (
          <span className="flex items-center gap-2" data-video-share={key}>
            <span
              className="inline-block h-1.5 w-24 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
              aria-hidden
            >
              <span className="block h-full rounded-full bg-brand-600" style={{ width: `${share}%` }} />
            </span>
            <span>You have watched {share}% of this video</span>
          </span>
        ) : null}
      </figcaption>
      {children ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer font-medium">Transcript</summary>
          <div className="mt-2">{children}</div>
        </details>
      ) : null}
    </figure>
  );
}
