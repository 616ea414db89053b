// GET /creatives/:name — the public image URL WhatsApp (or anyone holding the link) fetches.
// `name` is the 32-character token, optionally with its extension (.png/.jpg). No tenant in
// the URL and no listing: the unguessable token (192 bits) is the only key. The bytes never
// change, so the ETag is their sha256 and caches may keep them for a year.
import { Router, type Request, type Response } from "express";
import { TtlCache } from "../../core/cache.js";
import type { ServedCreative } from "./repo.js";
import { isToken } from "./service.js";

export interface CreativeRouteDeps {
  byToken(token: string): Promise<ServedCreative | null>;
  /** Entries kept in memory (each ≤ `cacheMaxBytes`); 0 disables. */
  cacheEntries?: number;
  cacheMaxBytes?: number;
}

const NAME = /^([A-Za-z0-9_-]{32})(?:\.(png|jpg|jpeg))?$/;
const EXT_TYPE: Record<string, string> = { png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg" };

function notFound(res: Response): void {
  res.status(404).json({ error: { code: "not_found", message: "no such creative" } });
}

/** Does If-None-Match name this ETag (weak comparison, `*` included)? */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim();
    return tag === "*" || tag.replace(/^W\//, "") === etag;
  });
}

export function creativeRoutes(d: CreativeRouteDeps): Router {
  const router = Router();
  const cache = new TtlCache<string, ServedCreative>(d.cacheEntries ?? 64, 10 * 60_000);
  const cacheMaxBytes = d.cacheMaxBytes ?? 1024 * 1024;

  router.get("/:name", async (req: Request<{ name: string }>, res, next) => {
    try {
      const m = NAME.exec(req.params.name);
      if (!m || !isToken(m[1]!)) return notFound(res);
      const token = m[1]!;
      let found: ServedCreative | null | undefined = cache.get(token);
      if (!found) {
        found = await d.byToken(token);
        if (found && (d.cacheEntries ?? 64) > 0 && found.bytes.length <= cacheMaxBytes) cache.set(token, found);
      }
      if (!found || (m[2] && EXT_TYPE[m[2]] !== found.mimeType)) return notFound(res);
      const etag = `"${found.sha256}"`;
      res.set({
        "Cache-Control": "public, max-age=31536000, immutable",
        ETag: etag,
        "X-Content-Type-Options": "nosniff",
      });
      if (matchesEtag(req.get("if-none-match"), etag)) return void res.status(304).end();
      res.status(200).set({ "Content-Type": found.mimeType, "Content-Length": String(found.bytes.length) }).end(found.bytes);
    } catch (err) {
      next(err);
    }
  });
  router.use((_req, res) => notFound(res));
  return router;
}
