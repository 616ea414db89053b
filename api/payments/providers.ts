// A tenant's provider client, made from its integration's decrypted credentials. Nothing is
// cached: a credentials change applies to the next call.
import { NotConfiguredError } from "../../core/errors.js";
import type { IntegrationRow, PaymentCredentials } from "../../core/payments/repo.js";
import type { PaymentProvider } from "../../core/payments/types.js";
import { createRazorpayProvider } from "./razorpay.js";
import { createStripeProvider } from "./stripe.js";

export interface ProviderSettings {
  stripeBaseUrl: string;
  razorpayBaseUrl: string;
  publicBaseUrl?: string | undefined;
  timeoutMs: number;
}

export function providerFactory(s: ProviderSettings) {
  return (integration: IntegrationRow & { credentials: PaymentCredentials }): PaymentProvider => {
    const c = integration.credentials;
    if (integration.kind === "stripe") {
      return createStripeProvider(c.secretKey, { baseUrl: s.stripeBaseUrl, returnBaseUrl: s.publicBaseUrl, timeoutMs: s.timeoutMs });
    }
    if (!c.keyId) throw new NotConfiguredError("the Razorpay key id");
    return createRazorpayProvider(c.keyId, c.secretKey, { baseUrl: s.razorpayBaseUrl, timeoutMs: s.timeoutMs });
  };
}
