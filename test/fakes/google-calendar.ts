// A fake Google Calendar API + OAuth token endpoint on a real node:http server, speaking
// Google's wire format:
//   POST /token  (application/x-www-form-urlencoded: grant_type=refresh_token, refresh_token,
//                 client_id, client_secret) → {access_token, expires_in, scope, token_type:"Bearer"};
//                 an unknown refresh token → 400 {error:"invalid_grant", error_description}
//   POST /calendar/v3/freeBusy  (JSON {timeMin, timeMax, items:[{id}]}, Authorization: Bearer <access token>)
//                 → {kind:"calendar#freeBusy", timeMin, timeMax, calendars:{[id]:{busy:[{start,end}]}}};
//                 an unknown calendar → {errors:[{domain:"global", reason:"notFound"}]} in its entry;
//                 a missing/unknown token → 401 with Google's error body
//                 {error:{code, message, errors:[{domain, reason, message}], status}}.
// Scripted failures: failNext(429 | 401 | 500 …) answers the next freeBusy call(s) with that
// status and the matching error body.
//
//   const g = await startFakeGoogleCalendar();
//   const refreshToken = g.addRefreshToken();
//   g.setBusy("anna@salon.example", [{ start: "2026-…Z", end: "2026-…Z" }]);
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerJson, listen, readBody } from "./http.js";

export interface CapturedGoogleRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  status: number;
  response: unknown;
}

export interface FakeGoogleCalendar {
  /** Use as GOOGLE_API_BASE_URL. */
  readonly baseUrl: string;
  /** Use as GOOGLE_OAUTH_TOKEN_URL. */
  readonly tokenUrl: string;
  readonly requests: CapturedGoogleRequest[];
  addRefreshToken(o?: { clientId?: string; clientSecret?: string }): string;
  setBusy(calendarId: string, busy: Array<{ start: string; end: string }>): void;
  failNext(status: 401 | 403 | 429 | 500 | 503, times?: number): void;
  freeBusyCalls(): CapturedGoogleRequest[];
  close(): Promise<void>;
}

const REASONS: Record<number, { reason: string; status: string; message: string }> = {
  401: { reason: "authError", status: "UNAUTHENTICATED", message: "Request had invalid authentication credentials." },
  403: { reason: "rateLimitExceeded", status: "PERMISSION_DENIED", message: "Rate Limit Exceeded" },
  429: { reason: "rateLimitExceeded", status: "RESOURCE_EXHAUSTED", message: "Rate Limit Exceeded" },
  500: { reason: "backendError", status: "INTERNAL", message: "Backend Error" },
  503: { reason: "backendError", status: "UNAVAILABLE", message: "The service is currently unavailable." },
};

export function googleError(code: number) {
  const r = REASONS[code] ?? { reason: "backendError", status: "UNKNOWN", message: "Error" };
  return { error: { code, message: r.message, errors: [{ domain: "global", reason: r.reason, message: r.message }], status: r.status } };
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

export async function startFakeGoogleCalendar(): Promise<FakeGoogleCalendar> {
  const refreshTokens = new Map<string, { clientId?: string; clientSecret?: string }>();
  const accessTokens = new Set<string>();
  const busy = new Map<string, Array<{ start: string; end: string }>>();
  const requests: CapturedGoogleRequest[] = [];
  let failures: Array<number> = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? "").split("?")[0] ?? "";
    const captured: CapturedGoogleRequest = { method: req.method ?? "", path, headers: req.headers, body: raw, status: 0, response: null };
    requests.push(captured);
    if (req.method === "POST" && path === "/token") {
      const form = Object.fromEntries(new URLSearchParams(raw));
      captured.body = form;
      const known = form.refresh_token ? refreshTokens.get(form.refresh_token) : undefined;
      if (form.grant_type !== "refresh_token" || !known || (known.clientId && form.client_id !== known.clientId) || (known.clientSecret && form.client_secret !== known.clientSecret)) {
        answerJson(res, captured, { status: 400, body: { error: "invalid_grant", error_description: "Token has been expired or revoked." } });
        return;
      }
      const token = `ya29.${randomBytes(24).toString("base64url")}`;
      accessTokens.add(token);
      answerJson(res, captured, { status: 200, body: { access_token: token, expires_in: 3599, scope: "https://www.googleapis.com/auth/calendar.freebusy", token_type: "Bearer" } });
      return;
    }
    if (req.method === "POST" && path === "/calendar/v3/freeBusy") {
      let body: { timeMin?: string; timeMax?: string; items?: Array<{ id?: string }> };
      try {
        body = JSON.parse(raw) as typeof body;
      } catch {
        answerJson(res, captured, { status: 400, body: { error: { code: 400, message: "Invalid JSON payload received.", errors: [{ domain: "global", reason: "parseError", message: "Parse Error" }], status: "INVALID_ARGUMENT" } } });
        return;
      }
      captured.body = body;
      const auth = /^Bearer (\S+)$/.exec(String(req.headers.authorization ?? ""))?.[1];
      const scripted = failures.shift();
      if (!auth || !accessTokens.has(auth) || scripted === 401) {
        answerJson(res, captured, { status: 401, body: googleError(401), headers: { "www-authenticate": 'Bearer realm="https://accounts.google.com/"' } });
        return;
      }
      if (scripted) {
        answerJson(res, captured, { status: scripted, body: googleError(scripted) });
        return;
      }
      if (!body.timeMin || !body.timeMax || !RFC3339.test(body.timeMin) || !RFC3339.test(body.timeMax) || !Array.isArray(body.items)) {
        answerJson(res, captured, { status: 400, body: { error: { code: 400, message: "Bad Request", errors: [{ domain: "global", reason: "badRequest", message: "Bad Request" }], status: "INVALID_ARGUMENT" } } });
        return;
      }
      const min = Date.parse(body.timeMin);
      const max = Date.parse(body.timeMax);
      const calendars: Record<string, unknown> = {};
      for (const item of body.items) {
        const id = String(item.id ?? "");
        const list = busy.get(id);
        calendars[id] = list
          ? { busy: list.filter((b) => Date.parse(b.start) < max && Date.parse(b.end) > min) }
          : { errors: [{ domain: "global", reason: "notFound" }], busy: [] };
      }
      answerJson(res, captured, { status: 200, body: { kind: "calendar#freeBusy", timeMin: body.timeMin, timeMax: body.timeMax, calendars } });
      return;
    }
    answerJson(res, captured, { status: 404, body: { error: { code: 404, message: "Not Found", errors: [{ domain: "global", reason: "notFound", message: "Not Found" }], status: "NOT_FOUND" } } });
  }

  const server = await listen(handle);
  return {
    baseUrl: `${server.baseUrl}/`,
    tokenUrl: `${server.baseUrl}/token`,
    requests,
    addRefreshToken(o = {}) {
      const t = `1//${randomBytes(24).toString("base64url")}`;
      refreshTokens.set(t, o);
      return t;
    },
    setBusy(calendarId, list) {
      busy.set(calendarId, list);
    },
    failNext(status, times = 1) {
      failures = [...failures, ...Array.from({ length: times }, () => status)];
    },
    freeBusyCalls: () => requests.filter((r) => r.path === "/calendar/v3/freeBusy"),
    close: () => server.close(),
  };
}
