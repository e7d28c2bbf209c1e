import type { IncomingMessage } from "node:http";
import { Transform, type Readable } from "node:stream";
import type { NextFunction, Request, Response } from "express";

/** Thrown into the body stream of a request that sends more than its limit. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Request body over ${formatMb(limitBytes)} MB.`);
    this.name = "BodyTooLargeError";
  }
}

const countedBodies = new WeakMap<IncomingMessage, Readable>();

/** The stream a handler must read the request body from: byte-counted when bodyLimit() is installed. */
export function requestBody(req: IncomingMessage): Readable {
  return countedBodies.get(req) ?? req;
}

/**
 * Limits every request body to `limitFor(path)` bytes, declared or not. A Content-Length over the limit
 * is refused before anything is read; otherwise the bytes are counted as they stream in (chunked bodies
 * have no length to check), and at the limit reading stops, the handler's body stream errors with
 * BodyTooLargeError, the client gets 413 and the connection is closed. A body the handler never reads
 * is discarded after the answer only up to the same limit (Node would otherwise read it all).
 */
export function bodyLimit(limitFor: (path: string) => number) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!hasBody(req)) return next();
    const limit = limitFor(req.path);
    const declared = Number(req.get("content-length") ?? 0);
    if (declared > limit) return refuse(req, res, limit);
    let seen = 0;
    let refused = false;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        seen += chunk.length;
        if (seen > limit) done(new BodyTooLargeError(limit));
        else done(null, chunk);
      },
    });
    counted.on("error", (error) => {
      if (!(error instanceof BodyTooLargeError)) return;
      refused = true;
      refuse(req, res, limit);
    });
    // A client that goes away mid-body must not leave the handler waiting for the rest forever.
    req.once("close", () => {
      if (!req.complete && !counted.destroyed)
        counted.destroy(new Error("The client closed the connection before sending the whole body."));
    });
    res.once("finish", () => {
      if (refused || req.complete || req.destroyed) return;
      req.unpipe(counted);
      req.on("data", (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > limit) closeWithoutReading(req);
      });
      req.resume();
    });
    req.pipe(counted);
    countedBodies.set(req, counted);
    next();
  };
}

function refuse(req: Request, res: Response, limit: number) {
  req.unpipe();
  req.pause();
  if (res.headersSent) {
    closeWithoutReading(req);
    return;
  }
  res.once("finish", () => closeWithoutReading(req));
  const message = `Request too large: the limit is ${formatMb(limit)} MB.`;
  res.status(413);
  if (req.path.startsWith("/api/"))
    res
      .type("application/json")
      .send(JSON.stringify({ error: { code: "too_large", message: `${message} Split it into batches.` } }));
  else if (req.accepts(["text/plain", "text/html"]) === "text/html")
    res.type("html").send(tooLargePage(message, req.path));
  else res.type("text/plain").send(message);
}

/**
 * A browser's form (a file upload without JavaScript: with it the page refuses the file before sending)
 * gets a page with a way back instead of a bare line of text. The way back is this path on this site.
 */
function tooLargePage(message: string, path: string) {
  const back = path.startsWith("/") && !path.startsWith("//") ? path : "/";
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>File too large · Uplift Academy</title></head><body><main><h1>File too large</h1><p>${esc(message)} Nothing was saved.</p><p><a href="${esc(back)}">Back to the form</a></p></main></body></html>`;
}

/** How long a refused client gets to read the answer before the connection is dropped. */
const LINGER_MS = 2_000;

/**
 * Stops reading, sends FIN and drops the connection shortly after. Closing at once with unread bytes
 * in the socket sends a TCP reset, which can destroy the answer before the client has read it (the
 * client keeps sending while we answer); meanwhile TCP flow control stops the client, since nothing
 * more is read.
 */
function closeWithoutReading(req: IncomingMessage) {
  const socket = req.socket;
  req.removeAllListeners("data");
  req.pause();
  socket.pause();
  if (socket.destroyed) return;
  socket.end();
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

function hasBody(req: IncomingMessage) {
  return req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
}

function formatMb(bytes: number) {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}
