// Every voice webhook: form body parsed, tenant resolved from `To` (the voice account),
// X-Twilio-Signature checked with that account's auth token over the public URL Twilio
// called. Fails closed: unknown number, no token, no or wrong signature → 403, nothing done.
import express, { type RequestHandler, type Response } from "express";
import type { FormParams } from "../../channels/voice/params.js";
import { TWILIO_SIGNATURE_HEADER, publicUrl, verifyTwilioSignature } from "../../channels/twilio/verify.js";
import type { VoiceAccount } from "./accounts.js";
import type { VoiceDeps } from "./deps.js";
import { publicBase, voiceUrls, type VoiceUrls } from "./urls.js";

export interface VerifiedCall {
  account: VoiceAccount;
  params: FormParams;
  urls: VoiceUrls;
}

export function verifiedVoiceWebhook(d: Pick<VoiceDeps, "accounts" | "settings" | "logger">): RequestHandler[] {
  return [
    express.urlencoded({ extended: false, limit: "64kb", type: "application/x-www-form-urlencoded" }),
    async (req, res, next) => {
      const params = (req.body && typeof req.body === "object" ? req.body : {}) as FormParams;
      const to = typeof params.To === "string" ? params.To : undefined;
      const account = to ? await d.accounts.resolve(to) : null;
      const url = publicUrl(d.settings.publicBaseUrl, publicBase(undefined, req), req.originalUrl);
      if (!account || !verifyTwilioSignature(account.authToken, req.get(TWILIO_SIGNATURE_HEADER), url, params)) {
        d.logger.info({ path: req.path, known: Boolean(account) }, "voice webhook refused: invalid signature");
        res.status(403).json({ error: { code: "forbidden", message: "invalid signature" } });
        return;
      }
      const verified: VerifiedCall = { account, params, urls: voiceUrls(d.settings.publicBaseUrl, req) };
      res.locals.voice = verified;
      next();
    },
  ];
}

export function verifiedCall(res: Response): VerifiedCall {
  return res.locals.voice as VerifiedCall;
}

export function sendTwiml(res: Response, xml: string): void {
  res.status(200).type("text/xml").send(xml);
}
