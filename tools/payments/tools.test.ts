// The payment tools in isolation: role scoping (registry + ownerContextFrom), the lead's
// contact from the run context (never the model), JSON results whose failures say ok:false.
import { describe, expect, it } from "vitest";
import type { LinkResult, PaymentRow } from "../../core/payments/types.js";
import { APPROVAL_TOOL_NAMES, OWNER_TOOL_NAMES, toolsFor, type ToolDeps } from "../registry.js";
import { MemoryKnowledgeStore } from "../testing/memory-knowledge.js";
import { paymentLinkTool } from "./link-tool.js";
import { refundPaymentTool } from "./refund-tool.js";
import { PAYMENT_LINK, PAYMENT_STATUS, REFUND_PAYMENT, SEND_PAYMENT_LINK } from "./schema.js";
import type { PaymentTools } from "./types.js";

const row = (over: Partial<PaymentRow> = {}): PaymentRow => ({
  id: "pay-1", tenantId: "t1", contactId: "c-lead", bookingId: "b1", provider: "stripe", providerRef: "cs_1", providerPaymentId: null,
  url: "https://checkout.stripe.com/c/pay/cs_1", amountMinor: 4500, currency: "GBP", status: "pending", idempotencyKey: "gp_x",
  description: "Colour", expiresAt: null, paidAt: null, refundedMinor: 0, lastEventAt: null, createdAt: new Date(), ...over,
});

function fakePayments(o: { configured?: boolean } = {}) {
  const calls: unknown[][] = [];
  const p: PaymentTools = {
    configured: async () => (o.configured === false ? null : "stripe"),
    linkForBooking: async (...a): Promise<LinkResult> => {
      calls.push(["linkForBooking", ...a]);
      return o.configured === false
        ? { ok: false, reason: "not_configured", message: "Online payments aren't set up for this business yet, so I can't send a payment link." }
        : { ok: true, payment: row(), reused: false };
    },
    linkForContact: async () => ({ ok: true, payment: row(), reused: false }),
    refund: async () => ({ ok: true, payment: row({ status: "refunded" }), done: true }),
    get: async () => null,
    list: async () => [],
    findContacts: async () => [],
    tenantMoney: async () => ({ currency: "GBP", locale: "en-GB" }),
  };
  return { p, calls };
}

const cfg = (role: "lead" | "owner", contactId = "c-lead") => ({
  configurable: { tenantId: "t1", role, conversationId: "conv-1", contactId }, toolCall: { id: "call-1", name: "x", args: {} },
});

const text = (m: unknown) => (typeof m === "string" ? m : String((m as { content: unknown }).content));

describe("payment tools", () => {
  const deps = (payments: PaymentTools): ToolDeps => ({ knowledge: new MemoryKnowledgeStore(), minScore: 0.5, payments });
  const names = (role: "lead" | "owner", d: ToolDeps) => toolsFor(role, d).map((t) => t.name);

  it("leads get payment_link and payment_status only; owners get send and refund; refund needs approval", () => {
    const d = deps(fakePayments().p);
    expect(names("lead", d)).toEqual(expect.arrayContaining([PAYMENT_LINK, PAYMENT_STATUS]));
    expect(names("lead", d)).not.toContain(REFUND_PAYMENT);
    expect(names("lead", d)).not.toContain(SEND_PAYMENT_LINK);
    expect(names("lead", d).filter((n) => OWNER_TOOL_NAMES.has(n))).toEqual([]);
    expect(names("owner", d)).toEqual(expect.arrayContaining([SEND_PAYMENT_LINK, REFUND_PAYMENT]));
    expect(APPROVAL_TOOL_NAMES.has(REFUND_PAYMENT)).toBe(true);
    expect(names("lead", { knowledge: new MemoryKnowledgeStore(), minScore: 0.5 })).not.toContain(PAYMENT_LINK);
  });

  it("the refund tool refuses a lead's run context before touching anything", async () => {
    const { p } = fakePayments();
    let touched = false;
    const spy: PaymentTools = { ...p, configured: async () => ((touched = true), "stripe") };
    await expect(refundPaymentTool(spy).invoke({ customer: "Priya" }, cfg("lead"))).rejects.toThrow(/not available/);
    expect(touched).toBe(false);
  });

  it("the lead's link is for the run context's contact; extra arguments are stripped", async () => {
    const { p, calls } = fakePayments();
    const out = await paymentLinkTool(p).invoke({ booking_id: "b1", contact_id: "someone-else", amount_minor: 1 } as never, cfg("lead", "c-lead"));
    expect(calls).toEqual([["linkForBooking", "t1", "c-lead", "b1"]]);
    expect(JSON.parse(text(out))).toMatchObject({ tool: PAYMENT_LINK, ok: true, url: "https://checkout.stripe.com/c/pay/cs_1", amountMinor: 4500, currency: "GBP" });
  });

  it("not configured is a plain ok:false answer, never a link", async () => {
    const { p } = fakePayments({ configured: false });
    const out = JSON.parse(text(await paymentLinkTool(p).invoke({}, cfg("lead"))));
    expect(out).toMatchObject({ ok: false, reason: "not_configured", message: expect.stringMatching(/aren't set up/) });
    expect(out.url).toBeUndefined();
  });
});
