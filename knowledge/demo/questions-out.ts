// Second batch of out-of-scope messages (written 2026-11-24, before any measurement on
// them): things the knowledge does not answer, several close to a salon's trade (botox,
// spray tans, dog grooming) so a shared word alone must not make them look answered.
export const OUT_OF_SCOPE_2: string[] = [
  "do you do botox",
  "do you do spray tans",
  "can you do teeth whitening",
  "do you do laser hair removal",
  "do you pierce ears",
  "do you do microblading",
  "do you do dog grooming",
  "whats the wifi password",
  "can you book me a taxi to the airport",
  "whats a good recipe for lasagne",
  "can you help with my tax return",
  "how do i reset my iphone",
  "can you recommend a restaurant nearby",
  "who won the election",
  "whats 15% of 80",
  "do you fix phones",
  "can you translate this into spanish",
  "are you looking for apprentices",
];
