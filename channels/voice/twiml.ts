// TwiML for the voice agent, built with the twilio SDK's VoiceResponse (it escapes text
// and attributes). Every answer ends in something that keeps the call alive or ends it on
// purpose: a <Gather>, a <Redirect>, a <Dial>, a <Connect> or a <Hangup/> — never silence.
import twilio from "twilio";

const { VoiceResponse } = twilio.twiml;
type GatherLanguage = NonNullable<Parameters<InstanceType<typeof VoiceResponse>["gather"]>[0]>["language"];
type SayLanguage = NonNullable<Parameters<InstanceType<typeof VoiceResponse>["say"]>[0]>["language"];

const REGION: Record<string, string> = {
  en: "en-US", es: "es-ES", fr: "fr-FR", de: "de-DE", it: "it-IT", pt: "pt-BR", nl: "nl-NL", hi: "hi-IN",
  ar: "ar-AE", ja: "ja-JP", ko: "ko-KR", zh: "cmn-CN", ta: "ta-IN", te: "te-IN", mr: "mr-IN", bn: "bn-IN",
};

/** A tenant locale ("en", "en-GB", "hi_IN") as the BCP-47 tag Twilio's speech wants. */
export function speechLanguage(locale: string): string {
  const [lang = "en", region] = locale.replace("_", "-").split("-");
  if (region) return `${lang.toLowerCase()}-${region.toUpperCase()}`;
  return REGION[lang.toLowerCase()] ?? "en-US";
}

export interface GatherSpec {
  /** Where Twilio posts the SpeechResult (absolute URL). */
  action: string;
  language: string;
  /** Seconds of silence before Twilio gives up waiting for speech to start. */
  timeoutSeconds?: number;
  hints?: string;
}

/** Say each line (interruptible: the caller may talk over it), then listen for speech. */
export function sayAndGather(lines: string[], g: GatherSpec): string {
  const r = new VoiceResponse();
  const gather = r.gather({
    input: ["speech"], action: g.action, method: "POST", speechTimeout: "auto", actionOnEmptyResult: true,
    language: g.language as GatherLanguage, timeout: g.timeoutSeconds ?? 6, ...(g.hints ? { hints: g.hints } : {}),
  });
  for (const line of lines) if (line.trim()) gather.say({ language: g.language as SayLanguage }, line);
  return r.toString();
}

/** The budget ran out: a short holding line, then Twilio asks us again for the answer. */
export function holdAndRedirect(line: string, redirectUrl: string, language: string): string {
  const r = new VoiceResponse();
  r.say({ language: language as SayLanguage }, line);
  r.redirect({ method: "POST" }, redirectUrl);
  return r.toString();
}

/** Say goodbye and hang up. */
export function sayAndHangup(lines: string[], language: string): string {
  const r = new VoiceResponse();
  for (const line of lines) if (line.trim()) r.say({ language: language as SayLanguage }, line);
  r.hangup();
  return r.toString();
}

export interface DialSpec {
  number: string;
  /** Twilio posts DialCallStatus here when the forwarded call ends or is not answered. */
  action: string;
  language: string;
  timeoutSeconds?: number;
}

/** Put the caller through to a person. */
export function sayAndDial(lines: string[], d: DialSpec): string {
  const r = new VoiceResponse();
  for (const line of lines) if (line.trim()) r.say({ language: d.language as SayLanguage }, line);
  r.dial({ action: d.action, method: "POST", timeout: d.timeoutSeconds ?? 20, answerOnBridge: true }, d.number);
  return r.toString();
}

export interface RelaySpec {
  /** wss:// URL of our relay WebSocket server. */
  url: string;
  /** Twilio posts here when the session ends (with HandoffData when we ended it). */
  action: string;
  language: string;
  welcomeGreeting: string;
  parameters?: Record<string, string>;
}

/** Hand the call to ConversationRelay: Twilio does speech-to-text and text-to-speech. */
export function connectRelay(s: RelaySpec): string {
  const r = new VoiceResponse();
  const connect = r.connect({ action: s.action, method: "POST" });
  const relay = connect.conversationRelay({
    url: s.url, language: s.language, welcomeGreeting: s.welcomeGreeting, interruptible: "any", dtmfDetection: true,
  });
  for (const [name, value] of Object.entries(s.parameters ?? {})) relay.parameter({ name, value });
  return r.toString();
}
