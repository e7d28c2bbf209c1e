import * as React from "react";
import * as ReactDOM from "react-dom";
import * as jsxRuntime from "react/jsx-runtime";

/**
 * Compiled lesson content (mdx-bundler output) as components, without `eval`: the browser receives
 * each content version as a same-origin script (`/courses/…/body.js?v=<key>`, made by
 * app/content/mdx-script.server.ts) that registers a factory under its key in `__upliftMdx`; the server
 * registers the same factory for its own render. So the page's CSP needs no 'unsafe-eval', and the
 * lesson's code is no longer part of the page's loader data (the browser caches the script).
 */
export interface MdxRef {
  /** Content key: a hash of the compiled code, so a new version is a new key (and URL). */
  key: string;
  /** URL of the script that registers this content in the browser. */
  src: string;
}

type MdxComponent = React.ComponentType<{ components?: Record<string, unknown> }>;
export type MdxFactory = (
  react: typeof React,
  reactDom: typeof ReactDOM,
  jsx: typeof jsxRuntime,
) => { default: MdxComponent };

const REGISTRY = "__upliftMdx";
function registry(): Record<string, MdxFactory> {
  const g = globalThis as unknown as Record<typeof REGISTRY, Record<string, MdxFactory> | undefined>;
  return (g[REGISTRY] ??= {});
}

/** Components made from registered factories: making one runs the bundle, so each is made once. */
const components = new Map<string, MdxComponent>();

export function registerMdx(key: string, factory: MdxFactory) {
  registry()[key] = factory;
}

/** Drops a content version (server-side bound on memory). */
export function forgetMdx(key: string) {
  delete registry()[key];
  components.delete(key);
}

export function isMdxLoaded(key: string): boolean {
  return key in registry();
}

export function mdxComponent(key: string): MdxComponent {
  let component = components.get(key);
  if (!component) {
    const factory = registry()[key];
    if (!factory) throw new Error(`Lesson content ${key} is not loaded.`);
    component = factory(React, ReactDOM, jsxRuntime).default;
    components.set(key, component);
  }
  return component;
}

const loading = new Map<string, Promise<void>>();

/** Browser only: loads a content script once; resolves when its factory is registered. */
export function loadMdx(ref: MdxRef): Promise<void> {
  if (isMdxLoaded(ref.key)) return Promise.resolve();
  let pending = loading.get(ref.key);
  if (!pending) {
    pending = new Promise<void>((resolve, reject) => {
      const script = document.createElement("script");
      script.src = ref.src;
      script.async = true;
      script.onload = () =>
        isMdxLoaded(ref.key) ? resolve() : reject(new Error("The lesson content could not be loaded."));
      script.onerror = () => reject(new Error("The lesson content could not be loaded."));
      document.head.appendChild(script);
    }).finally(() => loading.delete(ref.key));
    loading.set(ref.key, pending);
  }
  return pending;
}
