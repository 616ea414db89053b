// Request schemas of the knowledge-documents admin endpoints (documented in the root README).
import { z } from "zod";

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const uploadDocumentSchema = z
  .object({
    name: z.string().trim().min(1, "a document name is required").max(200),
    kind: z.enum(["text", "pdf", "csv"]).optional(),
    /** Plain text or markdown. */
    text: z.string().min(1, "text is empty").max(5_000_000).optional(),
    /** The file's bytes (PDF, CSV or text), base64-encoded. */
    contentBase64: z
      .string().min(1, "contentBase64 is empty")
      .transform((s) => s.replace(/\s+/g, ""))
      .refine((s) => BASE64.test(s) && s.length % 4 === 0, "contentBase64 is not valid base64")
      .optional(),
  })
  .refine((b) => (b.text === undefined) !== (b.contentBase64 === undefined), { message: "send exactly one of text or contentBase64", path: ["text"] });

export const listDocumentsSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  status: z.enum(["queued", "processing", "done", "failed"]).optional(),
  name: z.string().trim().min(1).max(200).optional(),
});
