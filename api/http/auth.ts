import type { RequestHandler } from "express";
import { safeEqual } from "../../core/crypto.js";
import { AppError } from "../../core/errors.js";

/** Bearer-token guard of the admin API, compared in constant time. */
export function bearerAuth(token: string): RequestHandler {
  return (req, _res, next) => {
    const header = req.get("authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match || !safeEqual(match[1] ?? "", token)) {
      next(new AppError("unauthorized", "missing or invalid bearer token"));
      return;
    }
    next();
  };
}
