import { getMDXComponent } from "mdx-bundler/client/index.js";
import { useMemo } from "react";
import { mdxComponents } from "./index";
import { LessonContext, type LessonContextValue } from "./LessonContext";

/** Renders precompiled mdx-bundler code; the function is built once per code string. */
export function LessonBody({ code, extraComponents, context }: { code: string; extraComponents?: Record<string, unknown>; context?: LessonContextValue }) {
  const Component = useMemo(() => getMDXComponent(code), [code]);
  return (
    <LessonContext.Provider value={context ?? { productUrl: "", quiz: null }}>
      <div className="lesson-body">
        <Component components={{ ...mdxComponents, ...(extraComponents ?? {}) } as never} />
      </div>
    </LessonContext.Provider>
  );
}
