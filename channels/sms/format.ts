// Replies written for SMS: plain text (no markdown), GSM-7 where a typographic character
// is all that stands in the way, and at most `maxSegments` parts — trimmed at a sentence
// end, else a word break, else hard. Buttons do not exist on SMS: they become a numbered
// "Reply 1 for …" line that is never trimmed away.
import { markdownToPlain, toGsmFriendly } from "./markdown.js";
import { LIMITS, smsSegments } from "./segments.js";

export { smsSegments, type SmsEncoding, type SmsSegments } from "./segments.js";

/** Default segment budget of one reply (4 parts: 612 GSM-7 or 268 UCS-2 characters). */
export const DEFAULT_MAX_SEGMENTS = 4;
/** The longest text one reply can be at the default budget (all GSM-7). */
export const SMS_MAX_TEXT_LENGTH = DEFAULT_MAX_SEGMENTS * LIMITS["GSM-7"].part;

const CUT_MARK = "...";

export interface FormatSmsOptions {
  /** Parts the reply may take (default 4). */
  maxSegments?: number;
  /** A line appended after a blank line and kept whole (e.g. the rendered buttons). */
  footer?: string;
}

/** Quick replies as one SMS line: "Reply 1 for Yes, 2 for No". Empty for no buttons. */
export function renderButtons(buttons: ReadonlyArray<{ id?: string; title: string }> | undefined): string {
  const titles = (buttons ?? []).map((b) => b.title.replace(/\s+/g, " ").trim()).filter(Boolean);
  if (titles.length === 0) return "";
  return `Reply ${titles.map((title, i) => `${i + 1} for ${title}`).join(", ")}`;
}

const fits = (text: string, maxSegments: number) => smsSegments(text).segments <= maxSegments;

/** Where a cut at code-point `k` should really fall: a sentence end or word break late enough. */
function backToBoundary(points: string[], k: number): { end: number; mark: string } {
  const floor = Math.floor(k * 0.6);
  for (let i = k; i > floor; i--) {
    const prev = points[i - 1] ?? "";
    if (/[.!?]/.test(prev) && (i === points.length || /\s/.test(points[i] ?? ""))) return { end: i, mark: "" };
  }
  for (let i = k; i > floor; i--) {
    if (/\s/.test(points[i] ?? "")) return { end: i, mark: CUT_MARK };
  }
  return { end: k, mark: CUT_MARK };
}

/** The longest prefix of `body` (plus the cut mark and `tail`) within `maxSegments`. */
function trimToFit(body: string, tail: string, maxSegments: number): string {
  const points = Array.from(body);
  const build = (end: number, mark: string) => `${points.slice(0, end).join("").trimEnd()}${mark}${tail}`;
  let lo = 0; // fits (an empty body plus the tail is assumed to)
  let hi = points.length; // does not fit
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fits(build(mid, CUT_MARK), maxSegments)) lo = mid;
    else hi = mid;
  }
  const { end, mark } = backToBoundary(points, lo);
  return build(end, mark);
}

/**
 * Markdown-ish agent text → an SMS body of at most `maxSegments` parts.
 * If even the footer alone does not fit, the footer is dropped before the text is cut.
 */
export function formatSms(text: string, options: FormatSmsOptions = {}): string {
  const maxSegments = Math.max(1, options.maxSegments ?? DEFAULT_MAX_SEGMENTS);
  const body = toGsmFriendly(markdownToPlain(text));
  const footer = toGsmFriendly(options.footer?.trim() ?? "");
  const tail = footer && fits(footer, maxSegments) ? (body ? `\n\n${footer}` : footer) : "";
  const whole = `${body}${tail}`;
  if (fits(whole, maxSegments)) return whole;
  return trimToFit(body, tail, maxSegments);
}
