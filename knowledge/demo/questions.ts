// Labelled lead questions over the Glow Studio knowledge, for measuring retrieval.
// `expect` lists the entry title(s) that answer the question (any one counts as a hit).
// Many are paraphrases that share few words with the answer. `OUT_OF_SCOPE` questions
// have no answer in the knowledge and must not match confidently.
//
// Two batches: FIRST_SET / FIRST_OUT_OF_SCOPE (72 + 12, the original set) and a second
// batch written 2026-11-24 before it was ever measured (questions-practical.ts,
// questions-services.ts, questions-out.ts). Questions are never reworded after seeing
// scores; only labelling mistakes are fixed (see knowledge/README.md).
import { A, ACC, B, BD, BL, BR, C, COL, CON, D, F, G, H, K, L, M, N, P, PAY, PR, PT, q, W, WX, type LabelledQuestion } from "./labels.js";
import { OUT_OF_SCOPE_2 } from "./questions-out.js";
import { PRACTICAL_2 } from "./questions-practical.js";
import { SERVICES_2 } from "./questions-services.js";

export type { LabelledQuestion } from "./labels.js";

export const FIRST_SET: LabelledQuestion[] = [
  q("What are your opening hours?", H),
  q("when can I come in on a Saturday?", H),
  q("Are you open on Mondays?", H),
  q("how late are you open on thursday", H),
  q("are you open sundays", H),
  q("what time do you close today?", H),
  q("Where are you located?", A),
  q("what's your address", A),
  q("which bus gets me to you", A),
  q("is there somewhere to leave my car?", P),
  q("can I park near the salon", P),
  q("Is parking free?", P),
  q("How do I book an appointment?", B),
  q("can i just walk in without booking", B),
  q("I want to make a reservation for next week", B),
  q("What's your cancellation policy?", C),
  q("I need to move my appointment to another day", C),
  q("will I be charged if I don't show up", C),
  q("I'm running 10 minutes behind", L),
  q("what happens if I arrive late", L),
  q("Do I have to pay a deposit?", D),
  q("is the deposit refundable", D),
  q("Can I pay by card?", PAY),
  q("do you take apple pay", PAY),
  q("do you accept cash", PAY),
  q("Do you sell gift vouchers?", G),
  q("I'd like to buy a present for my mum", G),
  q("how long is a gift card valid", G),
  q("What shampoo brands do you stock?", PR),
  q("do you sell Olaplex", PR),
  q("Do I need a patch test before colouring?", PT, COL),
  q("I have sensitive skin and allergies, is that ok?", PT),
  q("are your tools clean and sterilised", PT),
  q("Is the salon wheelchair accessible?", ACC),
  q("can I bring my guide dog", ACC),
  q("what's your phone number", CON),
  q("how can I contact you", CON),
  q("do you have instagram", CON),
  q("How much is a women's haircut?", W),
  q("price for a ladies cut and blow dry", W, BD),
  q("I want a completely new style, how long does that take?", W),
  q("How much for a men's haircut?", M),
  q("do you do skin fades", M),
  q("can you trim my beard", M),
  q("how much to cut my son's hair, he's 7", K),
  q("do you cut children's hair", K),
  q("How much are highlights?", COL),
  q("I want balayage, what does it cost", COL),
  q("how long does a full head colour take", COL),
  q("can you cover my grey roots", COL),
  q("How much is a blow-dry?", BD),
  q("can you do my hair for a party on Saturday", BD),
  q("do you do silk press for curly hair", BD),
  q("How much is a facial?", F),
  q("something to help my dry skin", F),
  q("Do you do gel nails?", N),
  q("price of a pedicure", N),
  q("do you do acrylics", N),
  q("How much is a leg wax?", WX),
  q("do you do brazilian waxing", WX),
  q("can you shape my eyebrows", BL, WX),
  q("How much is a lash lift?", BL),
  q("I'm getting married in June, can you do my hair and makeup?", BR),
  q("do you travel to wedding venues", BR),
  q("how much for bridesmaids hair", BR),
  // typed in a hurry on a phone: misspellings and chat shorthand
  q("wat time do u open on saturday", H),
  q("how much is a manicur", N),
  q("hw much for highlites", COL),
  q("cancelation policy?", C),
  q("do u do eyebrow tinting", BL),
  q("price for a pedicur n gel nails", N),
  q("r u wheelchair acessible", ACC),
];

export const FIRST_OUT_OF_SCOPE: string[] = [
  "do you sell cars?",
  "what's the weather like tomorrow",
  "can you fix my laptop screen",
  "do you deliver pizza",
  "I need a plumber for a leaking pipe",
  "what is the capital of France",
  "do you offer car insurance quotes",
  "can you recommend a good dentist",
  "how do I renew my passport",
  "are you hiring software engineers",
  "do you do tattoos",
  "what's the score of the football match",
];

/** The second batch, for reporting it apart from the first. */
export const SECOND_SET: LabelledQuestion[] = [...PRACTICAL_2, ...SERVICES_2];

export const IN_SCOPE: LabelledQuestion[] = [...FIRST_SET, ...SECOND_SET];
export const OUT_OF_SCOPE: string[] = [...FIRST_OUT_OF_SCOPE, ...OUT_OF_SCOPE_2];
