// The one error middleware: typed errors become their status with a short, safe reason;
// anything else is logged and answered 500 with no internals.
import type { ErrorRequestHandler } from "express";
import { AppError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return;
    if (err instanceof AppError) {
      if (err.status >= 500) logger.error({ err, path: req.path }, err.message);
      else logger.info({ code: err.code, path: req.path, reason: err.message }, "request refused");
      res.status(err.status).json({ error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
      return;
    }
    // body-parser errors (malformed JSON, too large) carry a 4xx status
    const status = typeof err?.status === "number" && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status < 500) {
      res.status(status).json({ error: { code: "bad_request", message: status === 413 ? "body too large" : "malformed request body" } });
      return;
    }
    logger.error({ err, path: req.path }, "unhandled error");
    res.status(500).json({ error: { code: "internal", message: "internal error" } });
  };
}
