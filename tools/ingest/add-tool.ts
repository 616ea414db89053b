// add_text_document: a text the owner pastes becomes a text document, queued like an
// upload through DocumentIntake (api/ingest); the owner is told in the same chat when it is in.
import { tool } from "@langchain/core/tools";
import { ownerContextFrom } from "../context.js";
import { ADD_TEXT_DOCUMENT, addTextDocumentDescription, addTextDocumentSchema } from "./add-schema.js";
import type { DocumentIntake } from "./types.js";

/**
 * The document's name when the owner gives none: its first line when that reads like a
 * title ("Barber price list"), else "Pasted text <date time>" (so it replaces nothing).
 */
export function nameFromText(text: string, now = new Date()): string {
  const first = text.trim().split("\n")[0]!.replace(/^#+\s*/, "").replace(/[*_`]/g, "").replace(/\s+/g, " ").trim().replace(/[:;,-]+$/, "");
  const titleLike = first.length > 0 && first.split(" ").length <= 8 && !/[\d£$€₹%]/.test(first) && !/[.!?]$/.test(first);
  return titleLike ? first.slice(0, 80) : `Pasted text ${now.toISOString().slice(0, 16).replace("T", " ")}`;
}

export function addTextDocumentTool(intake: DocumentIntake) {
  return tool(
    async (args, config) => {
      const ctx = ownerContextFrom(config, ADD_TEXT_DOCUMENT);
      const { name, outcome } = await intake.addText(ctx.tenantId, ctx.conversationId, { name: args.name ?? nameFromText(args.text), text: args.text });
      if (outcome === "unchanged") return `I already have exactly this as “${name}” — nothing to change.`;
      if (outcome === "replacing") return `Got it — updating “${name}” with this text; I'll tell you when it's done.`;
      return `Got it — adding this as “${name}”; I'll tell you when it's done.`;
    },
    { name: ADD_TEXT_DOCUMENT, description: addTextDocumentDescription, schema: addTextDocumentSchema },
  );
}
