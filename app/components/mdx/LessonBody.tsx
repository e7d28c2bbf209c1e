import { getMDXComponent } from "mdx-bundler/client/index.js";
import { useMemo } from "react";
import { mdxComponents } from "./index";

/** Renders precompiled mdx-bundler code; the function is built once per code string. */
export function LessonBody({ code, extraComponents }: { code: string; extraComponents?: Record<string, unknown> }) {
  const Component = useMemo(() => getMDXComponent(code), [code]);
  return (
    <div className="lesson-body">
      <Component components={{ ...mdxComponents, ...(extraComponents ?? {}) } as never} />
    </div>
  );
}
