import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { getEnv } from "#app/env.server";
import {
  addressAllowed,
  hostAllowlisted,
  hostOf,
  isIpLiteral,
  parseAllowlist,
  type TargetAllowlist,
} from "./allowlist.server";

/**
 * Where webhooks may be sent (server-side request forgery guard): checked when an admin adds a webhook
 * and again on every delivery, after DNS resolution, on the address the request then connects to
 * (a `lookup` hook of node:http, so a name that resolves differently a moment later — DNS rebinding —
 * cannot swap in another address). Rules: allowlist.server.ts.
 */

export type Resolve = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface TargetPolicy {
  allow: TargetAllowlist;
  resolve: Resolve;
}

const CREATE_LOOKUP_MS = 5_000;

const systemResolve: Resolve = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

let envAllowlist: TargetAllowlist | undefined;

/** The policy from the environment: WEBHOOK_ALLOWED_HOSTS (validated at start) and the system resolver. */
export function defaultTargetPolicy(): TargetPolicy {
  envAllowlist ??= parseAllowlist(getEnv().WEBHOOK_ALLOWED_HOSTS);
  return { allow: envAllowlist, resolve: systemResolve };
}

/** The delivery log's words for a failure: never the raw error, which would map the admin's network. */
export const REFUSED_PRIVATE = "target refused: private address";
export const CONNECTION_FAILED = "connection failed";
export const TIMED_OUT = "timed out";

/**
 * What the admin page shows for a stored error: one of the reasons above or an HTTP status, else
 * "connection failed" (rows logged before this rule carried raw network errors).
 */
export function publicDeliveryError(stored: string | null): string | null {
  if (stored === null) return null;
  return [REFUSED_PRIVATE, CONNECTION_FAILED, TIMED_OUT].includes(stored) || /^HTTP \d{3}$/.test(stored)
    ? stored
    : CONNECTION_FAILED;
}

export class TargetRefused extends Error {
  constructor() {
    super(REFUSED_PRIVATE);
  }
}

/** The addresses a host name resolves to, all of them allowed, or TargetRefused (one bad one is enough). */
async function resolveAllowed(policy: TargetPolicy, host: string) {
  const addresses = await policy.resolve(host);
  if (hostAllowlisted(policy.allow, host)) return addresses;
  if (addresses.some((a) => !addressAllowed(policy.allow, a.address))) throw new TargetRefused();
  return addresses;
}

/**
 * Creation-time check of a webhook URL. Returns a message for the form, or null when acceptable.
 * A name that does not resolve now (or within 5 s) is accepted (the receiver may not exist yet): every
 * delivery checks.
 */
export async function webhookUrlProblem(
  raw: string,
  policy: TargetPolicy = defaultTargetPolicy(),
): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, e.g. https://hooks.example.com/uplift";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "Use an http(s) URL.";
  if (url.username || url.password) return "Put credentials in the receiver's configuration, not in the URL.";
  const host = hostOf(url);
  const refused =
    "This address is private or local (loopback, private network, link-local, metadata service, carrier-grade NAT…): " +
    "webhooks go to public addresses only. An administrator can allow an on-premises receiver with WEBHOOK_ALLOWED_HOSTS.";
  if (isIpLiteral(host)) return addressAllowed(policy.allow, host) ? null : refused;
  try {
    // Bounded: an admin's form should not wait on a slow resolver (deliveries check again anyway).
    await Promise.race([
      resolveAllowed(policy, host),
      new Promise((resolve) => setTimeout(resolve, CREATE_LOOKUP_MS).unref()),
    ]);
    return null;
  } catch (err) {
    return err instanceof TargetRefused ? refused : null;
  }
}

/** node:http `lookup`: resolves through the policy and hands the socket only addresses that passed. */
function checkedLookup(policy: TargetPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolveAllowed(policy, hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase()).then(
      (all) => {
        const wanted =
          options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
        const first = wanted[0];
        if (!first) return callback(Object.assign(new Error("no address"), { code: "ENOTFOUND" }), "", 0);
        if (options.all) return (callback as unknown as (e: null, a: typeof wanted) => void)(null, wanted);
        return callback(null, first.address, first.family);
      },
      (err: NodeJS.ErrnoException) => callback(err, "", 0),
    );
  };
}

/**
 * POSTs a webhook body and answers the HTTP status, or throws TargetRefused / an Error whose message is
 * one of the generic reasons above. Redirects are not followed (the status is the answer).
 */
export function postToTarget(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  opts: { policy: TargetPolicy; timeoutMs: number },
): Promise<number> {
  const url = new URL(rawUrl);
  const host = hostOf(url);
  if (url.protocol !== "http:" && url.protocol !== "https:") return Promise.reject(new TargetRefused());
  // An IP literal never goes through `lookup`: check it here.
  if (isIpLiteral(host) && !addressAllowed(opts.policy.allow, host)) return Promise.reject(new TargetRefused());
  return new Promise<number>((resolve, reject) => {
    const request = (url.protocol === "https:" ? https : http).request(
      url,
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        lookup: checkedLookup(opts.policy),
        agent: false, // a fresh connection per delivery: no pooled socket to an address checked earlier
        signal: AbortSignal.timeout(opts.timeoutMs),
      },
      (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy(); // only the status matters; never read an endless body
      },
    );
    request.on("error", (err: NodeJS.ErrnoException) => {
      if (err instanceof TargetRefused || err.cause instanceof TargetRefused || err.message === REFUSED_PRIVATE)
        reject(new TargetRefused());
      else if (err.name === "AbortError" || err.name === "TimeoutError" || err.code === "ABORT_ERR")
        reject(new Error(TIMED_OUT));
      else reject(new Error(CONNECTION_FAILED));
    });
    request.end(body);
  });
}
