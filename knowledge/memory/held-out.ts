// Held out: written after the extractor was tuned on table.ts and not tuned on since, so
// the figures extract.test.ts prints for it are an honest estimate (floors are lower).
import type { ExtractedFact } from "./types.js";

const n = (value: string): ExtractedFact => ({ key: "name", value });
const p = (value: string): ExtractedFact => ({ key: "preference", value });
const s = (value: string): ExtractedFact => ({ key: "last_service", value });

export const HELD_OUT_TABLE: Array<[string, ExtractedFact[]]> = [
  ["hey there, I'm Aisha", [n("Aisha")]],
  ["Hello! My name is Tom. Are you open Sunday?", [n("Tom")]],
  ["hi its jen", [n("Jen")]],
  ["This is Kavya, I booked a pedicure", [n("Kavya")]],
  ["please call me Liz", [n("Liz")]],
  ["I am Fatima and I'd like a quote", [n("Fatima")]],
  ["I'm confused about the price", []],
  ["I'm hoping to come in Friday", []],
  ["I'm on my way", []],
  ["I'm ready to pay", []],
  ["I'm not sure yet", []],
  ["this is the third time I've asked", []],
  ["call me at 5", []],
  ["I'm happy with that", []],
  ["I'm Anna's friend", []],
  ["I prefer evenings", [p("prefers evenings")]],
  ["I would prefer Sophie for my colour", [p("prefers Sophie")]],
  ["I'm allergic to peroxide", [p("allergic to peroxide")]],
  ["no scented products please", [p("no scented products")]],
  ["I'd rather have a female therapist", [p("prefers female therapist")]],
  ["no worries at all", []],
  ["I prefer not to pay upfront", []],
  ["which do you prefer?", []],
  ["no, that's all", []],
  ["I had highlights last time", [s("highlights")]],
  ["last visit I had a hot stone massage", [s("hot stone massage")]],
  ["my last treatment was microblading", [s("microblading")]],
  ["I got a fade before", [s("fade")]],
  ["I had a chat with Anna last week", []],
  ["last time I had to wait an hour", []],
  ["my last visit was in May", []],
];
