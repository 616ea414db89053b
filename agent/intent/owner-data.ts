// Owner intents the local tier understands without an LLM, learnt like data.ts: labelled
// examples, plus the lead-in phrases that are cut off to get the slot (the fact to teach,
// the entry to forget). Teach it by adding examples and phrases here, not rules in code.
export const OWNER_INTENTS = ["teach", "forget", "list_contacts", "ingestion_status", "usage_report", "bookings", "campaign_control", "campaign_results", "none"] as const;
export type OwnerIntent = (typeof OWNER_INTENTS)[number];

export const OWNER_EXAMPLES: Record<OwnerIntent, string[]> = {
  teach: [
    "remember the alarm code is 1234", "remember the card machine pin is at the desk", "remember our new phone number is 020 7946 0000",
    "note that the car park closes at 8", "please note the yoga room is on the first floor", "remember the dentist is away next week",
    "from now on the deposit is 20 pounds", "remember that the wifi password is changing to sunshine22", "fyi the lift is out of order this week",
    "note that we stock vegan products now", "remember we don't see patients under 16 without a parent", "please remember the late fee is 10",
    "recuerda que cerramos los lunes", "lembre que abrimos às 9 no sábado", "note que nous fermons le dimanche", "merk dir, dass wir montags geschlossen haben",
    "yaad rakhna ki sunday ko band hai",
    "remember that we are closed on sundays", "remember we close at 7 on fridays",
    "note that the gold facial now costs 2500", "please note we have free parking",
    "from now on we open at 9am", "from now on haircuts cost 500", "keep in mind that we don't take cards",
    "remember that bridal packages need a deposit", "note that we are closed on diwali",
    "please remember the spa is upstairs", "fyi we now accept upi", "make a note that kids cuts are 300",
    "remember: no appointments on public holidays", "from now on, manicures take 45 minutes",
    "note down that we have a new stylist called priya", "please remember that we're closed on mondays in december",
  ],
  forget: [
    "forget the old wifi password", "delete the christmas hours entry", "remove the note about the car park", "forget the old deposit amount",
    "delete what you know about the summer timetable", "please forget the entry on late fees", "get rid of the old opening hours entry",
    "olvida la entrada de horarios de verano", "apague a informação sobre estacionamento",
    "forget the parking entry", "delete the parking info", "forget about the diwali offer",
    "remove the old price list", "delete the entry about gift cards", "forget what i said about sundays",
    "forget the opening hours entry", "please delete the membership entry", "remove the wifi info",
    "forget the student discount", "delete that entry about home service", "drop the holiday closure note",
    "forget about the monday closure", "remove the entry called bridal makeup",
  ],
  list_contacts: [
    "show me who has messaged this month", "list the people who contacted us", "who wrote to us yesterday", "list everyone who got in touch",
    "show me the latest enquiries", "give me our contact list", "who are the new leads this week", "list new customers",
    "muéstrame los clientes recientes", "mostre os clientes recentes",
    "list my customers", "show me recent customers", "who messaged us recently", "list all customers",
    "who are my latest contacts", "show the contact list", "which customers wrote this week",
    "list recent leads", "who contacted us today", "show me everyone who messaged",
    "give me the list of clients", "who are our newest customers", "list contacts",
  ],
  // documents the owner sent (api/ingest): are they in yet, which ones are there
  ingestion_status: [
    "has the menu pdf been processed", "did you get the price list i sent", "is the spreadsheet uploaded", "which files have been added",
    "is my price list done?", "how's the upload going?", "what documents have i added?", "has the faq finished uploading",
    "is the pdf added yet", "did the menu upload work", "status of my upload", "which documents do you have",
    "list my documents", "show my uploaded files", "how far along is the price list", "is the document ready",
    "did you finish reading the pdf", "are my files processed", "has my csv been added", "what files did i send you",
    "is the upload finished", "progress of the faq sheet", "did my document go through", "is the brochure in yet",
  ],
  // what the assistant's model calls cost (tools/usage)
  usage_report: [
    "what has the chatbot cost us", "how much are we spending on the assistant", "give me the ai cost breakdown for this month", "how much credit have we used",
    "how much has the assistant cost this month?", "how much did we spend on ai this month", "what's my ai bill",
    "how much have you cost us so far", "show me the usage report", "what is the assistant costing me", "ai costs this month",
    "how much budget is left", "how much of the budget have we used", "what did the bot cost", "how expensive have you been this month",
    "show my ai spend", "how much money has the ai used", "usage and cost report please", "what are we paying for the assistant",
    "cost of the assistant so far", "how many tokens did we use", "how much have we spent on gpt",
  ],
  // the bookings of a day (read only: list_bookings); cancelling or moving one is for the LLM tiers
  bookings: [
    "what's booked for tomorrow", "who's coming in this afternoon", "show me today's appointments", "how many bookings this week",
    "any cancellations today?", "what's on today", "who's in tomorrow morning", "show me the diary for friday", "list tomorrow's appointments",
    "what appointments do we have on saturday", "who is booked in next monday", "how busy are we tomorrow", "what does thursday look like",
    "show bookings for this week", "any bookings tonight?", "what's in the book for sunday", "who have we got at 3pm today",
    "qué citas hay mañana", "quais agendamentos temos amanhã", "quels rendez-vous demain", "welche termine haben wir heute", "aaj ki bookings dikhao",
  ],
  // pause or resume a running campaign (cancelling is for the LLM tiers, which confirm it)
  campaign_control: [
    "pause the spring campaign", "pause the diwali campaign", "pause the campaign", "put the summer campaign on hold", "hold the newsletter campaign",
    "resume the spring campaign", "resume the campaign", "carry on with the diwali campaign", "restart the paused campaign", "unpause the campaign",
    "please pause the friday offer campaign", "can you pause the black friday campaign", "continue the mother's day campaign",
    "pausa la campaña", "pause a campanha", "mets la campagne en pause", "kampagne pausieren",
  ],
  // how a campaign did (read only)
  campaign_results: [
    "how did the last campaign do", "how did friday's campaign do", "results of the diwali campaign", "how is the summer campaign going",
    "how many people opened the campaign", "campaign results please", "show me the stats for the spring campaign", "did the offer campaign get any bookings",
    "how many replies did the campaign get", "what were the results of the newsletter", "how did the mother's day offer perform",
    "cómo fue la campaña", "como foi a campanha", "comment s'est passée la campagne", "wie lief die kampagne",
  ],
  none: [
    "cancel sarah's 3pm", "move john's appointment to friday", "book mrs patel in for tuesday at 10", "refund the deposit for the 2pm",
    "send a payment link to the 4pm client",
    "create a campaign for mother's day", "send a promo to everyone who visited last month",
    "write a facebook post about our new opening hours", "make a flyer for the summer sale", "reply to the 1 star review from yesterday",
    "give me a summary of this week", "how many new customers did we get this month", "which services sold best",
    "set the monthly budget to 50", "change our opening hours in the settings", "turn off weekend replies",
    "yes", "yes go ahead", "no cancel that", "approve", "do it", "help", "how do i use this",
    "who are you", "can you order more shampoo for us", "what's the capital of france", "tell me a joke",
    "hi", "thanks", "ok", "bye", "how are we doing this week", "what should we post on instagram",
    "launch a diwali campaign with 20% off", "how much is a facial?", "what are our opening hours",
    "how many bookings did we get", "write a promo message for haircuts", "can you help me with pricing",
    "what did customers ask about most", "are we open on sunday?", "i want to talk to a person",
    "good morning", "send a reminder to everyone", "what's the weather", "never mind",
    "do we have parking?", "thank you, that's all",
    "forget it", "oh just forget it", "never mind, forget it", "remember me?",
    "how was business this month", "how much did we earn this week", "what were our sales last month", "how much revenue so far",
  ],
};

/** Lead-ins removed before the slot, longest first; filler words may precede them. */
export const SLOT_LEAD_INS: Record<"teach" | "forget", string[]> = {
  teach: [
    "please remember that", "remember that", "please remember", "remember", "please note that", "note that",
    "please note", "note down that", "note down", "make a note that", "make a note", "keep in mind that",
    "from now on", "fyi", "for your information",
  ],
  forget: [
    "forget what i said about", "forget about", "forget", "delete the entry about", "delete the entry called",
    "delete that entry about", "delete the", "delete", "remove the entry called", "remove the entry about",
    "remove the", "remove", "drop the", "drop",
  ],
};
export const SLOT_FILLERS = ["please", "pls", "hey", "ok", "okay", "can you", "could you", "kindly"];
/** Slots too vague to act on ("forget it", "remember this"). */
export const VAGUE_SLOTS = ["it", "that", "this", "everything", "all", "me", "all of it"];
/** Trailing words of a forget request that are not part of the entry's name. */
export const FORGET_TRAILERS = ["entry", "fact", "info", "information", "note", "please", "from your memory", "from knowledge"];

/** Words after a document's name that ask whether it is in ("is my price list done?"). */
export const DOCUMENT_STATUS_WORDS = [
  "done", "finished", "ready", "added", "uploaded", "processed", "complete", "completed", "in", "there", "working", "work", "through",
  "going", "coming along", "doing",
];
/** Slots that name no document in particular ("is the upload done?" asks about all of them). */
export const VAGUE_DOCUMENT_SLOTS = ["upload", "uploads", "document", "documents", "file", "files", "doc", "docs", "it", "that", "this", "thing", "stuff"];
/**
 * Lead-ins of a text the owner pastes to be added as a document ("add this to your
 * knowledge:" then the text, after a colon or a line break); the text after it is the slot.
 */
export const ADD_DOCUMENT_LEAD_INS = [
  "add this to your knowledge", "add this to your memory", "add this to what you know", "add this to the knowledge base",
  "please add this", "add this", "add the following", "save this document", "save this", "learn this", "upload this",
  "here is our price list", "here's our price list", "here is our menu", "here's our menu", "here are our policies",
  "here is our faq", "here's our faq",
];
/** Shorter than this after the lead-in, it is a fact to teach rather than a document. */
export const MIN_PASTED_DOCUMENT_CHARS = 80;
