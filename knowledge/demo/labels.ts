// The labelled-question shape and short names for the Glow Studio entry titles, shared by
// the question files. A label is an entry title; a question may list several (any one
// counts as a hit).
export interface LabelledQuestion {
  q: string;
  expect: string[];
}

export const H = "Opening hours", A = "Address and directions", P = "Parking", B = "Booking an appointment";
export const C = "Cancellation and rescheduling policy", L = "Late arrival", D = "Deposits", PAY = "Payment methods";
export const G = "Gift cards", PR = "Hair and skin products we sell", PT = "Patch tests, allergies and hygiene";
export const ACC = "Accessibility", CON = "Contact us", W = "Women's haircuts", M = "Men's haircuts", K = "Kids' haircuts";
export const COL = "Colour and highlights", BD = "Blow-dry and styling", F = "Facials", N = "Manicure and pedicure";
export const WX = "Waxing", BL = "Brows and lashes", BR = "Bridal and wedding packages";

export const q = (text: string, ...expect: string[]): LabelledQuestion => ({ q: text, expect });

/**
 * Labelling mistakes fixed after the first measurement of the second batch (the question
 * text is never changed; only which entries answer it). Empty means none were fixed.
 */
export const LABEL_FIXES: Array<{ q: string; before: string[]; after: string[]; why: string }> = [];
