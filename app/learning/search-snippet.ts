/** Markers ts_headline puts around matched words (control characters never found in lesson text). */
export const HIGHLIGHT_START = "\u0002";
export const HIGHLIGHT_STOP = "\u0003";

export interface SnippetPart {
  text: string;
  hit: boolean;
}

/** Splits a ts_headline result into plain and highlighted parts; stray markers are dropped. */
export function splitHighlights(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let hit = false;
  let text = "";
  const push = () => {
    if (text) {
      const last = parts[parts.length - 1];
      if (last && last.hit === hit) last.text += text;
      else parts.push({ text, hit });
    }
    text = "";
  };
  for (const ch of headline) {
    if (ch === HIGHLIGHT_START) {
      push();
      hit = true;
    } else if (ch === HIGHLIGHT_STOP) {
      push();
      hit = false;
    } else text += ch;
  }
  push();
  return parts;
}
