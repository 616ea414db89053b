// The labelled messages the extractor is measured on (extract.test.ts prints precision and
// recall). Each row: a message and every fact it should yield (none for the negatives).
import type { ExtractedFact } from "./types.js";

const n = (value: string): ExtractedFact => ({ key: "name", value });
const p = (value: string): ExtractedFact => ({ key: "preference", value });
const s = (value: string): ExtractedFact => ({ key: "last_service", value });

export const EXTRACTION_TABLE: Array<[string, ExtractedFact[]]> = [
  // names
  ["Hi, I'm Priya", [n("Priya")]],
  ["hi im priya", [n("Priya")]],
  ["i'm priya, do you have a slot tomorrow?", [n("Priya")]],
  ["My name is Priya Sharma", [n("Priya Sharma")]],
  ["my name's anna", [n("Anna")]],
  ["This is Priya from Bristol", [n("Priya")]],
  ["hello, this is priya from the flat upstairs", [n("Priya")]],
  ["call me P", [n("P")]],
  ["You can call me Jo", [n("Jo")]],
  ["Hey it's Sam", [n("Sam")]],
  ["Good morning, I am Rahul. How much is a beard trim?", [n("Rahul")]],
  ["hello my name is Mei Lin", [n("Mei Lin")]],
  ["I'm Bob, I booked yesterday", [n("Bob")]],
  ["Hi! I'm Oluwaseun", [n("Oluwaseun")]],
  // not names
  ["I'm looking for a facial", []],
  ["I'm good", []],
  ["I'm 5 minutes late", []],
  ["I'm fine thanks", []],
  ["I'm new here", []],
  ["I'm running late", []],
  ["I'm in Bristol", []],
  ["I'm a student, is there a discount?", []],
  ["this is great", []],
  ["I'm back", []],
  ["call me back please", []],
  ["call me tomorrow", []],
  ["I'm Priya's mum, she wants a trim", []],
  ["I'm so sorry I missed it", []],
  ["I'm interested in a massage", []],
  ["I'm outside", []],
  ["is this the salon?", []],
  ["I'm wondering if you're open", []],
  // preferences
  ["I prefer Anna", [p("prefers Anna")]],
  ["I'd rather have mornings", [p("prefers mornings")]],
  ["no fragrances please, I'm allergic to lavender", [p("no fragrances"), p("allergic to lavender")]],
  ["I'd prefer to come in the morning", [p("prefers to come in the morning")]],
  ["I always book with Marco", [p("prefers Marco")]],
  ["I have a nut allergy", [p("allergic to nut")]],
  ["please don't use any perfume on me", [p("no perfume")]],
  ["I'm allergic to latex", [p("allergic to latex")]],
  ["I'd prefer Saturdays if possible", [p("prefers Saturdays")]],
  // not preferences
  ["no thanks", []],
  ["no problem, see you then", []],
  ["do you prefer cash or card?", []],
  ["I'd rather not say", []],
  ["I prefer it that way", []],
  ["No, I'm fine", []],
  ["would you rather I come at 5?", []],
  ["I'd like to book a haircut", []],
  // last service
  ["I had a balayage last time", [s("balayage")]],
  ["my last cut was a bob", [s("cut (bob)")]],
  ["last time I got highlights", [s("highlights")]],
  ["I came in for a facial last week", [s("facial")]],
  ["my last appointment was a gel manicure", [s("gel manicure")]],
  ["I had a deep tissue massage with Anna last month", [s("deep tissue massage")]],
  // not last service
  ["I had a question about prices", []],
  ["last time it was closed", []],
  ["I had a bad experience last time", []],
  ["what did I have last time?", []],
  ["can I book the same as last time?", []],
  ["I had a baby last year so I'm back now", []],
];
