import { mdxComponents } from "./index";
import { LessonContext, type LessonContextValue } from "./LessonContext";
import { mdxComponent, type MdxRef } from "./compiled-mdx";

/**
 * Renders compiled lesson content. The script before it registers the content in the browser: on a
 * full page load it runs while the HTML is parsed, before hydration; on client-side navigation React
 * leaves it inert and the route's clientLoader has loaded the content already (loadMdx).
 */
export function LessonBody({
  body,
  extraComponents,
  context,
}: {
  body: MdxRef;
  extraComponents?: Record<string, unknown>;
  context?: LessonContextValue;
}) {
  const Component = mdxComponent(body.key);
  return (
    <LessonContext.Provider value={context ?? { productUrl: "", quiz: null }}>
      <script src={body.src} />
      <div className="lesson-body">
        <Component components={{ ...mdxComponents, ...(extraComponents ?? {}) }} />
      </div>
    </LessonContext.Provider>
  );
}
