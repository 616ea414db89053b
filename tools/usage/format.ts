// The usage report as the owner reads it: money in the price table's currency formatted for
// the tenant's locale (sub-cent amounts keep four decimals rather than showing 0.00).
import type { UsageLine, UsageSummary, UsageTierName } from "./types.js";

const TIER_LABEL: Record<UsageTierName, string> = {
  local: "Local (built-in, free)",
  fast: "Fast model",
  smart: "Smart model",
};

function formatter(locale: string, currency: string, digits: number): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: digits });
  } catch {
    return new Intl.NumberFormat("en", { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: digits });
  }
}

/** Integer micro-units → "$1.23" ("$0.0042" under a cent; "$0.00" for nothing). */
export function formatMicros(micros: number, locale: string, currency: string): string {
  const digits = micros > 0 && micros < 10_000 ? 4 : 2;
  return formatter(locale, currency, digits).format(micros / 1_000_000);
}

function count(n: number, locale: string): string {
  try {
    return new Intl.NumberFormat(locale).format(n);
  } catch {
    return String(n);
  }
}

function monthName(month: string, locale: string): string {
  const [y, m] = month.split("-").map(Number);
  const at = new Date(Date.UTC(y!, m! - 1, 15));
  try {
    return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(at);
  } catch {
    return month;
  }
}

function line(tier: UsageTierName, u: UsageLine, s: UsageSummary): string {
  const calls = `${count(u.calls, s.locale)} ${u.calls === 1 ? "call" : "calls"}`;
  if (tier === "local") return `• ${TIER_LABEL.local}: ${calls} — ${formatMicros(0, s.locale, s.currency)}`;
  const tokens = `${count(u.inputTokens, s.locale)} tokens in, ${count(u.outputTokens, s.locale)} out`;
  return `• ${TIER_LABEL[tier]}: ${calls}, ${tokens} — ${formatMicros(u.costMicros, s.locale, s.currency)}`;
}

export function usageText(s: UsageSummary): string {
  const money = (m: number) => formatMicros(m, s.locale, s.currency);
  const when = s.current ? `So far this month (${monthName(s.month, s.locale)})` : `In ${monthName(s.month, s.locale)}`;
  if (s.total.calls === 0) return `${when} the assistant has made no model calls: it has cost ${money(0)}.`;
  const lines = [`${when} the assistant has cost ${money(s.total.costMicros)} (${count(s.total.calls, s.locale)} model calls):`];
  for (const t of s.byTier) lines.push(line(t.tier, t, s));
  if (s.budget) {
    const left = Math.max(0, s.budget.monthlyHard - s.total.costMicros);
    lines.push(`Monthly budget: ${money(s.budget.monthlyHard)} (cheaper models from ${money(s.budget.monthlySoft)}); ${money(left)} left.`);
  }
  lines.push(`Amounts are estimates in ${s.currency} from the model price list.`);
  return lines.join("\n");
}
