import { describe, expect, it } from "vitest";
import { transition } from "./transition.js";
import type { EventEffect, PaymentStatus } from "./types.js";

const t0 = new Date("2026-11-24T10:00:00Z");
const later = new Date("2026-11-24T10:05:00Z");
const earlier = new Date("2026-11-24T09:55:00Z");
const paid: EventEffect = { kind: "paid", providerPaymentId: "pi_1", amountMinor: 4500 };
const at = (status: PaymentStatus, lastEventAt: Date | null = t0, refundedMinor = 0) => ({ status, lastEventAt, amountMinor: 4500, refundedMinor });

describe("payment transitions", () => {
  it.each([
    ["pending + paid → paid", at("pending"), paid, later, "paid"],
    ["created + paid → paid", at("created", null), paid, later, "paid"],
    ["expired + later paid → paid (money received wins)", at("expired"), paid, later, "paid"],
    ["paid + later expired → unchanged", at("paid"), { kind: "expired" }, later, null],
    ["paid + older expired → unchanged (ordering)", at("paid"), { kind: "expired" }, earlier, null],
    ["pending + older expired → unchanged (stale)", at("pending", later), { kind: "expired" }, t0, null],
    ["pending + expired → expired", at("pending"), { kind: "expired" }, later, "expired"],
    ["pending + failed → failed", at("pending"), { kind: "failed" }, later, "failed"],
    ["paid + failed → unchanged", at("paid"), { kind: "failed" }, later, null],
    ["paid + full refund → refunded", at("paid"), { kind: "refunded", refundedMinor: 4500 }, later, "refunded"],
    ["refund_requested + full refund → refunded", at("refund_requested"), { kind: "refunded", refundedMinor: 4500 }, later, "refunded"],
    ["paid + partial refund → stays paid", at("paid"), { kind: "refunded", refundedMinor: 1000 }, later, "paid"],
    ["pending + refund → unchanged", at("pending"), { kind: "refunded", refundedMinor: 4500 }, later, null],
    ["refunded + paid → unchanged (final)", at("refunded"), paid, later, null],
    ["paid + paid again → unchanged", at("paid"), paid, later, null],
    ["created + pending → pending", at("created", null), { kind: "pending" }, later, "pending"],
    ["ignored events change nothing", at("pending"), { kind: "ignored" }, later, null],
  ] as const)("%s", (_name, current, effect, when, want) => {
    expect(transition(current, effect as EventEffect, when)?.status ?? null).toBe(want);
  });

  it("partial refunds accumulate and never exceed the amount", () => {
    expect(transition(at("paid", t0, 1000), { kind: "refunded", refundedMinor: 3000 }, later)).toEqual({ status: "paid", refundedMinor: 3000 });
    expect(transition(at("paid", t0, 1000), { kind: "refunded", refundedMinor: 9000 }, later)).toEqual({ status: "refunded", refundedMinor: 4500 });
  });
});
