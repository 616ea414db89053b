// Synthetic small-business knowledge for the knowledge-store benchmark: services with
// prices and durations, policies, staff, opening hours, location, payments, products.
// Sentences come from varied templates over a mixed vocabulary (salon, clinic, gym, trades,
// bakery, pets...) so BM25 postings and hashed embeddings have realistic spread: a few
// very common terms (book, price, minut), a long tail of names, brands and streets.
// Deterministic for a seed.
import { seededRandom } from "../agent/router/metrics.js";

export type Rng = () => number;

/** mulberry32, shared with the router bench (agent/router/metrics.ts, tested there). */
export const rng: (seed: number) => Rng = seededRandom;

const SERVICES = `women's haircut,men's haircut,kids' haircut,skin fade,beard trim,balayage,full head highlights,half head highlights,
root colour,toner,keratin smoothing,blow-dry,bridal updo,hair extensions,scalp treatment,express facial,deep cleansing facial,
hydrating facial,microdermabrasion,chemical peel,gel manicure,classic manicure,spa pedicure,acrylic nails,nail art,leg wax,
brazilian wax,eyebrow wax,brow lamination,brow tint,lash lift,lash extensions,sports massage,hot stone massage,
deep tissue massage,reflexology,teeth whitening,dental check-up,hygienist clean,physiotherapy session,osteopathy consultation,
yoga class,pilates reformer class,personal training session,spin class,dog grooming,puppy bath,nail clipping for dogs,
boiler service,gas safety check,emergency call-out,bathroom fitting,MOT test,full car service,tyre fitting,wedding cake,
birthday cake,sourdough loaf,custom cupcakes,bouquet delivery,wedding flowers,family photo shoot,headshot session,
maths tutoring lesson,guitar lesson,alteration and hemming,dry cleaning,key cutting,phone screen repair`
  .split(",").map((s) => s.trim());
const NAMES = `Priya,Sophie,Amara,Chloe,Hannah,Olivia,Fatima,Grace,Zara,Megan,Ella,Isla,Nadia,Leah,Maya,Ruby,Aisha,Erin,Jess,Lucy,
Tom,James,Oliver,Ravi,Daniel,Marcus,Kwame,Leo,Sam,Ethan,Noah,Arjun,Callum,Finn,Luca,Omar,Jack,Ben,Harry,Josh`
  .split(",").map((s) => s.trim());
const ROLES = ["senior stylist", "colourist", "junior stylist", "therapist", "nail technician", "barber", "manager", "receptionist",
  "dentist", "hygienist", "physiotherapist", "instructor", "personal trainer", "groomer", "engineer", "baker", "florist", "photographer", "tutor"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const TIMES = ["7am", "7:30am", "8am", "8:30am", "9am", "9:30am", "10am", "11am", "12pm", "1pm", "4pm", "5pm", "5:30pm", "6pm", "7pm", "8pm", "9pm"];
const STREETS = ["High Street", "Park Road", "Church Lane", "Station Road", "Victoria Street", "Mill Lane", "King Street",
  "Queen's Road", "Gloucester Road", "North Street", "Market Square", "Cheltenham Road", "Whiteladies Road", "Wellington Road"];
const LANDMARKS = ["the library", "the station", "the big Tesco", "the post office", "St Mary's church", "the leisure centre",
  "the old cinema", "the bus depot", "the river bridge", "the town hall", "the primary school", "the farmers' market"];
const BRANDS = ["Kérastase", "Olaplex", "Redken", "Dermalogica", "OPI", "CND Shellac", "Moroccanoil", "Elemis", "Bumble and bumble",
  "Wella", "L'Oréal Professionnel", "Aveda", "Philip Kingsley", "Neal's Yard", "Royal Canin", "Worcester Bosch", "Michelin"];
const PAYMENTS = ["cash", "all major cards", "Apple Pay", "Google Pay", "American Express", "bank transfer", "Klarna", "gift vouchers"];
const EXTRAS = ["a consultation", "a wash and blow-dry", "a relaxing head massage", "aftercare advice", "a free follow-up check",
  "a hot towel", "a take-home sample", "a patch test", "a cup of tea or coffee", "a written quote", "parts and labour"];
const ADJ = ["friendly", "experienced", "fully qualified", "award-winning", "patient", "gentle", "quick", "thorough", "relaxed", "independent"];

type Slot = (r: Rng) => string;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const price = (r: Rng) => `£${int(r, 2, 60) * 5}`;
const mins = (r: Rng) => `${pick(r, [15, 20, 30, 45, 60, 75, 90, 120, 150, 180])} minutes`;

const SENTENCES: Slot[] = [
  (r) => `A ${pick(r, SERVICES)} costs ${price(r)} and takes about ${mins(r)}, including ${pick(r, EXTRAS)}.`,
  (r) => `Our ${pick(r, SERVICES)} starts from ${price(r)}; longer or thicker hair may cost up to ${price(r)} more.`,
  (r) => `${pick(r, NAMES)} is our ${pick(r, ADJ)} ${pick(r, ROLES)} with ${int(r, 2, 25)} years of experience and specialises in ${pick(r, SERVICES)}.`,
  (r) => `You can book ${pick(r, NAMES)} for a ${pick(r, SERVICES)} online, by phone or on WhatsApp.`,
  (r) => `We are open ${pick(r, DAYS)} to ${pick(r, DAYS)} from ${pick(r, TIMES)} to ${pick(r, TIMES)}.`,
  (r) => `On ${pick(r, DAYS)}s we close early at ${pick(r, TIMES)}, and we are closed on bank holidays.`,
  (r) => `Late opening until ${pick(r, TIMES)} every ${pick(r, DAYS)} for clients who work during the day.`,
  (r) => `Please give us at least ${pick(r, [12, 24, 48, 72])} hours' notice to cancel or move an appointment, or the deposit is kept.`,
  (r) => `A deposit of ${price(r)} is taken when you book a ${pick(r, SERVICES)} and comes off the final bill.`,
  (r) => `If you arrive more than ${pick(r, [10, 15, 20])} minutes late we may have to shorten your ${pick(r, SERVICES)} or rebook you.`,
  (r) => `We accept ${pick(r, PAYMENTS)}, ${pick(r, PAYMENTS)} and ${pick(r, PAYMENTS)}; we do not take cheques.`,
  (r) => `Gift cards from ${price(r)} can be used for any service, including a ${pick(r, SERVICES)}, and are valid for ${pick(r, [6, 12, 24])} months.`,
  (r) => `You will find us at ${int(r, 1, 240)} ${pick(r, STREETS)}, opposite ${pick(r, LANDMARKS)}.`,
  (r) => `The number ${int(r, 1, 99)} bus stops outside ${pick(r, LANDMARKS)}, a ${int(r, 2, 10)}-minute walk from us.`,
  (r) => `Free parking for ${pick(r, [1, 2, 3])} hours is available on ${pick(r, STREETS)}; the pay and display behind ${pick(r, LANDMARKS)} costs ${price(r)} a day.`,
  (r) => `There is step-free access at the ${pick(r, ["front", "side", "back"])} entrance and an accessible toilet on the ground floor.`,
  (r) => `We use and sell ${pick(r, BRANDS)} and ${pick(r, BRANDS)} products; ask ${pick(r, NAMES)} which suits you best.`,
  (r) => `A patch test is needed at least 48 hours before any ${pick(r, SERVICES)} if you are new to us or have changed products.`,
  (r) => `Children under ${int(r, 8, 16)} must be accompanied by an adult during their ${pick(r, SERVICES)}.`,
  (r) => `Walk-ins are welcome when a ${pick(r, ROLES)} is free, but booking ahead is the best way to get your preferred time.`,
  (r) => `Refunds are offered within ${pick(r, [7, 14, 30])} days if you are not happy; contact ${pick(r, NAMES)} and we will put it right.`,
  (r) => `Our ${pick(r, ["bridal", "party", "student", "loyalty", "family"])} package bundles a ${pick(r, SERVICES)} and a ${pick(r, SERVICES)} for ${price(r)}.`,
  (r) => `Students and over-65s get ${pick(r, [10, 15, 20])}% off a ${pick(r, SERVICES)} from ${pick(r, DAYS)} to ${pick(r, DAYS)}.`,
  (r) => `Call us on 0117 ${int(r, 100, 999)} ${int(r, 1000, 9999)} or message us on WhatsApp; we reply within ${pick(r, [1, 2, 4])} hours.`,
  (r) => `Aftercare: avoid ${pick(r, ["washing your hair", "heat styling", "swimming", "the gym", "make-up", "direct sun"])} for ${pick(r, [24, 48, 72])} hours after a ${pick(r, SERVICES)}.`,
];
const TITLES: Slot[] = [
  (r) => `${cap(pick(r, SERVICES))} prices`, (r) => `About ${pick(r, NAMES)}`, () => "Opening hours", () => "Cancellation policy",
  () => "Deposits", () => "Late arrival", () => "Payment methods", () => "Gift cards", () => "Finding us", () => "Parking",
  () => "Accessibility", (r) => `${pick(r, BRANDS)} products`, () => "Patch tests", () => "Offers and discounts",
  (r) => `${cap(pick(r, SERVICES))} aftercare`, () => "Contact us", () => "Refunds", (r) => `${cap(pick(r, ["bridal", "party", "loyalty"]))} packages`,
];
function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}

export function title(r: Rng): string {
  return pick(r, TITLES)(r);
}

/** One chunk of text in the chunker's target range (300–500 characters). */
export function chunkBody(r: Rng): string {
  let text = "";
  for (;;) {
    const s = pick(r, SENTENCES)(r);
    if (text.length + 1 + s.length > 500) {
      if (text.length >= 300) return text;
      continue;
    }
    text = text ? `${text} ${s}` : s;
    if (text.length >= 300 && r() < 0.35) return text;
  }
}

export interface SyntheticEntry {
  title: string;
  chunks: string[];
}

/** Entries of 1–3 chunks each until `chunkCount` chunks. */
export function entries(r: Rng, chunkCount: number): SyntheticEntry[] {
  const out: SyntheticEntry[] = [];
  for (let made = 0; made < chunkCount; ) {
    const n = Math.min(chunkCount - made, r() < 0.5 ? 1 : r() < 0.7 ? 2 : 3);
    out.push({ title: title(r), chunks: Array.from({ length: n }, () => chunkBody(r)) });
    made += n;
  }
  return out;
}
