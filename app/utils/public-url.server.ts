import { getEnv } from "#app/env.server";

/**
 * The academy's own origin for links that leave the site (emails, certificates): PUBLIC_URL when set,
 * otherwise the server's own address. Never the request's Host / X-Forwarded-Host, which a client chooses.
 */
export function publicBaseUrl(): string {
  const env = getEnv();
  if (env.PUBLIC_URL) return env.PUBLIC_URL.replace(/\/+$/, "");
  const host = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
  return `http://${host}:${env.PORT}`;
}

/** An absolute link to `path` on the academy (publicBaseUrl). */
export function publicUrl(path = ""): string {
  return `${publicBaseUrl()}${path}`;
}
