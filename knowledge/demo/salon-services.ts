// Glow Studio's services, prices and durations, written as the salon's own FAQ.
import type { KnowledgeEntryInput } from "../types.js";

export const SERVICE_ENTRIES: KnowledgeEntryInput[] = [
  {
    title: "Women's haircuts",
    content:
      "Women's cut and finish: £48 with a stylist, £62 with a senior stylist, about 60 minutes including wash and blow-dry. " +
      "Restyle (a big change of length or shape) is £58 / £72 and we allow 75 minutes. " +
      "Fringe trim between appointments is £10 and takes 10–15 minutes, no booking needed if a chair is free.",
    tags: ["services", "prices", "hair"],
  },
  {
    title: "Men's haircuts",
    content:
      "Men's cut: £28, about 30 minutes, including a wash and a quick style. Clipper-only buzz cut: £18, 20 minutes. " +
      "Skin fade: £32, 40 minutes. Beard trim and shape-up: £12 on its own or £8 added to any men's cut.",
    tags: ["services", "prices", "hair"],
  },
  {
    title: "Kids' haircuts",
    content:
      "Children under 12: £18 for a cut (boys or girls), about 30 minutes. Teens 12–16: £24. " +
      "Little ones can sit on a booster seat or a parent's lap; a parent or guardian must stay in the salon during the appointment.",
    tags: ["services", "prices", "hair", "children"],
  },
  {
    title: "Colour and highlights",
    content:
      "Root touch-up (permanent colour): from £55, 90 minutes. Full head colour: from £70, about 2 hours. " +
      "Half head highlights / foils: from £80; full head highlights: from £110, 2.5–3 hours. Balayage: from £130, allow 3 hours. " +
      "Toner / gloss: £25 with any colour service. Prices depend on hair length and thickness; your stylist confirms the price at the consultation. " +
      "Every colour service needs a skin allergy patch test at least 48 hours before.",
    tags: ["services", "prices", "hair", "colour"],
  },
  {
    title: "Blow-dry and styling",
    content:
      "Wash and blow-dry: £30 for short hair, £36 for long hair, 45 minutes. Curly blow-out or silk press: £45, 60 minutes. " +
      "Occasion hair (up-do, waves, braids) for a party or event: £55, about an hour. Book the morning of your event.",
    tags: ["services", "prices", "hair"],
  },
  {
    title: "Facials",
    content:
      "Glow Signature facial: £65, 60 minutes — cleanse, exfoliation, extraction, massage and mask tailored to your skin. " +
      "Express facial: £40, 30 minutes. Hydrating facial for dry or sensitive skin: £70, 60 minutes. " +
      "Please arrive with a clean face if you can and tell us about any skin conditions or medication (e.g. retinoids).",
    tags: ["services", "prices", "beauty", "skin"],
  },
  {
    title: "Manicure and pedicure",
    content:
      "Classic manicure: £25, 30 minutes. Gel manicure (gel polish, lasts 2–3 weeks): £32, 45 minutes. Gel removal: £10. " +
      "Classic pedicure: £35, 45 minutes. Gel pedicure: £40, 60 minutes. Mani-pedi combo: £55. " +
      "Nail art from £5 per nail. We do not do acrylic extensions.",
    tags: ["services", "prices", "nails"],
  },
  {
    title: "Waxing",
    content:
      "Eyebrow wax: £12 (10 minutes). Lip or chin: £8. Underarm: £14. Half leg: £24; full leg: £36. Bikini line: £18; Brazilian: £35; Hollywood: £40. " +
      "Hair should be at least 5 mm long. Avoid sun beds, exfoliation and retinol on the area for 24 hours before and after.",
    tags: ["services", "prices", "beauty", "waxing"],
  },
  {
    title: "Brows and lashes",
    content:
      "Brow shape and tint: £22, 25 minutes. Lash tint: £15. Lash lift with tint: £45, 50 minutes, lasts 6–8 weeks. " +
      "Brow lamination: £42. Tinting needs a patch test 48 hours before your first appointment.",
    tags: ["services", "prices", "beauty"],
  },
  {
    title: "Bridal and wedding packages",
    content:
      "Bridal hair (trial plus wedding-day styling): £180. Bridal make-up (trial plus wedding day): £160. Bride hair and make-up together: £320. " +
      "Bridesmaids and mother of the bride: £60 hair, £55 make-up per person. We can come to your venue within 15 miles (travel £30). " +
      "Book 3–6 months ahead; a £100 non-refundable deposit secures the date.",
    tags: ["services", "prices", "wedding"],
  },
];
