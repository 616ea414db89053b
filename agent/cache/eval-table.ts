// The labelled evaluation table of the answer cache: pairs of lead questions as small
// businesses (a salon, a dental clinic, a gym) receive them on WhatsApp/SMS. `same` pairs are
// paraphrases a cached answer may serve; `different` pairs ask about a different thing and
// must never share an answer. Written before the threshold and the word lists were tuned
// (see README: the figures are measured on this table, which therefore flatters recall a
// little; precision is the hard requirement and is asserted at 0 false hits).
import { GLOW_CTX, SALON_SERVICES } from "../nlu/fixtures.js";
import type { NluContext } from "../nlu/types.js";

export type Business = "salon" | "clinic" | "gym";

export interface EvalPair {
  a: string;
  b: string;
  business: Business;
  /** Why a `different` pair differs (service, day, time, number, negation, topic…). */
  why?: string;
}

const NOW = GLOW_CTX.now; // Wed 11 June 2025, 10:00 in Bristol

export const EVAL_CONTEXTS: Record<Business, NluContext> = {
  salon: { ...GLOW_CTX, services: SALON_SERVICES },
  clinic: {
    timezone: "Europe/London", now: NOW, locale: "en-GB", currency: "GBP",
    services: [
      { name: "Check-up", aliases: ["checkup", "dental exam"] },
      { name: "Hygienist clean", aliases: ["scale and polish", "cleaning", "hygienist"] },
      { name: "Teeth whitening", aliases: ["whitening"] },
      { name: "Emergency appointment", aliases: ["emergency"] },
      { name: "Filling" },
      { name: "Root canal" },
      { name: "Invisalign", aliases: ["clear aligners"] },
      { name: "Dental implant", aliases: ["implants"] },
    ],
  },
  gym: {
    timezone: "America/New_York", now: NOW, locale: "en-US", currency: "USD",
    services: [
      { name: "Monthly membership", aliases: ["membership"] },
      { name: "Day pass", aliases: ["drop-in"] },
      { name: "Personal training", aliases: ["personal trainer", "pt session"] },
      { name: "Yoga class", aliases: ["yoga"] },
      { name: "Spin class", aliases: ["spin", "cycling class"] },
      { name: "Pilates" },
      { name: "Sauna" },
      { name: "Swimming pool", aliases: ["pool"] },
    ],
  },
};

/** Paraphrases: the same question, the same answer. */
export const SAME: EvalPair[] = [
  // salon: prices
  { business: "salon", a: "How much is a haircut?", b: "how much for a haircut" },
  { business: "salon", a: "How much is a haircut?", b: "What's the price of a haircut?" },
  { business: "salon", a: "how much is a facial", b: "How much does a facial cost?" },
  { business: "salon", a: "how much is a balayage", b: "Balayage price?" },
  { business: "salon", a: "What do you charge for a brazilian wax?", b: "how much is a brazilian wax" },
  { business: "salon", a: "How much is a gel manicure?", b: "gel mani price pls" },
  { business: "salon", a: "how much is a men's cut", b: "How much do you charge for a gents cut?" },
  { business: "salon", a: "Price for a lash lift?", b: "how much is a lash lift??" },
  { business: "salon", a: "How much is a beard trim", b: "beard trim how much" },
  { business: "salon", a: "how much is a blow dry", b: "How much for a blow-dry?" },
  { business: "salon", a: "How much is a kids haircut?", b: "how much is a children's haircut" },
  { business: "salon", a: "What are your prices?", b: "what are your prices 😊" },
  { business: "salon", a: "Do you have a price list?", b: "do you have a price list" },
  // salon: services offered
  { business: "salon", a: "Do you do balayage?", b: "do you offer balayage" },
  { business: "salon", a: "Do you do gel nails?", b: "Do you do gel nails??" },
  { business: "salon", a: "do you do eyebrow waxing", b: "Do you do eyebrow wax?" },
  { business: "salon", a: "Do you do bridal hair?", b: "do you offer bridal hair" },
  { business: "salon", a: "Do you do men's haircuts?", b: "do you cut men's hair" },
  // salon: hours
  { business: "salon", a: "What are your opening hours?", b: "What are your opening times?" },
  { business: "salon", a: "When are you open?", b: "what are your hours" },
  { business: "salon", a: "Are you open on Sunday?", b: "are you open sundays" },
  { business: "salon", a: "Are you open on Saturday?", b: "r u open on saturday?" },
  { business: "salon", a: "What time do you close on Friday?", b: "what time do you shut on friday" },
  { business: "salon", a: "What time do you open on Saturday?", b: "When do you open on Saturday?" },
  { business: "salon", a: "Are you open tomorrow?", b: "are you open tomorrow?!" },
  { business: "salon", a: "Are you open late on Thursday?", b: "Are you open late on thursdays?" },
  // salon: location, parking
  { business: "salon", a: "Where are you located?", b: "where are you based?" },
  { business: "salon", a: "What's your address?", b: "whats your address" },
  { business: "salon", a: "Is there parking?", b: "is there any parking" },
  { business: "salon", a: "Is there parking nearby?", b: "Is there parking near you?" },
  { business: "salon", a: "Do you have parking?", b: "do you have a car park" },
  // salon: payment
  { business: "salon", a: "Do you take card?", b: "do you accept card" },
  { business: "salon", a: "Do you accept cash?", b: "Can I pay cash?" },
  { business: "salon", a: "Do you take Apple Pay?", b: "do you accept apple pay" },
  { business: "salon", a: "Can I pay by card?", b: "can i pay with card" },
  // salon: cancellation, booking
  { business: "salon", a: "What is your cancellation policy?", b: "whats your cancellation policy?" },
  { business: "salon", a: "How do I cancel my appointment?", b: "how can I cancel my appointment" },
  { business: "salon", a: "Do you charge for late cancellations?", b: "Is there a charge for late cancellation?" },
  { business: "salon", a: "Do I need to book?", b: "do i have to book" },
  { business: "salon", a: "Do you take walk-ins?", b: "do you accept walk ins" },
  { business: "salon", a: "Do you need a deposit?", b: "Do I need to pay a deposit?" },
  { business: "salon", a: "Do you do gift vouchers?", b: "do you sell gift vouchers" },
  { business: "salon", a: "Do you need a patch test for colour?", b: "do I need a patch test for hair colour" },
  // clinic
  { business: "clinic", a: "How much is a check-up?", b: "how much for a checkup" },
  { business: "clinic", a: "How much is teeth whitening?", b: "what's the price of teeth whitening" },
  { business: "clinic", a: "Do you take NHS patients?", b: "do you accept NHS patients?" },
  { business: "clinic", a: "Do you do emergency appointments?", b: "do you offer emergency appointments" },
  { business: "clinic", a: "Are you accepting new patients?", b: "are you taking new patients" },
  { business: "clinic", a: "How much is a hygienist clean?", b: "how much does a scale and polish cost" },
  { business: "clinic", a: "Do you do Invisalign?", b: "do you offer invisalign?" },
  { business: "clinic", a: "What are your opening hours?", b: "what are your opening hours?" },
  { business: "clinic", a: "Is there parking at the clinic?", b: "is there parking at the clinic" },
  { business: "clinic", a: "Do you offer payment plans?", b: "do you do payment plans" },
  // gym
  { business: "gym", a: "How much is a membership?", b: "how much does membership cost" },
  { business: "gym", a: "How much is a day pass?", b: "day pass price?" },
  { business: "gym", a: "Do you have a pool?", b: "do you have a swimming pool" },
  { business: "gym", a: "Do you do yoga classes?", b: "do you have yoga classes" },
  { business: "gym", a: "What time do you open on Sunday?", b: "when do you open on sunday" },
  { business: "gym", a: "Are you open 24 hours?", b: "are you open 24 hours?" },
  { business: "gym", a: "Is there a joining fee?", b: "is there a joining fee??" },
  { business: "gym", a: "Can I freeze my membership?", b: "can I pause my membership" },
  { business: "gym", a: "How do I cancel my membership?", b: "How can I cancel my membership?" },
  { business: "gym", a: "Do you have showers?", b: "do you have showers?" },
  { business: "gym", a: "How much is personal training?", b: "how much for a personal trainer" },
  { business: "gym", a: "Is there a student discount?", b: "do you have a student discount" },
];

/** Different things: a cached answer to `a` must never be served for `b`. */
export const DIFFERENT: EvalPair[] = [
  // different service
  { business: "salon", a: "How much is a haircut?", b: "How much is a facial?", why: "service" },
  { business: "salon", a: "How much is a balayage?", b: "How much are highlights?", why: "service" },
  { business: "salon", a: "How much is a brazilian wax?", b: "How much is a hollywood wax?", why: "service" },
  { business: "salon", a: "How much is a gel manicure?", b: "How much is a gel pedicure?", why: "service" },
  { business: "salon", a: "how much is a men's cut", b: "how much is a skin fade", why: "service" },
  { business: "salon", a: "How much is a lash lift?", b: "How much is a lash tint?", why: "service" },
  { business: "salon", a: "Do you do balayage?", b: "Do you do a silk press?", why: "service" },
  { business: "salon", a: "How much is a half leg wax?", b: "How much is a full leg wax?", why: "service" },
  { business: "salon", a: "How much is an express facial?", b: "How much is a hydrating facial?", why: "service" },
  { business: "salon", a: "how much is a kids haircut", b: "how much is a women's haircut", why: "service" },
  { business: "clinic", a: "How much is a check-up?", b: "How much is teeth whitening?", why: "service" },
  { business: "clinic", a: "How much is a filling?", b: "How much is a root canal?", why: "service" },
  { business: "gym", a: "How much is a day pass?", b: "How much is a monthly membership?", why: "service" },
  { business: "gym", a: "Do you do yoga classes?", b: "Do you do spin classes?", why: "service" },
  { business: "gym", a: "Do you have a sauna?", b: "Do you have a pool?", why: "service" },
  // different content word (not a known service)
  { business: "salon", a: "Do you do gel nails?", b: "Do you do acrylic nails?", why: "content" },
  { business: "salon", a: "Do you do eyelash extensions?", b: "Do you do hair extensions?", why: "content" },
  { business: "salon", a: "Do you do keratin treatments?", b: "Do you do perms?", why: "content" },
  { business: "salon", a: "Do you take card?", b: "Do you take cash?", why: "content" },
  { business: "salon", a: "Do you take Apple Pay?", b: "Do you take Google Pay?", why: "content" },
  { business: "salon", a: "Do you take Amex?", b: "Do you take Klarna?", why: "content" },
  { business: "clinic", a: "Do you take NHS patients?", b: "Do you take private patients?", why: "content" },
  { business: "gym", a: "Do you have showers?", b: "Do you have lockers?", why: "content" },
  { business: "gym", a: "Is there a student discount?", b: "Is there a senior discount?", why: "content" },
  // different day / date
  { business: "salon", a: "Are you open on Sunday?", b: "Are you open on Monday?", why: "day" },
  { business: "salon", a: "What time do you close on Friday?", b: "What time do you close on Saturday?", why: "day" },
  { business: "salon", a: "Are you open tomorrow?", b: "Are you open today?", why: "day" },
  { business: "salon", a: "Are you open on Christmas Eve?", b: "Are you open on Boxing Day?", why: "day" },
  { business: "salon", a: "Are you open on the 20th?", b: "Are you open on the 21st?", why: "day" },
  { business: "gym", a: "What time do you open on Sunday?", b: "What time do you open on Saturday?", why: "day" },
  { business: "clinic", a: "Do you have any appointments on Thursday?", b: "Do you have any appointments on Friday?", why: "day" },
  { business: "salon", a: "Are you open this weekend?", b: "Are you open next weekend?", why: "day" },
  // different time
  { business: "salon", a: "Are you open at 9am?", b: "Are you open at 8am?", why: "time" },
  { business: "salon", a: "Can I come in at 5pm?", b: "Can I come in at 6pm?", why: "time" },
  { business: "gym", a: "Are you open at 6am?", b: "Are you open at 5am?", why: "time" },
  { business: "salon", a: "Are you open after 7pm?", b: "Are you open after 8pm?", why: "time" },
  { business: "salon", a: "Are you open on Saturday morning?", b: "Are you open on Saturday afternoon?", why: "time" },
  // open vs close
  { business: "salon", a: "What time do you open on Saturday?", b: "What time do you close on Saturday?", why: "content" },
  { business: "gym", a: "What time do you open?", b: "What time do you close?", why: "content" },
  // different number / amount
  { business: "salon", a: "Can I book for 2 people?", b: "Can I book for 3 people?", why: "number" },
  { business: "salon", a: "Can I book for two people?", b: "Can I book for four people?", why: "number" },
  { business: "gym", a: "How much is a 3 month membership?", b: "How much is a 12 month membership?", why: "number" },
  { business: "gym", a: "How much is a 10 class pass?", b: "How much is a 5 class pass?", why: "number" },
  { business: "salon", a: "Is the haircut £25?", b: "Is the haircut £35?", why: "money" },
  { business: "salon", a: "Do you do 10% off for students?", b: "Do you do 20% off for students?", why: "percent" },
  { business: "gym", a: "Is it $30 a month?", b: "Is it $40 a month?", why: "money" },
  { business: "clinic", a: "Do you see kids under 5?", b: "Do you see kids under 12?", why: "number" },
  // negation
  { business: "salon", a: "Do you do gel nails?", b: "Do you not do gel nails?", why: "negation" },
  { business: "salon", a: "Is parking free?", b: "Is parking not free?", why: "negation" },
  { business: "salon", a: "Do I need to book?", b: "I don't need to book?", why: "negation" },
  { business: "salon", a: "Can I pay by card?", b: "Can I pay without card?", why: "negation" },
  { business: "clinic", a: "Is the check-up covered by insurance?", b: "Is the check-up not covered by insurance?", why: "negation" },
  { business: "gym", a: "Is there a joining fee?", b: "Is there no joining fee?", why: "negation" },
  // different topic sharing words
  { business: "salon", a: "Is there parking?", b: "How much is parking?", why: "topic" },
  { business: "salon", a: "Is parking free?", b: "Where is the parking?", why: "topic" },
  { business: "salon", a: "How do I cancel my appointment?", b: "How do I book an appointment?", why: "topic" },
  { business: "salon", a: "How do I cancel my appointment?", b: "How do I change my appointment?", why: "topic" },
  { business: "salon", a: "What is your cancellation policy?", b: "What is your refund policy?", why: "topic" },
  { business: "salon", a: "How much is a haircut?", b: "How long does a haircut take?", why: "topic" },
  { business: "salon", a: "How much is a haircut?", b: "Can I book a haircut?", why: "topic" },
  { business: "salon", a: "How much is a haircut?", b: "Who does the haircuts?", why: "topic" },
  { business: "salon", a: "Do you do gift vouchers?", b: "How long are gift vouchers valid?", why: "topic" },
  { business: "salon", a: "Do you need a deposit?", b: "Is the deposit refundable?", why: "topic" },
  { business: "salon", a: "Where are you located?", b: "Are you located near the station?", why: "topic" },
  { business: "salon", a: "Are you open on Sunday?", b: "How much is a haircut on Sunday?", why: "topic" },
  { business: "clinic", a: "How much is a check-up?", b: "How often should I have a check-up?", why: "topic" },
  { business: "clinic", a: "Are you accepting new patients?", b: "How do I register as a new patient?", why: "topic" },
  { business: "gym", a: "How much is a membership?", b: "How do I cancel my membership?", why: "topic" },
  { business: "gym", a: "Can I freeze my membership?", b: "Can I share my membership?", why: "topic" },
  { business: "gym", a: "Do you have a pool?", b: "What time does the pool open?", why: "topic" },
  { business: "gym", a: "How much is personal training?", b: "Who are your personal trainers?", why: "topic" },
];
