// Admin API for documents ingested into a tenant's knowledge (bearer token, zod-validated):
//   POST   /tenants/:tenantId/knowledge/documents          {name, kind?, text | contentBase64} → 202 queued, 200 unchanged
//   GET    /tenants/:tenantId/knowledge/documents          ?limit&offset&status&name → {items}
//   GET    /tenants/:tenantId/knowledge/documents/:id      status and progress
//   DELETE /tenants/:tenantId/knowledge/documents/:id      its entries leave every index, then the document → 204;
//                                                           409 "still being processed … try again in a moment" while its job holds it
// Mounted before the general admin router so uploads get their own body limit.
import express, { Router } from "express";
import type { TenantRepo } from "../../../core/repos/tenants.js";
import { detectKind, DocumentError, formatBytes } from "../../../knowledge/ingest/index.js";
import type { IngestService } from "../../ingest/service.js";
import type { DocumentView } from "../../ingest/types.js";
import { bearerAuth } from "../auth.js";
import { validate } from "../validate.js";
import { uuidParam } from "./admin-schemas.js";
import { listDocumentsSchema, uploadDocumentSchema } from "./knowledge-documents-schemas.js";

export interface KnowledgeDocumentRouteDeps {
  token: string;
  tenants: Pick<TenantRepo, "get">;
  ingest: IngestService;
}

const PATH = "/tenants/:tenantId/knowledge/documents";

export function present(d: DocumentView) {
  return { ...d, progress: { done: d.doneParts, total: d.totalParts } };
}

export function knowledgeDocumentRoutes(d: KnowledgeDocumentRouteDeps): Router {
  const r = Router();
  const auth = bearerAuth(d.token);
  // base64 is 4/3 of the bytes; JSON framing is small
  const json = express.json({ limit: Math.ceil((d.ingest.limits.maxBytes * 4) / 3) + 64 * 1024 });
  const tenantId = async (raw: unknown) => (await d.tenants.get(validate(uuidParam, raw))).id;

  r.post(PATH, auth, json, async (req, res) => {
    const id = await tenantId(req.params.tenantId);
    const body = validate(uploadDocumentSchema, req.body);
    const bytes = body.text !== undefined ? new TextEncoder().encode(body.text) : new Uint8Array(Buffer.from(body.contentBase64!, "base64"));
    if (bytes.byteLength > d.ingest.limits.maxBytes) {
      throw new DocumentError(`the document is ${formatBytes(bytes.byteLength)}; the most is ${formatBytes(d.ingest.limits.maxBytes)}`);
    }
    const kind = body.kind ?? (body.text !== undefined ? "text" : detectKind({ filename: body.name, bytes }));
    if (!kind) throw new DocumentError("could not tell what kind of document this is: name it .pdf, .csv, .txt or .md, or pass kind");
    const { document, outcome } = await d.ingest.accept(id, { name: body.name, kind, bytes, source: "admin", mimeType: null });
    res.status(outcome === "unchanged" ? 200 : 202).json({ ...present(document), outcome });
  });

  r.get(PATH, auth, async (req, res) => {
    const id = await tenantId(req.params.tenantId);
    const q = validate(listDocumentsSchema, req.query);
    res.json({ items: (await d.ingest.list(id, q)).map(present) });
  });

  r.get(`${PATH}/:documentId`, auth, async (req, res) => {
    const id = await tenantId(req.params.tenantId);
    res.json(present(await d.ingest.get(id, validate(uuidParam, req.params.documentId))));
  });

  r.delete(`${PATH}/:documentId`, auth, async (req, res) => {
    const id = await tenantId(req.params.tenantId);
    await d.ingest.delete(id, validate(uuidParam, req.params.documentId));
    res.status(204).end();
  });
  return r;
}
