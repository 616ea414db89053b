// What a tenant offers and when: services (with their capable resources), resources,
// weekly hours, closures, the tenant's calendar settings, and its Google Calendar
// credentials (AES-256-GCM, bound to the tenant). Raw SQL via core/sql.ts; every statement
// filters by tenantId; a row of another tenant is "not found", never touched.
import { randomUUID } from "node:crypto";
import { decrypt, encrypt } from "../crypto.js";
import { AppError, NotFoundError } from "../errors.js";
import { isPgUniqueViolation, isUuid, type Queryable, type Sql } from "../sql.js";
import {
  DEFAULT_CALENDAR_SETTINGS, type CalendarSettings, type CalendarTenant, type ClosureRow, type HoursRow, type ResourceRow, type ServiceRow,
} from "./types.js";

const NOW = `(now() AT TIME ZONE 'UTC')`;

export interface ServiceInput {
  name: string;
  aliases?: string[];
  description?: string | null;
  durationMin: number;
  bufferMin?: number;
  priceMinor?: number | null;
  currency?: string | null;
  prepay?: boolean;
  active?: boolean;
  /** Which resources can do it (ids of this tenant); omitted = unchanged, [] = any. */
  resourceIds?: string[];
}

export interface ResourceInput {
  name: string;
  kind?: "staff" | "room";
  calendarId?: string | null;
  active?: boolean;
}

export interface GoogleCredentials {
  refreshToken: string;
  clientId?: string;
  clientSecret?: string;
}

const GOOGLE = "google_calendar";
const googleAad = (tenantId: string) => `${tenantId}|integration|${GOOGLE}`;

function settingsOf(raw: unknown): CalendarSettings {
  const c = (raw && typeof raw === "object" ? (raw as { calendar?: unknown }).calendar : undefined) as Partial<CalendarSettings> | undefined;
  const num = (v: unknown, min: number, max: number, d: number) => (typeof v === "number" && Number.isInteger(v) && v >= min && v <= max ? v : d);
  return {
    gridMin: num(c?.gridMin, 5, 240, DEFAULT_CALENDAR_SETTINGS.gridMin),
    minNoticeMin: num(c?.minNoticeMin, 0, 30 * 24 * 60, DEFAULT_CALENDAR_SETTINGS.minNoticeMin),
    horizonDays: num(c?.horizonDays, 1, 730, DEFAULT_CALENDAR_SETTINGS.horizonDays),
    holdMin: num(c?.holdMin, 5, 24 * 60, DEFAULT_CALENDAR_SETTINGS.holdMin),
    ...(typeof c?.location === "string" && c.location.trim() ? { location: c.location.trim().slice(0, 300) } : {}),
  };
}

type ServiceDbRow = Omit<ServiceRow, "resourceIds"> & { resourceIds: string[] | null };

const SERVICE_COLS = `s.id, s."tenantId", s.name, s.aliases, s.description, s."durationMin", s."bufferMin", s."priceMinor", s.currency, s.prepay, s.active,
  (SELECT array_agg(sr."resourceId"::text ORDER BY sr."resourceId") FROM "ServiceResource" sr WHERE sr."tenantId" = s."tenantId" AND sr."serviceId" = s.id) AS "resourceIds"`;

const toService = (r: ServiceDbRow): ServiceRow => ({ ...r, aliases: r.aliases ?? [], resourceIds: r.resourceIds ?? [] });

export class CalendarCatalog {
  constructor(private readonly sql: Sql, private readonly credentialsKey: Buffer) {}

  async tenant(tenantId: string): Promise<CalendarTenant> {
    if (!isUuid(tenantId)) throw new NotFoundError("tenant");
    const row = await this.sql.first<{ id: string; name: string; timezone: string; locale: string; currency: string; settings: unknown }>(
      `SELECT id, name, timezone, locale, currency, settings FROM "Tenant" WHERE id = $1`, [tenantId],
    );
    if (!row) throw new NotFoundError("tenant");
    return { ...row, settings: settingsOf(row.settings) };
  }

  // ── services ──
  async services(tenantId: string, opts: { activeOnly?: boolean } = {}): Promise<ServiceRow[]> {
    const rows = await this.sql.rows<ServiceDbRow>(
      `SELECT ${SERVICE_COLS} FROM "Service" s WHERE s."tenantId" = $1 AND ($2::boolean IS FALSE OR s.active) ORDER BY s.name`,
      [tenantId, opts.activeOnly ?? false],
    );
    return rows.map(toService);
  }

  async service(tenantId: string, serviceId: string): Promise<ServiceRow | null> {
    if (!isUuid(serviceId)) return null;
    const row = await this.sql.first<ServiceDbRow>(`SELECT ${SERVICE_COLS} FROM "Service" s WHERE s."tenantId" = $1 AND s.id = $2`, [tenantId, serviceId]);
    return row ? toService(row) : null;
  }

  async createService(tenantId: string, input: ServiceInput): Promise<ServiceRow> {
    const id = randomUUID();
    await this.unique(`a service named "${input.name}" already exists`, () =>
      this.sql.tx(async (q) => {
        await q.count(
          `INSERT INTO "Service" (id, "tenantId", name, aliases, description, "durationMin", "bufferMin", "priceMinor", currency, prepay, active, "updatedAt")
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, ${NOW})`,
          [id, tenantId, input.name, input.aliases ?? [], input.description ?? null, input.durationMin, input.bufferMin ?? 0,
            input.priceMinor ?? null, input.currency ?? null, input.prepay ?? false, input.active ?? true],
        );
        if (input.resourceIds) await this.setServiceResources(q, tenantId, id, input.resourceIds);
      }),
    );
    return (await this.service(tenantId, id))!;
  }

  async updateService(tenantId: string, serviceId: string, input: Partial<ServiceInput>): Promise<ServiceRow> {
    const current = await this.service(tenantId, serviceId);
    if (!current) throw new NotFoundError("service");
    const next = { ...current, ...input };
    await this.unique(`a service named "${next.name}" already exists`, () =>
      this.sql.tx(async (q) => {
        await q.count(
          `UPDATE "Service" SET name = $3, aliases = $4, description = $5, "durationMin" = $6, "bufferMin" = $7, "priceMinor" = $8,
             currency = $9, prepay = $10, active = $11, "updatedAt" = ${NOW}
           WHERE "tenantId" = $1 AND id = $2`,
          [tenantId, serviceId, next.name, next.aliases ?? [], next.description ?? null, next.durationMin, next.bufferMin ?? 0,
            next.priceMinor ?? null, next.currency ?? null, next.prepay ?? false, next.active ?? true],
        );
        if (input.resourceIds) await this.setServiceResources(q, tenantId, serviceId, input.resourceIds);
      }),
    );
    return (await this.service(tenantId, serviceId))!;
  }

  /** A service with bookings is deactivated (its history stays); one without is deleted. */
  async deleteService(tenantId: string, serviceId: string): Promise<"deleted" | "deactivated"> {
    if (!(await this.service(tenantId, serviceId))) throw new NotFoundError("service");
    const used = await this.sql.first(`SELECT 1 FROM "Booking" WHERE "tenantId" = $1 AND "serviceId" = $2 LIMIT 1`, [tenantId, serviceId]);
    if (used) {
      await this.sql.count(`UPDATE "Service" SET active = false, "updatedAt" = ${NOW} WHERE "tenantId" = $1 AND id = $2`, [tenantId, serviceId]);
      return "deactivated";
    }
    await this.sql.count(`DELETE FROM "Service" WHERE "tenantId" = $1 AND id = $2`, [tenantId, serviceId]);
    return "deleted";
  }

  private async setServiceResources(q: Queryable, tenantId: string, serviceId: string, resourceIds: string[]): Promise<void> {
    const ids = [...new Set(resourceIds)];
    if (ids.some((r) => !isUuid(r))) throw new AppError("bad_request", "resourceIds must be resource ids of this business");
    const found = await q.rows<{ id: string }>(`SELECT id FROM "Resource" WHERE "tenantId" = $1 AND id = ANY($2::uuid[])`, [tenantId, ids]);
    if (found.length !== ids.length) throw new AppError("bad_request", "resourceIds must be resource ids of this business");
    await q.count(`DELETE FROM "ServiceResource" WHERE "tenantId" = $1 AND "serviceId" = $2`, [tenantId, serviceId]);
    for (const r of ids) {
      await q.count(`INSERT INTO "ServiceResource" ("tenantId", "serviceId", "resourceId") VALUES ($1, $2, $3)`, [tenantId, serviceId, r]);
    }
  }

  // ── resources ──
  async resources(tenantId: string, opts: { activeOnly?: boolean } = {}): Promise<ResourceRow[]> {
    return this.sql.rows<ResourceRow>(
      `SELECT id, "tenantId", name, kind, "calendarId", active FROM "Resource" WHERE "tenantId" = $1 AND ($2::boolean IS FALSE OR active) ORDER BY name`,
      [tenantId, opts.activeOnly ?? false],
    );
  }

  async createResource(tenantId: string, input: ResourceInput): Promise<ResourceRow> {
    const id = randomUUID();
    await this.unique(`a resource named "${input.name}" already exists`, () =>
      this.sql.count(
        `INSERT INTO "Resource" (id, "tenantId", name, kind, "calendarId", active, "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, ${NOW})`,
        [id, tenantId, input.name, input.kind ?? "staff", input.calendarId ?? null, input.active ?? true],
      ),
    );
    return (await this.resources(tenantId)).find((r) => r.id === id)!;
  }

  async updateResource(tenantId: string, resourceId: string, input: Partial<ResourceInput>): Promise<ResourceRow> {
    const current = isUuid(resourceId) ? (await this.resources(tenantId)).find((r) => r.id === resourceId) : undefined;
    if (!current) throw new NotFoundError("resource");
    const next = { ...current, ...input };
    await this.unique(`a resource named "${next.name}" already exists`, () =>
      this.sql.count(
        `UPDATE "Resource" SET name = $3, kind = $4, "calendarId" = $5, active = $6, "updatedAt" = ${NOW} WHERE "tenantId" = $1 AND id = $2`,
        [tenantId, resourceId, next.name, next.kind, next.calendarId ?? null, next.active],
      ),
    );
    return (await this.resources(tenantId)).find((r) => r.id === resourceId)!;
  }

  // ── hours ──
  async hours(tenantId: string): Promise<HoursRow[]> {
    return this.sql.rows<HoursRow>(
      `SELECT id, "resourceId", weekday, "opensMin", "closesMin" FROM "BusinessHours" WHERE "tenantId" = $1 ORDER BY "resourceId" NULLS FIRST, weekday, "opensMin"`,
      [tenantId],
    );
  }

  /** Replace the weekly hours of the business (resourceId null) or of one resource, atomically. */
  async replaceHours(tenantId: string, resourceId: string | null, rows: Array<Omit<HoursRow, "resourceId" | "id">>): Promise<HoursRow[]> {
    if (resourceId !== null && !(await this.ownsResource(tenantId, resourceId))) throw new NotFoundError("resource");
    await this.sql.tx(async (q) => {
      await q.count(`DELETE FROM "BusinessHours" WHERE "tenantId" = $1 AND "resourceId" IS NOT DISTINCT FROM $2::uuid`, [tenantId, resourceId]);
      for (const h of rows) {
        await q.count(
          `INSERT INTO "BusinessHours" (id, "tenantId", "resourceId", weekday, "opensMin", "closesMin") VALUES ($1, $2, $3, $4, $5, $6)`,
          [randomUUID(), tenantId, resourceId, h.weekday, h.opensMin, h.closesMin],
        );
      }
    });
    return (await this.hours(tenantId)).filter((h) => h.resourceId === resourceId);
  }

  // ── closures ──
  async closures(tenantId: string, range?: { from: string; to: string }): Promise<ClosureRow[]> {
    return this.sql.rows<ClosureRow>(
      `SELECT id, "resourceId", to_char(date, 'YYYY-MM-DD') AS date, "opensMin", "closesMin", reason FROM "CalendarClosure"
       WHERE "tenantId" = $1 AND ($2::date IS NULL OR date >= $2::date) AND ($3::date IS NULL OR date <= $3::date) ORDER BY date`,
      [tenantId, range?.from ?? null, range?.to ?? null],
    );
  }

  async addClosure(tenantId: string, c: Omit<ClosureRow, "id">): Promise<ClosureRow> {
    if (c.resourceId !== null && !(await this.ownsResource(tenantId, c.resourceId))) throw new NotFoundError("resource");
    const id = randomUUID();
    await this.sql.count(
      `INSERT INTO "CalendarClosure" (id, "tenantId", "resourceId", date, "opensMin", "closesMin", reason) VALUES ($1, $2, $3, $4::date, $5, $6, $7)`,
      [id, tenantId, c.resourceId, c.date, c.opensMin, c.closesMin, c.reason ?? null],
    );
    return { id, ...c, reason: c.reason ?? null };
  }

  async deleteClosure(tenantId: string, closureId: string): Promise<boolean> {
    if (!isUuid(closureId)) return false;
    return (await this.sql.count(`DELETE FROM "CalendarClosure" WHERE "tenantId" = $1 AND id = $2`, [tenantId, closureId])) > 0;
  }

  private async ownsResource(tenantId: string, resourceId: string): Promise<boolean> {
    return isUuid(resourceId) && !!(await this.sql.first(`SELECT 1 FROM "Resource" WHERE "tenantId" = $1 AND id = $2`, [tenantId, resourceId]));
  }

  // ── Google Calendar credentials (IntegrationAccount kind "google_calendar") ──
  async connectGoogle(tenantId: string, creds: GoogleCredentials, externalId: string | null): Promise<void> {
    const blob = encrypt(this.credentialsKey, JSON.stringify(creds), googleAad(tenantId));
    await this.sql.count(
      `INSERT INTO "IntegrationAccount" (id, "tenantId", kind, "externalId", "credentialsEnc", active, "updatedAt")
       VALUES ($1, $2, '${GOOGLE}', $3, $4, true, ${NOW})
       ON CONFLICT ("tenantId", kind) DO UPDATE SET "externalId" = EXCLUDED."externalId", "credentialsEnc" = EXCLUDED."credentialsEnc", active = true, "updatedAt" = ${NOW}`,
      [randomUUID(), tenantId, externalId, blob],
    );
  }

  async disconnectGoogle(tenantId: string): Promise<boolean> {
    return (await this.sql.count(`DELETE FROM "IntegrationAccount" WHERE "tenantId" = $1 AND kind = '${GOOGLE}'`, [tenantId])) > 0;
  }

  /** The tenant's Google credentials, or null when it has not connected Google Calendar. */
  async googleCredentials(tenantId: string): Promise<GoogleCredentials | null> {
    const row = await this.sql.first<{ credentialsEnc: Buffer }>(
      `SELECT "credentialsEnc" FROM "IntegrationAccount" WHERE "tenantId" = $1 AND kind = '${GOOGLE}' AND active`, [tenantId],
    );
    if (!row) return null;
    return JSON.parse(decrypt(this.credentialsKey, row.credentialsEnc, googleAad(tenantId))) as GoogleCredentials;
  }

  private async unique<T>(message: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isPgUniqueViolation(err)) throw new AppError("conflict", message);
      throw err;
    }
  }
}
