// GET /creatives/:token on a real HTTP server over the real PostgreSQL.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../core/logger.js";
import { errorHandler } from "../http/errors.js";
import { testDb, uniqueSlug } from "../../test/support/db.js";
import { CreativeRepo } from "./repo.js";
import { creativeRoutes, matchesEtag } from "./route.js";
import { CreativeService, type CreativeResult } from "./service.js";
import { pngSize } from "./testing/png.js";

const db = testDb();
const repo = new CreativeRepo(db);
let server: Server;
let base: string;
let tenantId: string;
let creative: CreativeResult;
let bytes: Buffer;

beforeAll(async () => {
  tenantId = (await db.tenant.create({ data: { slug: uniqueSlug("cr-route"), name: "Route" } })).id;
  const service = new CreativeService({ repo, settings: async () => ({}), generator: null, logger: createLogger("silent"), publicBaseUrl: "https://growai.example.com" });
  creative = await service.create(tenantId, { businessName: "Glow Studio", offer: "20% off facials" });
  bytes = (await service.bytes(tenantId, creative.id)).bytes;
  const app = express();
  app.use("/creatives", creativeRoutes({ byToken: (t) => repo.byToken(t) }));
  app.use(errorHandler(createLogger("silent")));
  server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await db.tenant.delete({ where: { id: tenantId } });
  await db.$disconnect();
});

describe("GET /creatives/:token", () => {
  it("serves the bytes with type, length, sha256 ETag and a year of immutable caching", async () => {
    const res = await fetch(`${base}${creative.path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-length")).toBe(String(bytes.length));
    expect(res.headers.get("etag")).toBe(`"${creative.sha256}"`);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(bytes)).toBe(true);
    expect(pngSize(body)).toEqual([1080, 1080]);
    // the token alone (no extension) works too; HEAD has the headers and no body
    const token = creative.path.split("/").pop()!.replace(/\.png$/, "");
    expect((await fetch(`${base}/creatives/${token}`)).status).toBe(200);
    const head = await fetch(`${base}/creatives/${token}`, { method: "HEAD" });
    expect(head.headers.get("content-length")).toBe(String(bytes.length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it("answers 304 to a matching If-None-Match, 200 to a stale one", async () => {
    const etag = `"${creative.sha256}"`;
    const res = await fetch(`${base}${creative.path}`, { headers: { "if-none-match": etag } });
    expect(res.status).toBe(304);
    expect(res.headers.get("etag")).toBe(etag);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
    expect((await fetch(`${base}${creative.path}`, { headers: { "if-none-match": `"${"0".repeat(64)}"` } })).status).toBe(200);
    expect(matchesEtag(`W/${etag}, "x"`, etag)).toBe(true);
    expect(matchesEtag("*", etag)).toBe(true);
    expect(matchesEtag(undefined, etag)).toBe(false);
  });

  it("404s unknown and malformed tokens, a wrong extension, and tenant or creative ids", async () => {
    for (const path of [
      `/creatives/${"A".repeat(32)}.png`,
      "/creatives/short",
      `/creatives/${creative.path.split("/").pop()!.replace(".png", ".jpg")}`,
      `/creatives/${creative.id}`,
      `/creatives/${tenantId}`,
      "/creatives/",
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/json/);
    }
  });
});
