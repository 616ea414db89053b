// Sentences in which the assistant says it did something for the person: booked, moved or
// cancelled an appointment, sent a payment link, issued a refund. Each must be backed by a
// successful result of a tool that does it in the same turn (validate.ts). English wording;
// a claim in another language is not caught here (the LLM tiers are told not to claim
// actions they did not take).
import {
  BOOK_APPOINTMENT, CANCEL_BOOKING, LIST_BOOKINGS, MY_BOOKINGS, RESCHEDULE_BOOKING,
} from "../../tools/calendar/contract.js";

/** Payment tools (tools/payments): named here so the check needs no import of their code. */
export const PAYMENT_LINK = "payment_link";
export const REFUND_PAYMENT = "refund_payment";
export const PAYMENT_STATUS = "payment_status";

interface ClaimRule {
  what: string;
  re: RegExp;
  tools: string[];
}

const I = "(?:i(?:'ve| have)|we(?:'ve| have)|i|we)";
const RULES: ClaimRule[] = [
  {
    what: "booking",
    re: new RegExp(`\\b(?:${I}\\s+(?:just\\s+)?(?:booked|reserved|scheduled|confirmed)|you(?:'re| are)\\s+(?:all\\s+)?(?:booked|confirmed)|(?:your|the)\\s+(?:booking|appointment|slot|reservation)\\s+(?:is|has been)\\s+(?:now\\s+)?(?:booked|confirmed|reserved))\\b`, "i"),
    tools: [BOOK_APPOINTMENT, RESCHEDULE_BOOKING, MY_BOOKINGS, LIST_BOOKINGS],
  },
  {
    what: "reschedule",
    re: new RegExp(`\\b(?:${I}\\s+(?:just\\s+)?(?:rescheduled|moved)\\s+(?:your|the|it)|(?:your|the)\\s+(?:booking|appointment)\\s+(?:is|has been)\\s+(?:now\\s+)?(?:rescheduled|moved))\\b`, "i"),
    tools: [RESCHEDULE_BOOKING],
  },
  {
    what: "cancellation",
    re: new RegExp(`\\b(?:${I}\\s+(?:just\\s+)?cancell?ed|(?:your|the)\\s+(?:booking|appointment|reservation)\\s+(?:is|has been)\\s+(?:now\\s+)?cancell?ed)\\b`, "i"),
    tools: [CANCEL_BOOKING],
  },
  {
    what: "payment link",
    re: new RegExp(`\\b${I}\\s+(?:just\\s+)?sent\\s+(?:you\\s+)?(?:a|the|your)\\s+(?:secure\\s+)?payment\\s+link\\b|\\bhere(?:'s| is)\\s+(?:your|the)\\s+payment\\s+link\\b`, "i"),
    tools: [PAYMENT_LINK],
  },
  {
    what: "refund",
    re: new RegExp(`\\b(?:${I}\\s+(?:just\\s+)?(?:refunded|issued (?:a|the|your) refund)|(?:your|the)\\s+refund\\s+(?:is|has been)\\s+(?:issued|processed|sent))\\b`, "i"),
    tools: [REFUND_PAYMENT],
  },
  {
    what: "payment",
    re: /\b(?:(?:your|the)\s+payment\s+(?:is|has been|was)\s+(?:received|confirmed|successful)|(?:we(?:'ve| have)|i(?:'ve| have))\s+received\s+(?:your|the)\s+payment)\b/i,
    tools: [PAYMENT_STATUS, MY_BOOKINGS, LIST_BOOKINGS],
  },
];

export interface ActionClaim {
  what: string;
  text: string;
  tools: string[];
}

/** The action claims a reply makes; a question ("shall I book…?", "have I booked…?") is not one. */
export function actionClaims(reply: string): ActionClaim[] {
  const out: ActionClaim[] = [];
  for (const sentence of reply.split(/(?<=[.!?\n])\s+/)) {
    if (/\?\s*$/.test(sentence.trim())) continue;
    if (/\b(?:not|n't|never|couldn't|can't|cannot|unable|once|when|after|if)\b/i.test(sentence)) continue;
    for (const r of RULES) {
      const m = r.re.exec(sentence);
      if (m) out.push({ what: r.what, text: m[0], tools: r.tools });
    }
  }
  return out;
}
