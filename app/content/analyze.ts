import GithubSlugger from "github-slugger";
import type { Content, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { videoKey } from "./video-key";

import type { QuizDefinition } from "#db/schema/learning";

export type { QuizDefinition };
export interface Position { line: number; col: number }
/** A <Video> in the lesson (see app/content/video-key.ts); durationSeconds from its optional duration="…". */
export interface AnalyzedVideo { key: string; title: string; durationSeconds: number | null; at: Position }
export interface MdxAnalysis {
  headings: { depth: number; text: string; slug: string }[];
  plainText: string;
  quiz: QuizDefinition | null;
  /** Source with <Quiz> blocks replaced by <QuizSlot />: what is compiled and sent to browsers. */
  publicSource: string;
  components: { name: string; at: Position }[];
  links: { url: string; at: Position }[];
  images: { url: string; at: Position }[];
  videos: AnalyzedVideo[];
  problems: { at: Position; message: string }[];
}

type JsxNode = { type: string; name?: string | null; attributes?: { type: string; name?: string; value?: unknown }[]; children?: JsxNode[]; position?: { start: { line: number; column: number; offset?: number }; end: { offset?: number } } };

const at = (n: { position?: { start: { line: number; column: number } } }): Position => ({ line: n.position?.start.line ?? 1, col: n.position?.start.column ?? 1 });

function attr(node: JsxNode, name: string): string | boolean | null {
  const a = node.attributes?.find((x) => x.type === "mdxJsxAttribute" && x.name === name);
  if (!a) return null;
  if (a.value === null || a.value === undefined) return true; // <Option correct>
  if (typeof a.value === "string") return a.value;
  const expr = (a.value as { value?: string }).value?.trim();
  return expr === "true" ? true : expr === "false" ? false : expr ?? null;
}

/**
 * Markdown from the wild often carries HTML that MDX rejects: void tags without a slash (`<br>`) and
 * HTML comments. Outside fenced code, rewrite them to their MDX forms before parsing.
 */
export function normaliseHtml(source: string): string {
  const parts = source.split(/(^```[\s\S]*?^```)/m);
  const prose = (text: string) => text
    .replace(/<!--([\s\S]*?)-->/g, (_m, body: string) => `{/*${body.replace(/\*\//g, "* /")}*/}`)
    .replace(/<(br|hr|img|input|source|track|wbr)(\s[^<>]*?)?\s*(?<!\/)>/gi, (_m, tag: string, attrs = "") => `<${tag}${attrs} />`)
    // HTML attributes that React spells differently, and CSS strings React needs as objects.
    .replace(/<[a-z][a-z0-9]*\s[^<>]*>/g, (tag) => tag
      .replace(/\s([a-z-]+)(?=[\s>/=])/g, (m, name: string) => (REACT_ATTRS[name] ? ` ${REACT_ATTRS[name]}` : m))
      .replace(/\sstyle="([^"]*)"/g, (_m, css: string) => ` style={${JSON.stringify(cssObject(css))}}`))
    // A "<" that cannot start a tag (as in "Gradio <> MCP" or "a < b") is text.
    .replace(/<(?=[\s>=\d])/g, "&lt;");
  return parts.map((part, i) => (i % 2 === 1 ? part : part.split(/(`+[^`\n]*`+)/).map((p, j) => (j % 2 === 1 ? p : prose(p))).join(""))).join("");
}

const REACT_ATTRS: Record<string, string> = {
  class: "className", for: "htmlFor", frameborder: "frameBorder", allowfullscreen: "allowFullScreen", referrerpolicy: "referrerPolicy",
  autoplay: "autoPlay", playsinline: "playsInline", crossorigin: "crossOrigin", tabindex: "tabIndex", srcset: "srcSet",
  colspan: "colSpan", rowspan: "rowSpan", readonly: "readOnly", maxlength: "maxLength", cellpadding: "cellPadding", cellspacing: "cellSpacing",
};

function cssObject(css: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const decl of css.split(";")) {
    const [prop, ...rest] = decl.split(":");
    if (!prop?.trim() || !rest.length) continue;
    out[prop.trim().replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())] = rest.join(":").trim();
  }
  return out;
}

/** Parses MDX once (remark + remark-mdx): headings for the table of contents, text for search, quiz, links. */
export function analyzeMdx(raw: string): MdxAnalysis {
  const source = normaliseHtml(raw);
  const tree = unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm).use(remarkMdx).parse(source) as Root;
  const slugger = new GithubSlugger();
  const out: MdxAnalysis = { headings: [], plainText: "", quiz: null, publicSource: source, components: [], links: [], images: [], videos: [], problems: [] };
  const text: string[] = [];
  const quizNodes: JsxNode[] = [];
  visit(tree, (node) => {
    const n = node as unknown as JsxNode & { depth?: number; url?: string };
    if (n.type === "heading") {
      const t = toString(node);
      const slug = slugger.slug(t);
      if (n.depth && n.depth >= 2 && n.depth <= 3) out.headings.push({ depth: n.depth, text: t, slug });
    } else if (n.type === "link" && n.url) out.links.push({ url: n.url, at: at(n) });
    else if (n.type === "image" && n.url) out.images.push({ url: n.url, at: at(n) });
    else if ((n.type === "mdxJsxFlowElement" || n.type === "mdxJsxTextElement") && n.name) {
      out.components.push({ name: n.name, at: at(n) });
      if (n.name === "Quiz") { quizNodes.push(n); return "skip"; }
      if (n.name === "Video") addVideo(n, out);
      for (const key of n.name === "Video" ? ["href"] : ["src", "href"]) {
        const v = attr(n, key);
        if (typeof v === "string") (key === "src" ? out.images : out.links).push({ url: v, at: at(n) });
      }
    } else if (n.type === "text" || n.type === "inlineCode") text.push(String((node as unknown as { value: string }).value));
    return undefined;
  });
  out.plainText = text.join(" ").replace(/\s+/g, " ").trim();
  if (quizNodes.length > 1) out.problems.push({ at: at(quizNodes[1]!), message: "only one <Quiz> per lesson" });
  const quizNode = quizNodes[0];
  if (quizNode) {
    const quiz = extractQuiz(quizNode, out.problems);
    out.quiz = quiz;
    const start = quizNode.position?.start.offset;
    const end = quizNode.position?.end.offset;
    if (start !== undefined && end !== undefined) out.publicSource = `${source.slice(0, start)}<QuizSlot />${source.slice(end)}`;
  }
  return out;
}

function addVideo(node: JsxNode, out: MdxAnalysis) {
  const str = (name: string) => { const v = attr(node, name); return typeof v === "string" && v.trim() ? v.trim() : undefined; };
  const key = videoKey({ youtube: str("youtube"), vimeo: str("vimeo"), src: str("src") });
  if (!key) { out.problems.push({ at: at(node), message: "<Video> needs youtube=\"…\", vimeo=\"…\" or src=\"…\"" }); return; }
  const src = str("src");
  if (src && !/^\/(?!\/)/.test(src)) out.problems.push({ at: at(node), message: `<Video src="${src}">: the site serves videos only from its own public/ folder (CSP media-src 'self'): put the file under public/media/ and write src="/media/…"` });
  if (!str("title")) out.problems.push({ at: at(node), message: "<Video> needs a title=\"…\"" });
  const rawDuration = str("duration");
  const durationSeconds = rawDuration === undefined ? null : Number(rawDuration);
  if (durationSeconds !== null && !(Number.isFinite(durationSeconds) && durationSeconds > 0 && durationSeconds <= 86_400)) {
    out.problems.push({ at: at(node), message: `<Video> duration must be the video's length in seconds (1 to 86400), not "${rawDuration}"` });
    return;
  }
  if (out.videos.some((v) => v.key === key)) { out.problems.push({ at: at(node), message: `the same video (${key}) appears twice in this lesson` }); return; }
  out.videos.push({ key, title: str("title") ?? key, durationSeconds, at: at(node) });
}

function extractQuiz(node: JsxNode, problems: MdxAnalysis["problems"]): QuizDefinition {
  const questions: QuizDefinition["questions"] = [];
  const flat = (n: JsxNode): JsxNode[] => (n.children ?? []).flatMap((c) => (c.type === "paragraph" ? flat(c) : [c]));
  for (const q of flat(node).filter((c) => c.name === "Question")) {
    const id = String(attr(q, "id") ?? `q${questions.length + 1}`);
    const prompt = attr(q, "prompt");
    if (typeof prompt !== "string" || !prompt.trim()) problems.push({ at: at(q), message: `question "${id}" needs a prompt="…"` });
    const options = flat(q).filter((c) => c.name === "Option").map((o, i) => ({ id: `${id}-o${i + 1}`, text: toString(o as unknown as Content).trim(), correct: attr(o, "correct") === true }));
    if (options.length < 2) problems.push({ at: at(q), message: `question "${id}" needs at least two <Option>s` });
    if (!options.some((o) => o.correct)) problems.push({ at: at(q), message: `question "${id}" has no <Option correct>` });
    const multiple = attr(q, "multiple") === true || options.filter((o) => o.correct).length > 1;
    const explanation = attr(q, "explanation");
    questions.push({ id, prompt: typeof prompt === "string" ? prompt : "", multiple, explanation: typeof explanation === "string" ? explanation : null, options });
  }
  if (!questions.length) problems.push({ at: at(node), message: "<Quiz> has no <Question>" });
  if (new Set(questions.map((q) => q.id)).size !== questions.length) problems.push({ at: at(node), message: "question ids in a quiz must be unique" });
  return { id: String(attr(node, "id") ?? "quiz"), questions };
}
