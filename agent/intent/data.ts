// The labelled examples the local intent classifier learns from. Add examples here (not
// rules in code) to teach it; keep each label balanced. English only for now.
export const INTENTS = ["greeting", "thanks", "goodbye", "human_request", "question", "other", "memory_recall", "memory_forget"] as const;
export type Intent = (typeof INTENTS)[number];

export const EXAMPLES: Record<Intent, string[]> = {
  greeting: [
    "hi", "hello", "hey", "hey there", "hi there", "hello there", "good morning", "good afternoon",
    "good evening", "morning!", "hiya", "howdy", "yo", "greetings", "hello!!", "hi, anyone there?",
    "hey, hope you're well", "hello, good morning", "hi team", "namaste", "hola", "heyy", "helo",
    "hi how are you", "hello how are you doing",
    "hi, I'm priya", "hello, my name is john", "hey it's sam here", "hi this is maria", "hello, I am anita",
  ],
  thanks: [
    "thanks", "thank you", "thank you so much", "thanks a lot", "many thanks", "thx", "ty",
    "thanks!", "cheers", "much appreciated", "appreciate it", "thank you very much",
    "great, thanks", "ok thanks", "perfect thank you", "awesome thanks", "thanks for the help",
    "thank you for your help", "that's helpful, thanks", "super, thank u", "tysm", "thanks so much",
  ],
  goodbye: [
    "bye", "goodbye", "bye bye", "see you", "see you later", "see ya", "talk later", "good night",
    "have a nice day", "take care", "catch you later", "that's all, bye", "ok bye", "later!",
    "cya", "have a good one", "gotta go", "bye for now", "until next time", "see you tomorrow",
  ],
  human_request: [
    "i want to talk to a person", "can i speak to a human", "let me talk to a real person",
    "connect me to the owner", "i want to speak with the manager", "get me a human",
    "is there a real person i can talk to", "put me through to someone", "talk to a human please",
    "i'd like to speak to the owner", "can the manager call me", "human please", "agent please",
    "i need to talk to someone real", "transfer me to a person", "are you a bot? i want a person",
    "can someone from the staff contact me", "i want a real human", "speak to representative",
    "let me speak to your boss", "please have a person call me back", "i want the owner",
  ],
  question: [
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
    "what do you remember about me?", "what do you know about me", "what do you have on me",
    "what info do you have about me", "what have you saved about me", "do you remember me?",
    "what data do you keep about me", "tell me what you remember about me", "what do you know about me?",
    "show me what you know about me", "what details do you have for me", "what have you stored about me",
    "do you know who i am", "what's my name", "what information have you got on me", "do you remember my name",
  ],
  memory_forget: [
    "forget me", "delete my data", "forget my name", "please forget everything about me", "erase my details",
    "delete everything you know about me", "forget what you know about me", "remove my information",
    "wipe my data please", "forget my preferences", "don't remember me", "delete my info",
    "stop remembering my details", "forget about me", "clear my data", "delete my name", "forget my language",
    "forget my last service",
  ],
  other: [
    "ok", "okay", "hmm", "lol", "yes", "no", "sure", "fine", "k", "asdfgh", "???", "👍",
    "my cat is sleeping", "the weather is nice today", "just testing", "test", "blah blah",
    "i am bored", "nothing", "never mind", "whatever", "cool", "nice", "wow",
  ],
};
