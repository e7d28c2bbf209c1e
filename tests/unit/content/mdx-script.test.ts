import { describe, expect, it } from "vitest";
import { mdxCacheSizes, mdxKey, mdxRef, mdxScript } from "#app/content/mdx-script.server";
import { isMdxLoaded, mdxComponent } from "#app/components/mdx/compiled-mdx";

const code = (n: number) => `return { default: function MDXContent() { return ${JSON.stringify(`version ${n}`)}; } };`;

describe("lesson content scripts: keys and memory bounds", () => {
  it("keys content by its code: the same code one key, any change a new key and URL", () => {
    expect(mdxKey(code(1))).toBe(mdxKey(code(1)));
    expect(mdxKey(code(2))).not.toBe(mdxKey(code(1)));
    const ref = mdxRef(code(1), "/courses/c/l/body.js");
    expect(ref).toEqual({ key: mdxKey(code(1)), src: `/courses/c/l/body.js?v=${mdxKey(code(1))}` });
    expect(mdxScript(code(1))).toContain(`[${JSON.stringify(ref.key)}] = function (React, ReactDOM, _jsx_runtime) {`);
  });

  it("keeps a bounded number of versions: the least recently used is forgotten, the rest still render", () => {
    const { maxRegistered } = mdxCacheSizes();
    const first = mdxRef(code(-1), "/x");
    const kept = mdxRef(code(-2), "/x");
    for (let n = 0; n < maxRegistered; n++) {
      mdxRef(code(n), "/x");
      if (n % 100 === 0) mdxRef(code(-2), "/x"); // in use: stays
    }
    expect(mdxCacheSizes().registered).toBe(maxRegistered);
    expect(isMdxLoaded(first.key)).toBe(false);
    expect(() => mdxComponent(first.key)).toThrow(/not loaded/);
    expect(isMdxLoaded(kept.key)).toBe(true);
    const Latest = mdxComponent(mdxKey(code(maxRegistered - 1))) as unknown as () => string;
    expect(Latest()).toBe(`version ${maxRegistered - 1}`);
    // Keys for scripts served without a render (another worker rendered the page) are bounded too.
    for (let n = 0; n < 3 * maxRegistered; n++) mdxKey(`// served only ${n}`);
    expect(mdxCacheSizes().keys).toBeLessThanOrEqual(2 * maxRegistered);
  });
});
