// Campaign copy: the variants the model wrote (in the business's voice), or — on the local
// tier, or when none fits — deterministic templates in the business's name. Then fitted to
// the channel: SMS within MAX_SMS_SEGMENTS including the opt-out line (GSM-7/UCS-2 counted by
// channels/sms/segments.ts); WhatsApp template variables one line each, ≤ 1024 characters,
// no tabs or runs of more than four spaces (Meta's rule for body parameters), body ≤ 1024.
import { smsSegments } from "../../../channels/sms/segments.js";
import type { TemplateVariable, WhatsAppTemplate } from "./settings.js";
import { dayOnly } from "./when.js";

export const MAX_SMS_SEGMENTS = 2;
export const OPT_OUT_LINE = "Reply STOP to opt out.";
export const TEMPLATE_PARAM_MAX = 1024;
export const TEMPLATE_BODY_MAX = 1024;

export interface Variant {
  text: string;
  /** "llm": written by the model tiers; "template": the deterministic fallback. */
  tier: "llm" | "template";
}

export interface CopyInput {
  businessName: string;
  offer: string;
  goal?: string | undefined;
  whenLabel: string;
  now: boolean;
}

/** The deterministic fallback: three templates in the business's name. */
export function templateVariants(c: CopyInput): Variant[] {
  const when = c.now ? "" : ` ${dayOnly(c.whenLabel)}`;
  const offer = c.offer.replace(/[.!\s]+$/, "");
  return [
    `${c.businessName}: ${offer}${when ? ` —${when}` : ""}! Reply to this message to book your spot.`,
    `Hi from ${c.businessName}! ${offer}${when ? `,${when} only` : ""}. Reply BOOK and we'll find you a time.`,
    `${offer} at ${c.businessName}${when ? `${when}` : ""}. Just reply here to grab a slot.`,
  ].map((text) => ({ text: oneSpace(text), tier: "template" as const }));
}

const oneSpace = (s: string) => s.replace(/[ \t]+/g, " ").replace(/ ([,.!])/g, "$1").trim();

/** Cut at a word boundary so that `fits(out)` holds; ends with "…". */
function cutToFit(text: string, fits: (t: string) => boolean): string {
  if (fits(text)) return text;
  const words = text.split(/(\s+)/);
  for (let n = words.length - 1; n > 0; n--) {
    const t = `${words.slice(0, n).join("").trimEnd().replace(/[,;:–—-]$/, "")}…`;
    if (fits(t)) return t;
  }
  const chars = Array.from(text);
  for (let n = chars.length - 1; n > 0; n--) {
    const t = `${chars.slice(0, n).join("")}…`;
    if (fits(t)) return t;
  }
  return "";
}

export interface SmsCopy {
  /** What is sent: the copy and the opt-out line. */
  body: string;
  segments: number;
  encoding: "GSM-7" | "UCS-2";
  trimmed: boolean;
}

/** The SMS body: copy + "\n" + opt-out line, within MAX_SMS_SEGMENTS (the copy is cut if needed). */
export function fitSms(copy: string, maxSegments = MAX_SMS_SEGMENTS): SmsCopy {
  const clean = copy.replace(/\s*reply stop to (?:opt out|unsubscribe)\.?\s*$/i, "").trim();
  const compose = (t: string) => `${t}\n${OPT_OUT_LINE}`;
  const fits = (t: string) => smsSegments(compose(t)).segments <= maxSegments;
  const text = cutToFit(clean, fits);
  const body = compose(text);
  const s = smsSegments(body);
  return { body, segments: s.segments, encoding: s.encoding, trimmed: text !== clean };
}

/** One template variable as Meta accepts it: one line, no tabs, ≤ 4 spaces in a row, ≤ 1024 chars. */
export function templateValue(text: string, max = TEMPLATE_PARAM_MAX): string {
  const flat = text.replace(/ *[\t\r\n]+[\t\r\n ]*/g, " ").replace(/ {5,}/g, "    ").trim();
  return cutToFit(flat, (t) => Array.from(t).length <= max);
}

export interface TemplateCopy {
  params: string[];
  /** The copy as the owner reads it in the preview. */
  body: string;
  trimmed: boolean;
}

/** The template's variables in order, each fitted; together within the body limit. */
export function fitTemplate(tpl: Omit<WhatsAppTemplate, "headerImage"> & { headerImage?: boolean }, values: Record<TemplateVariable, string>): TemplateCopy {
  const per = Math.max(20, Math.floor((TEMPLATE_BODY_MAX - 100) / Math.max(1, tpl.variables.length)));
  let trimmed = false;
  const params = tpl.variables.map((v) => {
    const raw = values[v] ?? "";
    const out = templateValue(raw, Math.min(TEMPLATE_PARAM_MAX, per));
    if (out.endsWith("…") && !raw.trim().endsWith("…")) trimmed = true;
    return out || "-";
  });
  return { params, body: values.message, trimmed };
}

/** The copy the preview and the send use: the first model variant that is not empty, else the first template. */
export function chooseVariants(written: string[] | undefined, fallback: Variant[]): { variants: Variant[]; chosen: number } {
  const llm = (written ?? []).map((t) => t.trim()).filter((t) => t.length > 0).slice(0, 3).map((text) => ({ text, tier: "llm" as const }));
  return llm.length ? { variants: llm, chosen: 0 } : { variants: fallback, chosen: 0 };
}
