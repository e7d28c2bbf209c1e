import crypto from "node:crypto";
import { forgetMdx, registerMdx, type MdxFactory, type MdxRef } from "#app/components/mdx/compiled-mdx";

/**
 * Server side of compiled-mdx.ts: keys compiled content, registers it for the server's render, and
 * serves it to the browser as a script that registers the same factory — no `eval` in the browser.
 * mdx-bundler's output is a function body over React, ReactDOM and _jsx_runtime that returns the
 * module (mdx-bundler's getMDXExport calls it with `new Function`); the script wraps it in a plain function.
 */
const PARAMS = ["React", "ReactDOM", "_jsx_runtime"] as const;
/** Content versions registered in this process (insertion order = least recently used first). */
const MAX_REGISTERED = 1000;
const registered = new Map<string, string>(); // key -> code
const keyOfCode = new Map<string, string>(); // code -> key (V8 caches a string's hash on the string)

export function mdxKey(code: string): string {
  let key = keyOfCode.get(code);
  if (!key) {
    key = crypto.createHash("sha256").update(code).digest("hex").slice(0, 24);
    // Scripts are also served for versions this process never rendered (another worker did): bounded.
    if (keyOfCode.size >= 2 * MAX_REGISTERED) keyOfCode.delete(keyOfCode.keys().next().value!);
    keyOfCode.set(code, key);
  }
  return key;
}

/** How many content versions this process holds (for tests of the bounds). */
export function mdxCacheSizes() {
  return { registered: registered.size, keys: keyOfCode.size, maxRegistered: MAX_REGISTERED };
}

/** Registers compiled content for this process's render and names the script the browser loads. */
export function mdxRef(code: string, scriptPath: string): MdxRef {
  const key = mdxKey(code);
  if (registered.has(key)) {
    registered.delete(key); // most recently used last
  } else {
    registerMdx(key, new Function(...PARAMS, code) as MdxFactory);
    if (registered.size >= MAX_REGISTERED) {
      const [oldKey, oldCode] = registered.entries().next().value!;
      registered.delete(oldKey);
      keyOfCode.delete(oldCode);
      forgetMdx(oldKey);
    }
  }
  registered.set(key, code);
  return { key, src: `${scriptPath}${scriptPath.includes("?") ? "&" : "?"}v=${key}` };
}

/** The script that registers `code` in the browser under its key. */
export function mdxScript(code: string): string {
  const key = mdxKey(code);
  return `(self.__upliftMdx = self.__upliftMdx || {})[${JSON.stringify(key)}] = function (${PARAMS.join(", ")}) {\n${code}\n};\n`;
}

/**
 * The script as a response. A URL naming the current version (`?v=<key>`) never changes, so the
 * browser keeps it (private: it is only for signed-in people allowed to see the lesson); any other
 * URL gets the current version, revalidated every time.
 */
export function mdxScriptResponse(code: string, request: Request): Response {
  const current = new URL(request.url).searchParams.get("v") === mdxKey(code);
  return new Response(mdxScript(code), {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": current ? "private, max-age=31536000, immutable" : "private, no-cache",
    },
  });
}
