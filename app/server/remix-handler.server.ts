import type { IncomingHttpHeaders } from "node:http";
import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import { requestBody } from "./body-limit.server";

/**
 * @remix-run/express's request handler (same request and response mapping) with two changes: the body Remix reads is the byte-counted
 * stream of body-limit.server.ts (its adapter reads the raw socket stream, so a chunked body had no
 * limit), and a request whose body fails (too large, client gone) is aborted, so Remix neither logs it
 * as a server error nor answers after the 413.
 */
export function createRemixHandler(opts: {
  build: ServerBuild;
  mode: "production" | "development";
  getLoadContext: (req: Request, res: Response) => AppLoadContext;
}) {
  const handleRequest = createRequestHandler(opts.build, opts.mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const request = createRemixRequest(req, res);
      const response = await handleRequest(request, opts.getLoadContext(req, res));
      if (res.headersSent) return; // answered already (413 from the body limit)
      await sendRemixResponse(res, response);
    } catch (error) {
      if (res.headersSent) return;
      next(error);
    }
  };
}

function createRemixRequest(req: Request, res: Response): globalThis.Request {
  const controller = new AbortController();
  const init: RequestInit & { duplex?: "half" } = {
    method: req.method,
    headers: createRemixHeaders(req.headers),
    signal: controller.signal,
  };
  if (req.method !== "GET" && req.method !== "HEAD") {
    const body = requestBody(req);
    body.once("error", () => controller.abort());
    init.body = createReadableStreamFromReadable(body);
    init.duplex = "half";
  }
  // Abort loaders and actions once no answer can be written (closed without finishing).
  let answered = false;
  res.on("finish", () => {
    answered = true;
  });
  res.on("close", () => {
    if (!answered) controller.abort();
  });
  return new Request(requestUrl(req), init);
}

/** Same URL as @remix-run/express builds: host (and port) honour the app's `trust proxy` setting. */
function requestUrl(req: Request): string {
  const trusted = (req.app.get("trust proxy fn") as (addr: string | undefined, hop: number) => boolean)(
    req.socket.remoteAddress,
    0,
  );
  const forwardedHost = trusted ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
  const host = forwardedHost || req.get("host") || "localhost";
  return new URL(`${req.protocol}://${host}${req.originalUrl}`).href;
}

function createRemixHeaders(requestHeaders: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(requestHeaders)) {
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else if (values) headers.set(key, values);
  }
  return headers;
}

async function sendRemixResponse(res: Response, response: globalThis.Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
