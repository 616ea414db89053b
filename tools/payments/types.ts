// What the payment tools need (the api layer passes core/payments' service and repository).
import type { PaymentService } from "../../core/payments/types.js";

export interface PaymentTools extends Pick<PaymentService, "linkForBooking" | "linkForContact" | "refund" | "get" | "list" | "configured"> {
  /** The tenant's contacts whose name contains `query`. */
  findContacts(tenantId: string, query: string): Promise<Array<{ id: string; displayName: string | null }>>;
  /** The tenant's default currency and locale (owners' links without a currency). */
  tenantMoney(tenantId: string): Promise<{ currency: string; locale: string }>;
}

export const OWNER_SETUP_HINT =
  "To take payments, connect Stripe or Razorpay in GrowAI (admin API: PUT /api/v1/tenants/{id}/integrations/stripe or …/razorpay with your keys and webhook secret).";
