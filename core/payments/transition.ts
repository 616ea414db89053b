// Which status a verified provider event moves a payment to — a pure function, tested with a
// table. Rules: an event older than the last applied one changes nothing (an `expired` sent
// before `paid` but delivered after it never un-pays); money received beats an expiry or a
// failure; paid never goes back to pending/expired/failed; refunded is final.
import type { EventEffect, PaymentStatus } from "./types.js";

export interface Transition {
  status: PaymentStatus;
  /** set refundedMinor to this (refund events) */
  refundedMinor?: number;
  /** set providerPaymentId (paid events) */
  providerPaymentId?: string | null;
}

const OPEN: ReadonlySet<PaymentStatus> = new Set(["created", "pending"]);

export function transition(
  current: { status: PaymentStatus; lastEventAt: Date | null; amountMinor: number; refundedMinor: number },
  effect: EventEffect,
  occurredAt: Date,
): Transition | null {
  if (current.status === "refunded" || effect.kind === "ignored") return null;
  if (current.lastEventAt && occurredAt.getTime() < current.lastEventAt.getTime()) return null;
  switch (effect.kind) {
    case "pending":
      return current.status === "created" ? { status: "pending" } : null;
    case "paid":
      return OPEN.has(current.status) || current.status === "expired" || current.status === "failed"
        ? { status: "paid", providerPaymentId: effect.providerPaymentId }
        : null;
    case "expired":
    case "failed":
      return OPEN.has(current.status) ? { status: effect.kind } : null;
    case "refunded": {
      if (current.status !== "paid" && current.status !== "refund_requested") return null;
      const refunded = Math.min(Math.max(effect.refundedMinor, current.refundedMinor), current.amountMinor);
      if (refunded >= current.amountMinor) return { status: "refunded", refundedMinor: refunded };
      return refunded > current.refundedMinor ? { status: current.status, refundedMinor: refunded } : null;
    }
  }
}
