// Turn "risk": topics where a wrong or glib answer harms the customer or the business, so the
// router sends them to the strongest tier however short they are (replay README, rules 4–5).
// General vocabulary written from domain knowledge (salons, clinics, studios, restaurants,
// repair shops), not from the replay set; English plus the commonest words of the other
// languages customers write (es, pt, fr, de, Hinglish). Matched on whole words of the
// lower-cased, accent-stripped text. Kinds:
// - health: pregnancy, allergies and reactions, injuries, symptoms, medication, conditions;
// - money: a dispute about money already paid (charged twice, refund me, money back) —
//   not a price question and not "what is your refund policy";
// - complaint: anger or contempt (strong words, angry emoji, "???" runs, "?!");
// - legal: lawyers, courts, data-protection requests, stolen/found property, police;
// - deal: large sales and negotiation (replay README: "negotiation and large sales"): a party
//   of ten or more, a group or corporate booking, haggling over the price ("best price").
// Add words here (a general term, never a sentence from a test set) to widen a kind.

export const RISK_KINDS = ["health", "money", "complaint", "legal", "deal"] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

/** Lower case, accents stripped (NFD), curly apostrophes straightened. */
export function normaliseForRisk(text: string): string {
  return text.toLowerCase().normalize("NFD").replace(/\p{M}+/gu, "").replace(/[’‘`]/g, "'");
}

const words = (list: string[]) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${list.join("|")})(?![\\p{L}\\p{N}])`, "u");

/** Each list is regex alternatives over normalised text; `\w*` marks an open word ending. */
export const RISK_VOCABULARY: Record<RiskKind, string[]> = {
  health: [
    // pregnancy and nursing
    "pregnan\\w*", "expecting a baby", "breastfeeding", "breast feeding", "nursing mother", "trimester", "weeks pregnant",
    "embarazada", "embarazo", "lactancia", "gravida", "gravidez", "amamentando", "enceinte", "grossesse", "allaite\\w*",
    "schwanger\\w*", "stillzeit", "garbhvati",
    // allergies and reactions
    "allerg\\w*", "anaphyla\\w*", "epipen", "reacted", "reaction", "patch test reaction", "nut free", "peanuts?", "tree nuts?",
    "gluten free", "coeliac", "celiac", "lactose intolerant", "intolerance", "alergi\\w*", "alergic\\w*", "allergique",
    "rash", "hives", "itching", "burning sensation", "blisters?", "blistered", "chemical burn", "burnt my", "burned my",
    // symptoms and injuries
    "swollen", "swelling", "swelled", "bleeding", "bled", "infect\\w*", "pus", "fever", "dizz\\w*", "faint\\w*", "numb", "numbness",
    "pain", "pains", "painful", "aching", "hurts?", "hurting", "sore", "killing me", "injur\\w*", "sprain\\w*", "torn", "tore", "strain\\w*",
    "fractur\\w*", "broken bone", "herniated", "slipped disc", "sciatica", "concussion", "wound\\w*", "limping", "vomit\\w*",
    "hinchad[oa]", "dolor\\w*", "sangr\\w*", "infeccion", "inchad[oa]", "douleurs?", "gonfle\\w*", "enfle\\w*", "saign\\w*",
    "schmerz\\w*", "geschwollen", "entzund\\w*", "blutet", "wunde?", "rote stelle", "dard", "sujan",
    // conditions and medication
    "medication", "medicine", "antibiotics?", "blood thinners?", "roaccutane", "accutane", "isotretinoin", "retinoids?",
    "steroids?", "chemo\\w*", "cancer", "diabet\\w*", "epilep\\w*", "seizures?", "asthma\\w*", "heart condition", "pacemaker",
    "blood pressure", "surgery", "stitches", "eczema", "psoriasis", "dermatitis", "botox",
    "medicamento\\w*", "medicament\\w*", "medikament\\w*", "vet", "tierarzt",
    // "is it safe to …"
    "is it safe", "is that safe", "safe for me", "safe during", "safe while", "es seguro", "c'est dangereux", "ist es sicher",
  ],
  money: [
    "charged (?:me )?(?:twice|double|two times)", "double charged", "charged me", "overcharg\\w*", "billed (?:me )?twice",
    "refund me", "my refund", "full refund", "want (?:a |my )?refund", "money back", "my deposit back",
    "chargeback", "dispute", "waive\\w*", "(?:don'?t|do not|not) (?:charge|bill) me", "took (?:the )?money", "paid twice", "still not refunded", "not been refunded",
    "cobraron", "cobrado", "me cobr\\w*", "reembolso", "devolucion", "devuelvan", "cobrad[oa] duas vezes", "estorno", "meu dinheiro",
    "rembours\\w*", "facture deux fois", "mon argent", "erstattung", "zuruckerstatt\\w*", "geld zuruck", "doppelt abgebucht",
    "paise wapas", "paise waste", "refund chahiye",
  ],
  complaint: [
    "worst", "ridiculous", "unacceptable", "disgusting", "disgrace\\w*", "appalling", "terrible", "awful", "horrible",
    "furious", "fuming", "angry", "livid", "outraged", "useless", "pathetic", "rubbish", "scam\\w*", "rip ?off", "ripped off",
    "never again", "never coming back", "complain\\w*", "shocking", "not happy", "very unhappy", "so disappointed",
    "bad review", "one star", "1 star", "waste of (?:money|time)",
    "inaceptable", "vergonzoso", "verguenza", "pesimo", "fatal", "absurdo", "vergonha", "inadmissible", "scandaleux",
    "honteux", "unverschamt", "frechheit", "katastroph\\w*", "unmoglich", "bakwas", "bekaar", "ghatiya",
  ],
  legal: [
    "lawyers?", "solicitors?", "attorney", "sue", "suing", "court", "legal action", "small claims", "trading standards",
    "ombudsman", "gdpr", "data protection", "subject access", "my data", "dsgvo", "rgpd", "lgpd", "police", "stolen",
    "someone else's", "abogad[oa]", "demanda\\w*", "denuncia\\w*", "avocat", "plainte", "anwalt", "anzeige",
    "polizei", "advogad[oa]",
  ],
  deal: [
    "[1-9]\\d+ ?(?:people|ppl|persons|guests|pax|adults|covers|of us|personas|pessoas|personnes|personen|log|logon)", "(?:party|group|table) (?:of|for) [1-9]\\d+",
    "best (?:price|deal|rate|offer) (?:you|u) can", "group (?:rate|discount|price|deal)", "corporate (?:booking|event|rate|account)",
    "office (?:lunch|party|event)", "(?:a|per) head", "bulk (?:order|discount)", "negotiat\\w*",
  ],
};

const PATTERNS: [RiskKind, RegExp][] = RISK_KINDS.map((k) => [k, words(RISK_VOCABULARY[k])]);
/** Anger in form rather than words: angry emoji, "???" runs, "?!" / "!?". */
const ANGRY_FORM = /[😡🤬😠💢]|\?{3,}|\?!|!\?/u;

/** The risk kinds a message touches, in RISK_KINDS order; empty when none. */
export function riskOf(text: string): RiskKind[] {
  const t = normaliseForRisk(text);
  const out: RiskKind[] = [];
  for (const [kind, re] of PATTERNS) {
    if (re.test(t) || (kind === "complaint" && ANGRY_FORM.test(text))) out.push(kind);
  }
  return out;
}
