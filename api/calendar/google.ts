// Google Calendar free/busy for resources with a calendarId, when the tenant connected
// Google (IntegrationAccount "google_calendar", refresh token encrypted). Official client
// @googleapis/calendar 16 (googleapis-common 8, google-auth-library 10: Node ≥ 18; the
// calendar-only package is ~0.9 MB against ~190 MB for all of googleapis, and its newer
// majors need Node 22). rootUrl and the OAuth token URL are configurable for the fake.
//
// Answers are cached per tenant for 60 s in Redis (tenant and calendars in the key). On a
// Google error (401/429/5xx/timeout) the result is `{ ok: false }`: callers still answer from
// our own bookings and mark those slots unconfirmed (never claim Google said free).
import { createHash } from "node:crypto";
import { auth, calendar } from "@googleapis/calendar";
import type { Logger } from "../../core/logger.js";
import type { Redis } from "../../core/redis.js";
import type { GoogleCredentials } from "../../core/calendar/catalog.js";

export interface GoogleSettings {
  /** API root, e.g. https://www.googleapis.com/ (GOOGLE_API_BASE_URL). */
  rootUrl: string;
  /** OAuth token endpoint (GOOGLE_OAUTH_TOKEN_URL). */
  tokenUrl: string;
  clientId?: string;
  clientSecret?: string;
  timeoutMs: number;
  cacheTtlSec?: number;
}

export type FreeBusy = { ok: true; busy: Map<string, Array<{ start: number; end: number }>> } | { ok: false; reason: string };

export class GoogleFreeBusy {
  constructor(
    private readonly s: GoogleSettings,
    private readonly deps: { redis: Redis; prefix: string; logger: Logger; credentials: (tenantId: string) => Promise<GoogleCredentials | null> },
  ) {}

  /** Null when the tenant has not connected Google (nothing to check). */
  async busy(tenantId: string, calendarIds: string[], timeMin: Date, timeMax: Date): Promise<FreeBusy | null> {
    const ids = [...new Set(calendarIds)].sort();
    if (!ids.length) return null;
    const creds = await this.deps.credentials(tenantId);
    if (!creds) return null;
    const key = `${this.deps.prefix}:gcal:fb:${tenantId}:${createHash("sha256").update(`${ids.join(",")}|${timeMin.toISOString()}|${timeMax.toISOString()}`).digest("hex").slice(0, 32)}`;
    const cached = await this.deps.redis.get(key).catch(() => null);
    if (cached) return { ok: true, busy: new Map(JSON.parse(cached) as Array<[string, Array<{ start: number; end: number }>]>) };
    try {
      const busy = await this.query(creds, ids, timeMin, timeMax);
      await this.deps.redis.set(key, JSON.stringify([...busy]), "EX", this.s.cacheTtlSec ?? 60).catch(() => undefined);
      return { ok: true, busy };
    } catch (err) {
      const status = (err as { status?: number; response?: { status?: number } }).response?.status ?? (err as { status?: number }).status;
      const reason = status ? `google ${status}` : (err as Error).name === "AbortError" || /timeout/i.test(String((err as Error).message)) ? "google timeout" : "google unreachable";
      this.deps.logger.warn({ tenantId, reason }, "google free/busy failed; answering from our own bookings");
      return { ok: false, reason };
    }
  }

  private async query(creds: GoogleCredentials, ids: string[], timeMin: Date, timeMax: Date) {
    const clientId = creds.clientId ?? this.s.clientId;
    const clientSecret = creds.clientSecret ?? this.s.clientSecret;
    const oauth = new auth.OAuth2({ ...(clientId ? { clientId } : {}), ...(clientSecret ? { clientSecret } : {}), endpoints: { oauth2TokenUrl: this.s.tokenUrl } });
    oauth.setCredentials({ refresh_token: creds.refreshToken });
    const api = calendar({ version: "v3", auth: oauth, rootUrl: this.s.rootUrl.replace(/\/?$/, "/") });
    const res = await api.freebusy.query(
      { requestBody: { timeMin: timeMin.toISOString(), timeMax: timeMax.toISOString(), items: ids.map((id) => ({ id })) } },
      { timeout: this.s.timeoutMs, retry: false },
    );
    const out = new Map<string, Array<{ start: number; end: number }>>();
    const calendars = res.data.calendars ?? {};
    for (const id of ids) {
      const c = calendars[id];
      if (!c) throw Object.assign(new Error(`calendar ${id} missing from the answer`), { status: 502 });
      if (c.errors?.length) throw Object.assign(new Error(`calendar ${id}: ${c.errors.map((e) => e.reason).join(",")}`), { status: 502 });
      out.set(id, (c.busy ?? []).map((b) => ({ start: Date.parse(b.start ?? ""), end: Date.parse(b.end ?? "") })).filter((b) => b.start < b.end));
    }
    return out;
  }
}
