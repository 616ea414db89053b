// The base intents the local classifier tells apart (examples in data.ts, data-i18n.ts).
/**
 * - question: a request one knowledge entry or one tool call with the values given answers
 *   (prices, hours, services, book / move / cancel with a time, pay);
 * - complex: a request that needs reasoning beyond quoting one entry: advice and choices,
 *   comparisons, estimates and combinations, conditions, negotiation, a thing described
 *   instead of named, or one that leans on earlier messages;
 * - complaint: something went wrong (service, result, delay, no answer);
 * - other: yes/no, fillers, chit-chat with nothing to act on.
 */
export const INTENTS = ["greeting", "thanks", "goodbye", "human_request", "question", "complex", "complaint", "other", "memory_recall", "memory_forget"] as const;
export type Intent = (typeof INTENTS)[number];
