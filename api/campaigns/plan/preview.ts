// The preview the owner approves: one compact block (it travels as the body of a WhatsApp
// interactive message, ≤ 1024 characters with the approval wording around it).
import type { CampaignPreview } from "../../../tools/campaigns/types.js";

const MAX_COPY = 380;
export const MAX_TEXT = 850;
const clip = (s: string, n: number) => (Array.from(s).length <= n ? s : `${Array.from(s).slice(0, n - 1).join("")}…`);

export function previewText(p: Omit<CampaignPreview, "text">, o: { channelLabel: string }): string {
  const lines = [
    `“${clip(p.name, 80)}” on ${o.channelLabel}`,
    `When: ${p.when}`,
    `To: ${p.audienceSize} ${p.audienceSize === 1 ? "person" : "people"} — ${p.audience}, opted in` +
      (p.withoutConsent ? ` (${p.withoutConsent} more matched but haven't opted in to offers)` : "") +
      (p.outsideWindow ? ` (${p.outsideWindow} more are outside WhatsApp's 24-hour window)` : ""),
    `Cost: ${p.estimatedCost}`,
    `Message: “${clip(p.copy.replace(/\s*\n\s*/g, " / "), MAX_COPY)}”`,
  ];
  if (p.imageUrl) lines.push(`Picture: ${p.imageUrl}`);
  if (p.variants.length > 1) lines.push(`(variant ${p.chosenVariant} of ${p.variants.length}; say “use variant 2” to switch)`);
  for (const n of p.notes) lines.push(`Note: ${clip(n, 160)}`);
  // the approval prompt wraps this (WhatsApp interactive bodies stop at 1024): notes go first, then copy is cut
  const fixed = lines.length - p.notes.length;
  while (lines.join("\n").length > MAX_TEXT && lines.length > fixed) lines.pop();
  let text = lines.join("\n");
  if (text.length > MAX_TEXT) text = text.replace(/Message: “[^\n]*”/, (m) => `Message: “${clip(m.slice(10, -1), Math.max(40, MAX_COPY - (text.length - MAX_TEXT)))}”`);
  return text;
}
