// A campaign named loosely in chat — "Friday's", "the facials one", "latest", an id — to
// one campaign of this tenant. Ambiguity is answered with the candidates, never guessed.
import { isUuid } from "../../../core/sql.js";
import type { PlannedCampaign, PlanRepo } from "./repo.js";

export type Resolved = { ok: true; campaign: PlannedCampaign } | { ok: false; message: string };

const LATEST = new Set(["", "latest", "last", "newest", "recent", "most recent", "current", "it", "this", "that", "this one", "that one", "new", "my"]);
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const FILLER = /\b(?:the|my|our|a|campaign|campaigns|one|offer|send|blast|promo)\b/g;

function normalise(ref: string): string {
  return ref.toLowerCase().replace(/[’']s\b/g, "").replace(/[“”"'’.,!?]/g, " ").replace(FILLER, " ").replace(/\s+/g, " ").trim();
}

const weekdayOf = (d: Date, timezone: string) => new Intl.DateTimeFormat("en", { timeZone: timezone, weekday: "long" }).format(d).toLowerCase();

function pick(list: PlannedCampaign[], prefer: (c: PlannedCampaign) => boolean, what: string): Resolved {
  if (list.length === 1) return { ok: true, campaign: list[0]! };
  const preferred = list.filter(prefer);
  if (preferred.length >= 1) return { ok: true, campaign: preferred[0]! };
  if (list.length === 0) return { ok: false, message: `I couldn't find ${what}.` };
  return { ok: true, campaign: list[0]! };
}

export async function resolveCampaign(
  repo: PlanRepo, tenantId: string, ref: string | undefined, o: { timezone: string; prefer: (c: PlannedCampaign) => boolean },
): Promise<Resolved> {
  const raw = (ref ?? "").trim();
  if (isUuid(raw)) {
    const c = await repo.get(tenantId, raw);
    return c ? { ok: true, campaign: c } : { ok: false, message: "I couldn't find that campaign." };
  }
  const recent = await repo.list(tenantId, 50);
  if (!recent.length) return { ok: false, message: "You don't have any campaigns yet." };
  const names = () => recent.slice(0, 5).map((c) => `“${c.name}”`).join(", ");
  const words = normalise(raw);
  if (LATEST.has(words)) return pick(recent, o.prefer, "a campaign");
  const day = WEEKDAYS.find((d) => new RegExp(`\\b${d}\\b`).test(words));
  if (day) {
    const onDay = recent.filter((c) => c.scheduledAt && weekdayOf(c.scheduledAt, o.timezone) === day);
    const rest = words.replace(new RegExp(`\\b${day}\\b`), "").trim();
    const narrowed = rest ? onDay.filter((c) => rest.split(" ").every((w) => c.name.toLowerCase().includes(w) || (c.offer ?? "").toLowerCase().includes(w))) : onDay;
    const list = narrowed.length ? narrowed : onDay;
    if (list.length) return pick(list, o.prefer, `a ${day} campaign`);
  }
  const tokens = words.split(" ").filter((w) => w.length > 1);
  if (tokens.length) {
    const byName = await repo.byNameWords(tenantId, tokens);
    const byOffer = byName.length ? byName : recent.filter((c) => tokens.every((w) => `${c.name} ${c.offer ?? ""}`.toLowerCase().includes(w)));
    if (byOffer.length) return pick(byOffer, o.prefer, "that campaign");
  }
  return { ok: false, message: `I couldn't find a campaign matching “${raw}”. Your recent ones: ${names()}.` };
}
