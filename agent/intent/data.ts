// The labelled examples the local intent classifier learns from. Add examples here (not
// rules in code) to teach it. English here; the other languages customers write are in
// data-i18n.ts (merged below). Written from everyday small-business traffic — salons,
// clinics, studios, restaurants, repair shops, tutors, groomers — never from the router's
// replay set (agent/router/replay), which is the test set (eval.ts).
import { I18N_EXAMPLES, OTHER_LANGS } from "./data-i18n.js";

export { INTENTS, type Intent } from "./labels.js";
import type { Intent } from "./labels.js";
import { INTENTS } from "./labels.js";

const ENGLISH: Record<Intent, string[]> = {
  greeting: [
    "hey guys", "hello hello", "hi again", "good morning team", "hey 👋", "hi 😊", "hello, is this the salon?",
    "hi, is this the right number for the clinic", "evening!", "hey, it's me again",
    "hi", "hello", "hey", "hey there", "hi there", "hello there", "good morning", "good afternoon",
    "good evening", "morning!", "hiya", "howdy", "yo", "greetings", "hello!!", "hi, anyone there?",
    "hey, hope you're well", "hello, good morning", "hi team", "namaste", "hola", "heyy", "helo",
    "hi how are you", "hello how are you doing",
    "hi, I'm priya", "hello, my name is john", "hey it's sam here", "hi this is maria", "hello, I am anita",
  ],
  thanks: [
    "thanks so much for sorting that", "brilliant, thank you", "lovely, thanks", "thank you 🙏", "🙏", "great stuff cheers",
    "thank youuu", "ta", "nice one, thanks", "thanks for getting back to me",
    "thanks", "thank you", "thank you so much", "thanks a lot", "many thanks", "thx", "ty",
    "thanks!", "cheers", "much appreciated", "appreciate it", "thank you very much",
    "great, thanks", "ok thanks", "perfect thank you", "awesome thanks", "thanks for the help",
    "thank you for your help", "that's helpful, thanks", "super, thank u", "tysm", "thanks so much",
  ],
  goodbye: [
    "ok see you then", "see you on friday", "speak soon", "bye now", "night night", "laters", "see you next week, bye",
    "that's everything, bye", "ok cool bye", "have a lovely evening",
    "bye", "goodbye", "bye bye", "see you", "see you later", "see ya", "talk later", "good night",
    "have a nice day", "take care", "catch you later", "that's all, bye", "ok bye", "later!",
    "cya", "have a good one", "gotta go", "bye for now", "until next time", "see you tomorrow",
  ],
  human_request: [
    "can i talk to a receptionist", "is there someone i can call", "i'd rather speak to a person", "put me through to the front desk",
    "can a real person text me back", "i want to speak to the dentist directly", "get the chef on the phone please", "real person please",
    "can i speak with the technician", "i need a human not a bot",
    "i want to talk to a person", "can i speak to a human", "let me talk to a real person",
    "connect me to the owner", "i want to speak with the manager", "get me a human",
    "is there a real person i can talk to", "put me through to someone", "talk to a human please",
    "i'd like to speak to the owner", "can the manager call me", "human please", "agent please",
    "i need to talk to someone real", "transfer me to a person", "are you a bot? i want a person",
    "can someone from the staff contact me", "i want a real human", "speak to representative",
    "let me speak to your boss", "please have a person call me back", "i want the owner",
  ],
  question: [
    "do you do teeth whitening", "how much is a check up", "is there an emergency appointment today",
    "what time is the evening yoga class", "is there a beginners class on monday",
    "do you tutor gcse maths", "how much per hour for tutoring", "are lessons online or in person",
    "how much to fix a cracked screen", "how long does a battery replacement take", "do you repair laptops", "can you fix water damage",
    "do you have a table for four tonight", "what time does the kitchen close", "do you do takeaway", "is the curry very spicy",
    "how much is a physio assessment", "do you do sports massage", "can i claim this on insurance",
    "how much is a full groom for a spaniel", "do you groom cats", "how long does a dog groom take",
    "can i book a haircut for saturday morning", "i'd like to book a cut and colour next week", "can you fit me in today",
    "any availability on thursday afternoon", "what times are free tomorrow", "is 3pm friday free",
    "can i move my booking to next tuesday", "i need to change my appointment time", "can i push my appointment back an hour",
    "i need to cancel my appointment on monday", "please cancel my booking", "can i cancel without a fee",
    "how do i pay the deposit", "can you send me a payment link", "do you take cash", "can i pay in instalments",
    "i was charged the wrong amount", "my nails broke after two days", "the service was really slow today",
    "do you have gift cards", "what are your prices", "what's the price for a beard trim", "how much for highlights",
    "is there a cancellation fee", "what's the deposit", "do you do walk ins", "are you open bank holiday monday",
    "what is the nearest station", "is there step free access", "can i bring my child along", "do you do kids haircuts",
    "how long is the waiting list", "when is your next available slot", "what time do you open on saturdays",
    "book me in for a massage at 2pm tomorrow", "i want to book a table for 2 at 8pm", "reserve a slot for my dog on friday",
    "is my appointment still on for tomorrow", "what time is my booking", "did my booking go through",
    "how much is a facial?", "what are your opening hours", "are you open on sunday?",
    "do you have a slot tomorrow after 5?", "where are you located", "what is the price of a haircut",
    "do you offer home service", "how long does a manicure take", "can i pay by card",
    "what's your cancellation policy", "do you have parking", "is there a discount for students",
    "hi, how much is a haircut?", "hello, are you open today?", "how do i book an appointment",
    "what services do you offer", "do you accept upi", "what time do you close",
    "is the spa open on holidays", "how much does delivery cost", "do you sell gift cards",
    "what is the refund policy", "which brands do you use", "price list please",
    "opening hours?", "address?", "do you do bridal makeup", "can i reschedule my booking",
    "how early should i arrive", "is wifi available", "what are the charges for hair colour",
    "good evening, i would like to know your prices", "hi, i want to book a massage",
    "thanks, and do you do pedicures?", "hello, i'd like to know about your packages",
    "good morning, can i come in today", "hey what do you charge for waxing",
    "i want to know the cost of a pedicure", "tell me about your membership",
    "i need an appointment for saturday", "where is your shop", "when do you open",
  ],
  // the contact's own memory (tools/memory): what is remembered about them, and forgetting it
  memory_recall: [
    "do you still have my details", "what's saved on my profile", "which name do you have for me", "have you kept my number",
    "what do you remember about me?", "what do you know about me", "what do you have on me",
    "what info do you have about me", "what have you saved about me", "do you remember me?",
    "what data do you keep about me", "tell me what you remember about me", "what do you know about me?",
    "show me what you know about me", "what details do you have for me", "what have you stored about me",
    "do you know who i am", "what's my name", "what information have you got on me", "do you remember my name",
  ],
  memory_forget: [
    "please delete my details", "remove me from your records", "forget my phone number", "erase everything about me",
    "forget me", "delete my data", "forget my name", "please forget everything about me", "erase my details",
    "delete everything you know about me", "forget what you know about me", "remove my information",
    "wipe my data please", "forget my preferences", "don't remember me", "delete my info",
    "stop remembering my details", "forget about me", "clear my data", "delete my name", "forget my language",
    "forget my last service",
  ],
  complex: [
    "which is better for dry skin, the hydrating facial or the peel", "what's the difference between gel and shellac",
    "if i book two treatments back to back how long will i be there", "would a deep tissue massage help with my posture",
    "can you recommend something for frizzy hair", "my hair is fine and flat, what cut would suit me", "i'm not sure what i need, can you help me choose",
    "which class is best for a complete beginner who isn't flexible", "what would you suggest for a first date look",
    "is the monthly membership worth it if i only come once a week", "how much would it be for me and my mum to both get pedicures",
    "if i come every week is there a deal", "can you match the price of the place down the road", "i have a budget of 50, what can i get",
    "what's the quickest thing you can do in half an hour", "the one i had last time, can i get that again", "which of those is cheaper",
    "would that work for curly hair", "my laptop is six years old, should i repair or replace it", "is it worth fixing an old phone with a dead battery",
    "my son is struggling with fractions, which tutor would suit him", "how do you handle nervous dogs that hate the dryer",
    "can you do something like the photo i saw on instagram", "the treatment with the tiny needles on the face, what's it called",
    "can i split the payment with my friend", "if i cancel one of the two bookings do i lose the whole deposit", "can i get money off if i bring a friend",
    "what can you do for 30 quid", "would it be cheaper to book the package or pay separately", "which day is usually quietest",
    "is it better to come in the morning or the afternoon", "how do your prices compare with other salons in town",
    "explain how the membership works with the classes", "can you put together a menu for 12 people with 3 vegetarians",
    "i want to surprise my wife for our anniversary, what do you suggest", "what's included in the price and what's extra",
    "i'm between the two packages, which one makes more sense for me", "what would you do with hair like mine",
    "how many sessions will i need before i see a difference", "is it possible to do both on the same day and still be done by 4",
    "it's for a party of 15, what are our options", "do you think that would suit me",
  ],
  complaint: [
    "my haircut is uneven", "i've been waiting 40 minutes and nobody has come", "my order was missing a dish", "the repair didn't fix the problem",
    "my screen cracked again after a week", "nobody called me back like you promised", "the receptionist was rude to me", "i was double booked and turned away",
    "my colour came out orange", "my nails lifted after three days", "the studio was freezing during the class", "the tutor didn't turn up today",
    "the driver left the order at the wrong house", "the groomer cut my dog's fur far too short", "you cancelled on me last minute again",
    "i'm not happy with my eyebrows", "the price was different from what i was quoted", "it's still not fixed", "you promised it for monday and it's wednesday now",
    "the massage was too rough and nobody listened", "i asked for a trim and you took off five inches", "there was a hair in my food",
    "i've messaged three times and had no answer", "the class started 20 minutes late", "the fillings you did last week already fell out",
    "my appointment was given to someone else", "the music was so loud i couldn't relax", "this is the second time this has happened",
  ],
  other: [
    // answers to "which service / which one?": a thing asked for politely is not a request for a person
    "a haircut please", "facial please", "the massage please", "manicure please", "a trim please", "colour please", "gel nails please",
    "a consultation please", "the deep tissue one please", "a table for two please", "one ticket please", "the 60 minute one please",
    "the cheaper one please", "a blow dry please", "eyebrows please", "the first one please", "just a wash please",
    "yep", "yeah", "nope", "no thanks", "ok great", "sounds good", "perfect", "alright", "that works",
    "👌", "😂", "haha", "sorry wrong chat", "oops", "one sec", "brb", "hold on", "?", "...", "ok cool", "maybe",
    "not sure", "i'll think about it", "hmm let me check", "no worries", "sure thing", "y", "n",
    "ok", "okay", "hmm", "lol", "yes", "no", "sure", "fine", "k", "asdfgh", "???", "👍",
    "my cat is sleeping", "the weather is nice today", "just testing", "test", "blah blah",
    "i am bored", "nothing", "never mind", "whatever", "cool", "nice", "wow",
  ],
};

/** English and the other languages (data-i18n.ts), label by label. */
export const EXAMPLES: Record<Intent, string[]> = Object.fromEntries(
  INTENTS.map((i) => [i, [...ENGLISH[i], ...OTHER_LANGS.flatMap((l) => I18N_EXAMPLES[l][i] ?? [])]]),
) as Record<Intent, string[]>;

/** Every example by the language it is written in (the language model's training set). */
export const EXAMPLES_BY_LANGUAGE: Record<"en" | (typeof OTHER_LANGS)[number], string[]> = {
  en: INTENTS.flatMap((i) => ENGLISH[i]),
  ...(Object.fromEntries(OTHER_LANGS.map((l) => [l, INTENTS.flatMap((i) => I18N_EXAMPLES[l][i] ?? [])])) as Record<(typeof OTHER_LANGS)[number], string[]>),
};
