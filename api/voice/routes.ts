// /webhooks/twilio/voice — the <Gather> path of the voice agent.
//   POST /            incoming call → greeting + <Gather> (or <Connect><ConversationRelay>)
//   POST /gather      a speech result → the time-boxed turn → <Say> + <Gather>, or hold + <Redirect>
//   POST /continue    the redirect after the holding line → the turn's outcome, or an apology + <Gather>
//   POST /dialed      <Dial action>: nobody answered → callback request
//   POST /relay-ended <Connect action>: a ConversationRelay session ended (HandoffData)
//   POST /status      call status callback → end recorded, follow-up SMS queued
import { Router, type ErrorRequestHandler } from "express";
import {
  callRequestSchema, dialResultSchema, parseForm, relayEndedSchema, speechResultSchema, statusCallbackSchema,
} from "../../channels/voice/params.js";
import { phrases } from "../../channels/voice/phrases.js";
import { connectRelay, sayAndDial, sayAndGather, sayAndHangup, holdAndRedirect, speechLanguage } from "../../channels/voice/twiml.js";
import { AppError } from "../../core/errors.js";
import { ensureCall, greetingFor, memoryAccessOf } from "./call.js";
import type { VoiceDeps } from "./deps.js";
import { finalizeCall } from "./finalize.js";
import { requestCallback } from "./handoff.js";
import { deliver } from "./respond.js";
import { queryInt } from "./urls.js";
import { sendTwiml, verifiedCall, verifiedVoiceWebhook } from "./verify.js";

export function voiceRoutes(d: VoiceDeps): Router {
  const r = Router();
  const verified = verifiedVoiceWebhook(d);
  const budget = (override: number | undefined) => override ?? d.settings.budgetMs;

  r.post("/", ...verified, async (_req, res) => {
    const { account, params, urls } = verifiedCall(res);
    const p = parseForm(callRequestSchema, params);
    const call = await ensureCall(d, account, p.CallSid, p.From, memoryAccessOf(params));
    const language = speechLanguage(account.tenant.locale);
    const greeting = await greetingFor(d, account, call);
    if (account.relay) {
      sendTwiml(res, connectRelay({ url: urls.relay(account.number), action: urls.at("/relay-ended"), language, welcomeGreeting: greeting }));
      return;
    }
    await d.calls.recordSaid({ tenantId: account.tenant.id, conversationId: call.conversationId, callSid: p.CallSid, label: "greeting", text: greeting });
    sendTwiml(res, sayAndGather([greeting], { action: urls.gather(1), language }));
  });

  r.post("/gather", ...verified, async (req, res) => {
    const { account, params, urls } = verifiedCall(res);
    const p = parseForm(speechResultSchema, params);
    const n = queryInt(req.query.turn, 1);
    const retry = queryInt(req.query.retry, 0);
    const language = speechLanguage(account.tenant.locale);
    const call = await ensureCall(d, account, p.CallSid, p.From, memoryAccessOf(params));
    const speech = p.SpeechResult.trim();
    if (!speech || (p.Confidence !== undefined && p.Confidence < account.minConfidence)) {
      if (retry < 1) return sendTwiml(res, sayAndGather([phrases.reprompt], { action: urls.gather(n, retry + 1), language }));
      const bye = phrases.goodbyeUnheard(account.tenant.name);
      await d.calls.recordSaid({ tenantId: account.tenant.id, conversationId: call.conversationId, callSid: p.CallSid, label: `${n}:goodbye`, text: bye });
      return sendTwiml(res, sayAndHangup([bye], language));
    }
    await d.state.touchTurn(p.CallSid, n);
    const t = { account, call, callSid: p.CallSid, n, text: speech, confidence: p.Confidence, at: new Date() };
    const o = await d.turns.answer(t, budget(account.turnBudgetMs));
    if (!o) return sendTwiml(res, holdAndRedirect(phrases.holding, urls.resume(n), language));
    sendTwiml(res, await deliver(d, { account, call, callSid: p.CallSid, n, urls }, o));
  });

  r.post("/continue", ...verified, async (req, res) => {
    const { account, params, urls } = verifiedCall(res);
    const p = parseForm(callRequestSchema, params);
    const n = queryInt(req.query.turn, 1);
    const call = await ensureCall(d, account, p.CallSid, p.From, memoryAccessOf(params));
    const o = await d.turns.wait(p.CallSid, n, budget(account.turnBudgetMs));
    if (o) return sendTwiml(res, await deliver(d, { account, call, callSid: p.CallSid, n, urls }, o));
    // Still thinking: say so, and listen again. The late answer is texted after the call.
    sendTwiml(res, sayAndGather([phrases.stillWorking], { action: urls.gather(n + 1), language: speechLanguage(account.tenant.locale) }));
  });

  r.post("/dialed", ...verified, async (_req, res) => {
    const { account, params } = verifiedCall(res);
    const p = parseForm(dialResultSchema, params);
    const language = speechLanguage(account.tenant.locale);
    if (p.DialCallStatus === "completed" || p.DialCallStatus === "answered") return sendTwiml(res, sayAndHangup([], language));
    const call = await ensureCall(d, account, p.CallSid, p.From, memoryAccessOf(params));
    await requestCallback(d, account, call, p.CallSid);
    const line = phrases.dialFailed(account.tenant.name);
    await d.calls.recordSaid({ tenantId: account.tenant.id, conversationId: call.conversationId, callSid: p.CallSid, label: "dial-failed", text: line });
    sendTwiml(res, sayAndHangup([line], language));
  });

  r.post("/relay-ended", ...verified, async (_req, res) => {
    const { account, params, urls } = verifiedCall(res);
    const p = parseForm(relayEndedSchema, params);
    const language = speechLanguage(account.tenant.locale);
    if (handoffReason(p.HandoffData) === "handoff" && account.forwardTo) {
      return sendTwiml(res, sayAndDial([], { number: account.forwardTo, action: urls.at("/dialed"), language }));
    }
    sendTwiml(res, sayAndHangup([], language));
  });

  r.post("/status", ...verified, async (_req, res) => {
    const { account, params } = verifiedCall(res);
    await finalizeCall(d, account, parseForm(statusCallbackSchema, params));
    res.status(204).end();
  });

  r.use(voiceErrors(d));
  return r;
}

function handoffReason(data: string | undefined): string | null {
  try {
    const v = data ? (JSON.parse(data) as { reason?: unknown }) : null;
    return typeof v?.reason === "string" ? v.reason : null;
  } catch {
    return null;
  }
}

/** A verified call whose turn broke on our side still hears something and can go on. */
function voiceErrors(d: VoiceDeps): ErrorRequestHandler {
  return (err, req, res, next) => {
    const v = res.locals.voice as ReturnType<typeof verifiedCall> | undefined;
    if (!v || res.headersSent || req.path === "/status" || (err instanceof AppError && err.status < 500)) return next(err);
    d.logger.error({ err, tenantId: v.account.tenant.id, path: req.path }, "voice webhook failed; the caller is asked again");
    const n = queryInt(req.query.turn, 0);
    sendTwiml(res, sayAndGather([phrases.error], { action: v.urls.gather(n + 1), language: speechLanguage(v.account.tenant.locale) }));
  };
}
