import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Per-request memo: a document GET runs the root loader and the route loader, and both ask who is
 * signed in. The HTTP layer (app/server/app.server.ts) opens one store per request; the session
 * lookup then runs once per request instead of once per loader.
 *
 * The store lives on globalThis because this module is loaded twice: once by the server script (tsx)
 * and once bundled into the Remix build; both copies must see the same AsyncLocalStorage.
 * Only safe (GET/HEAD) requests get a store, so a loader that runs after an action in the same
 * request (no-JS form posts) never sees a value the action may have changed.
 */
type Store = Map<string, Promise<unknown>>;
const KEY = Symbol.for("uplift.requestMemo");
const registry = globalThis as unknown as { [KEY]?: AsyncLocalStorage<Store> };
const storage: AsyncLocalStorage<Store> = (registry[KEY] ??= new AsyncLocalStorage<Store>());

export function runWithRequestMemo<T>(method: string, fn: () => T): T {
  return method === "GET" || method === "HEAD" ? storage.run(new Map(), fn) : fn();
}

/** Runs `compute` once per key within the current request (every time outside one). */
export function memoForRequest<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const store = storage.getStore();
  if (!store) return compute();
  let hit = store.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = compute();
    store.set(key, hit);
  }
  return hit;
}
