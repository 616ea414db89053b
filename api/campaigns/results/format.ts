// The results as the owner reads them in chat ("how did Friday's campaign do?").
import { formatMinor } from "../../../core/payments/money.js";
import type { CampaignStats } from "../service.js";
import type { Attribution } from "./attribution.js";

const pct = (part: number, whole: number) => (whole > 0 ? ` (${Math.round((part / whole) * 100)}%)` : "");
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function formatResults(o: { name: string; status: string; when: string | null; stats: CampaignStats; attribution: Attribution; locale: string }): string {
  const { stats: s, attribution: a } = o;
  const delivered = s.counts.delivered + s.counts.read;
  const lines = [
    `“${o.name}” (${o.status.replace("_", " ")}${o.when ? `, ${o.when}` : ""}):`,
    `• Sent to ${s.accepted} of ${s.total}${s.counts.pending + s.counts.sending ? `, ${s.counts.pending + s.counts.sending} still to go` : ""}; delivered ${delivered}${pct(delivered, s.accepted)}, read ${s.counts.read}${pct(s.counts.read, s.accepted)}.`,
  ];
  const problems = [
    s.counts.failed ? `${s.counts.failed} failed` : "",
    s.counts.skipped ? `${s.counts.skipped} skipped (opted out or unreachable)` : "",
    s.counts.cancelled ? `${s.counts.cancelled} not sent (cancelled)` : "",
  ].filter(Boolean);
  if (problems.length) lines.push(`• ${problems.join(", ")}.`);
  const money = a.revenue.length ? a.revenue.map((r) => formatMinor(r.amountMinor, r.currency, o.locale)).join(" + ") : null;
  lines.push(
    `• Within ${a.attributionHours} hours of their message: ${plural(a.repliers, "person", "people")} replied (${plural(a.replies, "message")}), ` +
      `${plural(a.bookings, "booking")}, ${plural(a.payments, "payment")}${money ? ` worth ${money}` : ""}.`,
  );
  return lines.join("\n");
}
