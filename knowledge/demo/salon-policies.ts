// Glow Studio's practical information and policies, written as the salon's own FAQ.
import type { KnowledgeEntryInput } from "../types.js";

export const POLICY_ENTRIES: KnowledgeEntryInput[] = [
  {
    title: "Opening hours",
    content:
      "Monday: closed. Tuesday and Wednesday: 9am – 6pm. Thursday and Friday: 9am – 8pm (late nights). " +
      "Saturday: 8:30am – 5pm. Sunday: 10am – 4pm. Bank holidays: 10am – 4pm unless announced otherwise. " +
      "The last appointment starts one hour before closing.",
    tags: ["hours"],
  },
  {
    title: "Address and directions",
    content:
      "Glow Studio, 14 Gloucester Road, Bristol BS7 8AE — on the corner with Berkeley Road, next to the florist. " +
      "Buses 70, 71 and 75 stop outside (Berkeley Road stop). Montpelier train station is a 10-minute walk. " +
      "We are 5 minutes' drive from the city centre.",
    tags: ["location"],
  },
  {
    title: "Parking",
    content:
      "There is free on-street parking on Berkeley Road and the side streets for up to 2 hours. " +
      "The Gloucester Road car park (pay and display, £1.50 per hour) is 2 minutes' walk away. " +
      "Bike racks are right outside the salon.",
    tags: ["parking", "travel"],
  },
  {
    title: "Booking an appointment",
    content:
      "Book through this chat, by phone, or in person. Tell us the service, the day and the time you prefer and we will offer the nearest free slots. " +
      "Walk-ins are welcome when a stylist is free, but weekends fill up fast, so book ahead. You get a confirmation message and a reminder the day before.",
    tags: ["booking"],
  },
  {
    title: "Cancellation and rescheduling policy",
    content:
      "Need to change plans? Reschedule or cancel free of charge up to 24 hours before your appointment. " +
      "Cancellations with less than 24 hours' notice are charged 50% of the service; no-shows are charged in full. " +
      "Reply to your reminder message to move your slot.",
    tags: ["booking", "policy"],
  },
  {
    title: "Late arrival",
    content:
      "If you are running late, message or call us. Up to 15 minutes late we will do our best to fit the full service in; " +
      "after that we may need to shorten the treatment or move you to a later slot, and the full price still applies.",
    tags: ["booking", "policy"],
  },
  {
    title: "Deposits",
    content:
      "Services over £100 (long colour services, balayage, bridal) and all first-time colour clients need a 20% deposit when booking. " +
      "The deposit comes off your bill on the day and is refundable if you cancel more than 24 hours ahead (bridal deposits are non-refundable).",
    tags: ["booking", "payments"],
  },
  {
    title: "Payment methods",
    content:
      "We accept cash, all major debit and credit cards, contactless, Apple Pay and Google Pay. " +
      "You can also pay online with a payment link we send in the chat. Sorry, no cheques. Tips are welcome but never expected.",
    tags: ["payments"],
  },
  {
    title: "Gift cards",
    content:
      "Gift vouchers from £20, or for a specific treatment, are available in the salon or online — delivered by email or as a printed card in a gift envelope. " +
      "Vouchers are valid for 12 months and can be used for any service or product.",
    tags: ["payments", "gifts"],
  },
  {
    title: "Hair and skin products we sell",
    content:
      "Our retail shelf stocks Olaplex, Kérastase and Davines hair care (shampoo, conditioner, masks, styling) and Dermalogica skincare. " +
      "Your stylist can recommend what suits your hair. Buy in the salon or ask us to set something aside for you.",
    tags: ["products"],
  },
  {
    title: "Patch tests, allergies and hygiene",
    content:
      "For hair colour, lash and brow tints we need a skin allergy patch test at least 48 hours before the appointment — it takes 5 minutes, is free, and can be done any time we are open. " +
      "Tell us about allergies, pregnancy or skin conditions. Tools are sterilised after every client and we use fresh towels and single-use files.",
    tags: ["safety"],
  },
  {
    title: "Accessibility",
    content:
      "The salon is on the ground floor with step-free access from the street and a wide door for wheelchairs. " +
      "We have an accessible toilet, and one styling chair can be removed so you can stay in your wheelchair. Assistance dogs are welcome.",
    tags: ["accessibility"],
  },
  {
    title: "Contact us",
    content:
      "Phone: 0117 496 0123. WhatsApp this number any time. Email: hello@glowstudio.example. Instagram: @glowstudiobristol. " +
      "We answer messages during opening hours, usually within an hour.",
    tags: ["contact"],
  },
];
