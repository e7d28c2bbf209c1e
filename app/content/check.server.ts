import fs from "node:fs";
import path from "node:path";
import { analyzeMdx } from "./analyze";
import { compileMdx } from "./compile.server";
import { keyLine, loadContent, type ContentProblem, type CourseSource } from "./load.server";
import { FEATURE_KEYS } from "./product-features";
import { readIdRegistry } from "./id-registry.server";
import { checkTranslations } from "./check-translations.server";

/** Components authors may write (app/components/mdx/index.ts renders them); Question/Option only inside <Quiz>. */
const KNOWN_COMPONENTS = new Set(["Callout", "Checklist", "FeatureLink", "Step", "Steps", "Tab", "Tabs", "Video", "Quiz", "Question", "Option"]);

/**
 * Validates every content file: frontmatter, ids (duplicate or changed), prerequisites (unknown or
 * cyclic), a course's estimatedMinutes against the sum of its lessons' minutes, feature keys, components, internal links and images, quiz structure and MDX syntax; translations: stale (sourceHash) or with a quiz shaped unlike the source's.
 * Every problem names path:line:col.
 */
export async function checkContent(contentDir: string, opts: { cacheDir: string }): Promise<ContentProblem[]> {
  const { courses, problems } = await loadContent(contentDir);
  const courseIds = new Map<string, string>();
  const lessonIds = new Map<string, string>();
  const registry = readIdRegistry(contentDir);
  const relToContent = (file: string) => path.relative(path.resolve(contentDir), path.resolve(file));
  for (const c of courses) {
    const dup = courseIds.get(c.frontmatter.id);
    if (dup) problems.push({ file: c.file, line: keyLine(c.source, "id"), col: 1, message: `duplicate course id "${c.frontmatter.id}" (also in ${dup})` });
    courseIds.set(c.frontmatter.id, c.file);
    for (const l of c.lessons) {
      const dupL = lessonIds.get(l.frontmatter.id) ?? (courseIds.has(l.frontmatter.id) ? courseIds.get(l.frontmatter.id) : undefined);
      if (dupL) problems.push({ file: l.file, line: keyLine(l.source, "id"), col: 1, message: `duplicate id "${l.frontmatter.id}" (also in ${dupL})` });
      lessonIds.set(l.frontmatter.id, l.file);
    }
    for (const f of [{ file: c.file, source: c.source, id: c.frontmatter.id }, ...c.lessons.map((l) => ({ file: l.file, source: l.source, id: l.frontmatter.id }))]) {
      const was = registry[relToContent(f.file)];
      if (was && was !== f.id) problems.push({ file: f.file, line: keyLine(f.source, "id"), col: 1, message: `id changed from "${was}" to "${f.id}": ids are permanent because learners' progress is keyed on them (rename the file instead, keep the id)` });
    }
  }
  for (const c of courses) {
    for (const pre of c.frontmatter.prerequisites) {
      if (!courseIds.has(pre)) problems.push({ file: c.file, line: keyLine(c.source, "prerequisites"), col: 1, message: `unknown prerequisite "${pre}"` });
    }
    for (const feature of c.frontmatter.features) {
      if (!FEATURE_KEYS.includes(feature)) problems.push({ file: c.file, line: keyLine(c.source, "features"), col: 1, message: `unknown feature key "${feature}" (see app/content/product-features.ts)` });
    }
    const lessonMinutes = c.lessons.reduce((sum, l) => sum + l.frontmatter.estimatedMinutes, 0);
    if (c.lessons.length && c.frontmatter.estimatedMinutes !== lessonMinutes) {
      problems.push({ file: c.file, line: keyLine(c.source, "estimatedMinutes"), col: 1, message: `estimatedMinutes is ${c.frontmatter.estimatedMinutes} but the lessons add up to ${lessonMinutes} (${c.lessons.map((l) => `${l.frontmatter.id} ${l.frontmatter.estimatedMinutes}`).join(" + ")}): set it to ${lessonMinutes}` });
    }
    if (hasCycle(c.frontmatter.id, courses)) problems.push({ file: c.file, line: keyLine(c.source, "prerequisites"), col: 1, message: `prerequisites form a cycle through "${c.frontmatter.id}"` });
    for (const file of [{ file: c.file, source: c.source }, ...c.lessons, ...c.translations, ...c.lessons.flatMap((l) => l.translations)]) {
      problems.push(...(await checkFile(file, c, courses, opts.cacheDir)));
    }
    problems.push(...checkTranslations(c));
  }
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function hasCycle(start: string, courses: CourseSource[]): boolean {
  const prereqs = new Map(courses.map((c) => [c.frontmatter.id, c.frontmatter.prerequisites]));
  const stack = [...(prereqs.get(start) ?? [])];
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop()!;
    if (id === start) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(prereqs.get(id) ?? []));
  }
  return false;
}

async function checkFile(file: { file: string; source: string }, course: CourseSource, courses: CourseSource[], cacheDir: string): Promise<ContentProblem[]> {
  const problems: ContentProblem[] = [];
  let analysis;
  try {
    analysis = analyzeMdx(file.source);
  } catch (err) {
    const e = err as { line?: number; column?: number; reason?: string; message?: string; place?: { line?: number; column?: number; start?: { line: number; column: number } } };
    // micromark reports some positions only inside the reason text, e.g. "… (9:1-9:21)".
    const inText = /\((\d+):(\d+)(?:-\d+:\d+)?\)/.exec(String(e.reason ?? e.message ?? ""));
    const line = e.line ?? e.place?.start?.line ?? e.place?.line ?? (inText ? Number(inText[1]) : 1);
    const col = e.column ?? e.place?.start?.column ?? e.place?.column ?? (inText ? Number(inText[2]) : 1);
    return [{ file: file.file, line, col, message: `MDX syntax error: ${e.reason ?? e.message}` }];
  }
  for (const p of analysis.problems) problems.push({ file: file.file, line: p.at.line, col: p.at.col, message: p.message });
  const lesson = course.lessons.find((l) => l.file === file.file);
  if (lesson?.frontmatter.requireWatch !== undefined && !analysis.videos.length) {
    problems.push({ file: file.file, line: keyLine(file.source, "requireWatch"), col: 1, message: `requireWatch: ${lesson.frontmatter.requireWatch} needs a <Video> in the lesson (there is none): add one or remove requireWatch` });
  }
  // Under a watch rule the academy must know each video's length: a learner's player (or a crafted
  // request) reporting it could otherwise call the video a few seconds long and complete at once.
  if (lesson?.frontmatter.requireWatch !== undefined) {
    for (const v of analysis.videos.filter((x) => x.durationSeconds === null))
      problems.push({ file: file.file, line: v.at.line, col: v.at.col, message: `<Video title="${v.title}"> needs duration={seconds} because the lesson has requireWatch: the academy checks watching against the length you declare` });
  }
  for (const comp of analysis.components) {
    if (!KNOWN_COMPONENTS.has(comp.name) && /^[A-Z]/.test(comp.name)) problems.push({ file: file.file, line: comp.at.line, col: comp.at.col, message: `unknown component <${comp.name}> (available: ${[...KNOWN_COMPONENTS].join(", ")})` });
  }
  const dir = path.dirname(path.resolve(file.file));
  for (const img of analysis.images) {
    if (/^(https?:|data:)/.test(img.url)) continue;
    if (!fs.existsSync(path.resolve(dir, decodeURI(img.url.split("?")[0]!)))) problems.push({ file: file.file, line: img.at.line, col: img.at.col, message: `broken image "${img.url}" (file not found next to the lesson)` });
  }
  for (const video of analysis.videos) {
    const url = video.key.startsWith("src:/") ? video.key.slice("src:".length).split(/[?#]/)[0]! : null;
    if (url && !fs.existsSync(path.resolve("public", decodeURI(url.slice(1))))) problems.push({ file: file.file, line: video.at.line, col: video.at.col, message: `broken video "${url}" (no file public${url})` });
  }
  for (const link of analysis.links) {
    const m = /^\/courses\/([^/#?]+)(?:\/([^/#?]+))?/.exec(link.url);
    if (m) {
      const target = courses.find((c) => c.frontmatter.id === m[1]);
      if (!target || (m[2] && !target.lessons.some((l) => l.frontmatter.id === m[2]))) problems.push({ file: file.file, line: link.at.line, col: link.at.col, message: `broken internal link "${link.url}"` });
    } else if (/^\.{0,2}\//.test(link.url) && !fs.existsSync(path.resolve(dir, link.url.split(/[?#]/)[0]!))) {
      problems.push({ file: file.file, line: link.at.line, col: link.at.col, message: `broken link "${link.url}" (file not found)` });
    }
  }
  if (!problems.length) {
    try {
      await compileMdx(file.source, { cwd: path.resolve(course.dir), cacheDir });
    } catch (err) {
      const e = err as { line?: number; column?: number; errors?: { location?: { line: number; column: number }; text: string }[]; message?: string };
      const loc = e.errors?.[0]?.location;
      problems.push({ file: file.file, line: e.line ?? loc?.line ?? 1, col: e.column ?? (loc ? loc.column + 1 : 1), message: `MDX error: ${e.errors?.[0]?.text ?? (e.message ?? String(err)).split("\n")[0]}` });
    }
  }
  return problems;
}
