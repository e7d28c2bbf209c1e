import { getEnv } from "#app/env.server";

/**
 * Absolute links that leave the request (emails): always from PUBLIC_URL, never from the request's Host or
 * X-Forwarded-Host, which a client chooses. Without PUBLIC_URL, links point at this machine
 * (http://localhost:PORT), which is right for a local academy and harmless elsewhere.
 */
export function publicUrl(path = ""): string {
  const env = getEnv();
  return `${(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "")}${path}`;
}
