import type { NextFunction, Request, Response } from "express";

/** Refuses request bodies larger than the limit with 413 before anything reads them. */
export function bodyLimit(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const length = Number(req.get("content-length") ?? 0);
    if (length > maxBytes) {
      res.status(413).type("text/plain").send(`Request too large: the limit is ${Math.round(maxBytes / 1024 / 1024)} MB.`);
      return;
    }
    next();
  };
}
