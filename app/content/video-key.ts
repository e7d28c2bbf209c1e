/** Props of <Video> that say which video it is. */
export interface VideoSource { youtube?: string; vimeo?: string; src?: string }

/**
 * A lesson video's stable key: which video, not where on the page. Shared by content sync (the lesson's
 * list of videos), the <Video> component (what it reports) and the server (what it accepts).
 */
export function videoKey(v: VideoSource): string | null {
  if (v.youtube) return `youtube:${v.youtube}`;
  if (v.vimeo) return `vimeo:${v.vimeo}`;
  if (v.src) return `src:${v.src}`;
  return null;
}

export const VIDEO_KEY = /^(youtube|vimeo|src):[^\s]{1,500}$/;
