// Tells the owner, once per month and level, that the tenant's model budget reached its
// soft limit (cheaper tiers from now on) or its hard limit (local tier only). Sent like every
// message GrowAI starts (startMessage → outbox) to the first owner on Slack, WhatsApp or SMS,
// as api/pipeline/handoff.ts picks them. The ledger's Redis flag makes it once; the
// idempotency key makes a retry of the same notice a no-op.
import type { LimitNotifier } from "../../agent/budget/types.js";
import { formatMicros } from "../../tools/usage/format.js";
import type { PipelineDeps } from "./deps.js";
import { ownerTarget } from "./handoff.js";
import { startMessage } from "./outbound.js";

type Deps = Pick<PipelineDeps, "tenants" | "contacts" | "messages" | "queues" | "logger">;

export function budgetNoticeText(level: "soft" | "hard", committedMicros: number, limits: { monthlySoft: number; monthlyHard: number; currency: string }, locale: string): string {
  const money = (m: number) => formatMicros(m, locale, limits.currency);
  if (level === "soft") {
    return [
      `💡 The assistant has used ${money(committedMicros)} of this month's ${money(limits.monthlyHard)} AI budget (past your ${money(limits.monthlySoft)} soft limit).`,
      `To stay within it I'm now using cheaper models where I can. At ${money(limits.monthlyHard)} only the built-in free tier answers until next month.`,
      `Ask me "how much has the assistant cost this month?" for the details.`,
    ].join("\n");
  }
  return [
    `⚠️ The assistant has reached this month's AI budget of ${money(limits.monthlyHard)}.`,
    "Until next month it answers with its built-in free tier only: greetings, answers from your knowledge, and passing chats to you.",
    "Raise the budget in GrowAI to bring the AI models back.",
  ].join("\n");
}

export function budgetNotifier(d: Deps): LimitNotifier {
  return async ({ tenantId, level, month, committedMicros, limits }) => {
    const target = await ownerTarget(d, tenantId);
    if (!target) {
      d.logger.warn({ tenantId, level }, "budget limit reached, but no owner can be told");
      return;
    }
    const tenant = await d.tenants.get(tenantId);
    await startMessage(d, {
      tenantId, channel: target.channel, address: target.address, purpose: "notification",
      text: budgetNoticeText(level, committedMicros, limits, tenant.locale),
      idempotencyKey: `budget:${level}:${month}`,
    });
  };
}
