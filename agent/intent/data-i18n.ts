// The base intents' examples in the other languages the businesses' customers write:
// Spanish, Portuguese, French, German, Hindi (Devanagari), Hinglish (Hindi in Latin script)
// and Arabic. Written for this file from everyday small-business chat (salons, clinics,
// studios, restaurants, repair shops, groomers), not taken from any test set. Merged into
// EXAMPLES by data.ts; also the training set of the language model (language.ts).
import type { Intent } from "./labels.js";

export const OTHER_LANGS = ["es", "pt", "fr", "de", "hi", "hi-Latn", "ar"] as const;
export type OtherLang = (typeof OTHER_LANGS)[number];

export const I18N_EXAMPLES: Record<OtherLang, Partial<Record<Intent, string[]>>> = {
  es: {
    greeting: ["hola", "hola buenas", "buenos días", "buenas tardes", "buenas noches", "hola, qué tal", "holaa", "buenas"],
    thanks: ["gracias", "muchas gracias", "mil gracias", "gracias!", "muy amable, gracias"],
    goodbye: ["adiós", "hasta luego", "hasta mañana", "nos vemos", "chao", "hasta pronto"],
    human_request: ["quiero hablar con una persona", "puedo hablar con alguien", "pásame con el encargado", "quiero hablar con un humano"],
    question: [
      "cuánto cuesta una limpieza", "a qué hora abren", "tienen cita para mañana", "quiero reservar una cita", "dónde están ubicados",
      "puedo cambiar mi cita al viernes", "necesito cancelar mi cita", "aceptan tarjeta", "hacen envíos a domicilio", "cuál es el precio del corte",
      "abren los domingos?", "hay aparcamiento cerca",
    ],
    complex: ["qué me recomiendas para el pelo rizado", "cuál es la diferencia entre el blanqueamiento y la limpieza", "qué tratamiento me conviene si tengo la piel grasa", "me sale más barato el bono o pagar cada sesión"],
    complaint: ["el corte quedó fatal", "llevo media hora esperando y nadie me atiende", "no estoy contenta con el color", "me prometieron una llamada y nadie llamó"],
    memory_recall: ["qué sabes de mí"],
    memory_forget: ["borra mis datos", "olvida mis datos"],
    other: ["sí", "si", "no", "vale", "ok vale", "claro", "jaja"],
  },
  pt: {
    greeting: ["olá", "oi", "oi tudo bem", "bom dia", "boa tarde", "boa noite", "olá, tudo bem?"],
    thanks: ["obrigado", "obrigada", "muito obrigada", "valeu", "brigado"],
    goodbye: ["tchau", "até logo", "até amanhã", "até mais", "falou, tchau"],
    human_request: ["quero falar com uma pessoa", "posso falar com alguém da equipe", "me passa pra um atendente"],
    question: [
      "quanto custa a manicure", "que horas vocês abrem", "tem horário amanhã à tarde", "quero marcar um horário", "onde fica o estúdio",
      "posso remarcar para sábado", "preciso cancelar meu horário", "aceitam pix", "vocês fazem sobrancelha?", "qual o valor do pé e mão",
    ],
    complex: ["qual você recomenda para unha fraca", "qual a diferença entre gel e fibra", "vale a pena o pacote se eu for só duas vezes por mês"],
    complaint: ["minha unha quebrou no dia seguinte", "ninguém me respondeu até agora", "não gostei nada da sobrancelha"],
    memory_recall: ["o que você sabe sobre mim"],
    memory_forget: ["apaga meus dados", "esqueça meus dados"],
    other: ["sim", "não", "beleza", "tá bom", "kkkk"],
  },
  fr: {
    greeting: ["bonjour", "bonsoir", "salut", "coucou", "bonjour madame", "bonjour, ça va ?"],
    thanks: ["merci", "merci beaucoup", "merci bien", "super merci"],
    goodbye: ["au revoir", "à bientôt", "à demain", "bonne journée", "bonne soirée"],
    human_request: ["je veux parler à quelqu'un", "je voudrais parler au gérant", "passez-moi un conseiller"],
    question: [
      "combien coûte une coupe", "à quelle heure ouvrez-vous", "avez-vous de la place demain", "je voudrais prendre rendez-vous",
      "où se trouve le salon", "je dois annuler mon rendez-vous", "est-ce que vous prenez la carte", "c'est ouvert le lundi ?",
    ],
    complex: ["qu'est-ce que vous me conseillez pour des cheveux fins", "quelle est la différence entre un balayage et des mèches"],
    complaint: ["je ne suis pas satisfaite de ma couleur", "j'attends depuis quarante minutes"],
    memory_recall: ["qu'est-ce que vous savez sur moi"],
    memory_forget: ["supprimez mes données", "oubliez-moi"],
    other: ["oui", "non", "d'accord", "mdr"],
  },
  de: {
    greeting: ["hallo", "guten tag", "guten morgen", "guten abend", "servus", "moin", "hallo zusammen"],
    thanks: ["danke", "danke schön", "vielen dank", "danke sehr", "besten dank"],
    goodbye: ["tschüss", "auf wiedersehen", "bis bald", "bis morgen", "schönen tag noch", "ciao"],
    human_request: ["ich möchte mit einem menschen sprechen", "kann ich mit jemandem reden", "bitte verbinden sie mich mit dem chef"],
    question: [
      "was kostet ein haarschnitt", "wann haben sie geöffnet", "haben sie morgen einen termin frei", "ich möchte einen termin buchen",
      "wo ist der laden", "kann ich meinen termin verschieben", "ich muss meinen termin absagen", "kann ich mit karte zahlen",
    ],
    complex: ["was empfehlen sie für einen ängstlichen hund", "was ist der unterschied zwischen waschen und trimmen"],
    complaint: ["der hund wurde viel zu kurz geschoren", "ich warte seit einer stunde auf eine antwort"],
    memory_recall: ["was wissen sie über mich"],
    memory_forget: ["löschen sie meine daten", "vergiss mich"],
    other: ["ja", "nein", "genau", "alles klar"],
  },
  hi: {
    greeting: ["नमस्ते", "नमस्कार", "हेलो"],
    thanks: ["धन्यवाद", "शुक्रिया", "बहुत धन्यवाद"],
    goodbye: ["अलविदा", "फिर मिलेंगे"],
    human_request: ["मुझे किसी इंसान से बात करनी है", "मालिक से बात करवाइए"],
    question: ["हेयरकट का कितना लगेगा", "आप कब खुलते हैं", "कल का अपॉइंटमेंट मिलेगा क्या", "फेशियल की कीमत क्या है"],
    complex: ["मेरी त्वचा के लिए कौन सा फेशियल अच्छा रहेगा"],
    complaint: ["मेरा हेयरकट बिल्कुल खराब हुआ है"],
    memory_recall: ["मेरे बारे में क्या जानते हो"],
    memory_forget: ["मेरी जानकारी हटा दो"],
    other: ["हाँ", "नहीं", "ठीक है"],
  },
  "hi-Latn": {
    greeting: ["namaste ji", "namaskar", "hello ji", "hi bhaiya", "hello didi", "ram ram"],
    thanks: ["thank you ji", "shukriya", "dhanyavaad", "bahut shukriya"],
    goodbye: ["chalo bye", "phir milte hain", "ok bye ji", "milte hai"],
    human_request: ["kisi insaan se baat karao", "owner se baat karni hai", "manager ko bulao"],
    question: [
      "haircut kitne ka hai", "kal appointment milega kya", "aap kab khulte ho", "facial ka rate kya hai", "shop kahan hai",
      "booking cancel karni hai", "kya aap sunday ko open ho", "mujhe kal 5 baje ka slot chahiye",
    ],
    complex: ["kaunsa facial better rahega oily skin ke liye", "dono ka total kitna hoga", "mere baal bahut patle hain kya suggest karoge"],
    complaint: ["haircut bilkul accha nahi bana", "bahut der ho gayi koi reply nahi aaya"],
    memory_recall: ["aapko mere baare mein kya pata hai"],
    memory_forget: ["mera data delete karo"],
    other: ["haan", "nahi", "theek hai", "accha"],
  },
  ar: {
    greeting: ["مرحبا", "السلام عليكم", "اهلا", "صباح الخير", "مساء الخير", "salam", "marhaba"],
    thanks: ["شكرا", "شكرا جزيلا", "shukran", "mashkoor"],
    goodbye: ["مع السلامة", "الى اللقاء", "yalla bye"],
    human_request: ["أريد التحدث مع شخص", "ابي اكلم موظف"],
    question: ["كم سعر قص الشعر", "متى تفتحون", "ابي احجز موعد", "وين موقعكم", "عندكم موعد بكره"],
    complex: ["ايش تنصحيني للبشرة الجافة"],
    complaint: ["الخدمة كانت سيئة اليوم"],
    other: ["نعم", "لا", "تمام"],
  },
};
