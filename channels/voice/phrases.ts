// The fixed lines of a call, in one place (English; a tenant locale without its own lines
// still gets speech recognition and TTS in its language, the agent's replies in the
// caller's language, and these lines in English).
export const phrases = {
  greeting: (business: string) => `Thanks for calling ${business}. How can I help you today?`,
  holding: "One moment while I check that.",
  stillWorking: "Sorry, that is taking longer than it should. Could you ask me again, or ask something else?",
  reprompt: "Sorry, I didn't catch that. Could you say it again?",
  goodbyeUnheard: (business: string) => `I'm sorry, I'm having trouble hearing you. Please call ${business} again, or send us a text. Goodbye.`,
  anythingElse: "Is there anything else I can help with?",
  connecting: "Let me put you through to someone now.",
  callbackRequested: (business: string) =>
    `I've asked the team at ${business} to call you back at this number as soon as they can.`,
  dialFailed: (business: string) =>
    `Sorry, nobody could pick up right now. I've asked the team at ${business} to call you back at this number. Goodbye.`,
  error: "Sorry, something went wrong on our side. Could you say that again?",
} as const;

