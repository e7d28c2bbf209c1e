import { getMDXComponent } from "mdx-bundler/client/index.js";
import { mdxComponents } from "./index";
import { LessonContext, type LessonContextValue } from "./LessonContext";

type MdxComponent = ReturnType<typeof getMDXComponent>;

/**
 * Components built from precompiled mdx-bundler code, shared across renders and requests:
 * getMDXComponent evaluates the bundle with `new Function`, which costs more than rendering the
 * lesson, so the server must not redo it per request. Bounded (oldest out first) for academies with
 * many lessons; the bundle text is the key, so a republished lesson gets a fresh component.
 */
const MAX_CACHED = 300;
const cache = new Map<string, MdxComponent>();

function componentFor(code: string): MdxComponent {
  let component = cache.get(code);
  if (!component) {
    component = getMDXComponent(code);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(code, component);
  }
  return component;
}

/** Renders precompiled mdx-bundler code. */
export function LessonBody({ code, extraComponents, context }: { code: string; extraComponents?: Record<string, unknown>; context?: LessonContextValue }) {
  const Component = componentFor(code);
  return (
    <LessonContext.Provider value={context ?? { productUrl: "", quiz: null }}>
      <div className="lesson-body">
        <Component components={{ ...mdxComponents, ...(extraComponents ?? {}) } as never} />
      </div>
    </LessonContext.Provider>
  );
}
