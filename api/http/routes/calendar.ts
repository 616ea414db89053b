// Calendar admin API (bearer token, zod-validated, tenant-scoped) and the public .ics link.
//   GET/POST          /api/v1/tenants/:tenantId/services           PATCH/DELETE …/services/:serviceId
//   GET/POST          /api/v1/tenants/:tenantId/resources          PATCH …/resources/:resourceId
//   GET/PUT           /api/v1/tenants/:tenantId/hours              (PUT replaces the business's or one resource's week)
//   GET/POST          /api/v1/tenants/:tenantId/closures           DELETE …/closures/:closureId
//   GET               /api/v1/tenants/:tenantId/bookings?from&to&status=live|all
//   PUT/DELETE        /api/v1/tenants/:tenantId/integrations/google-calendar  {refreshToken, clientId?, clientSecret?, account?}
//   GET               /ics/:token  — the booking's invite (HMAC-signed token; 404 for anything else)
// A service, resource, closure or booking of another tenant is 404, as an unknown id is.
import express, { Router } from "express";
import { NotFoundError } from "../../../core/errors.js";
import type { TenantRepo } from "../../../core/repos/tenants.js";
import type { Calendar } from "../../calendar/index.js";
import { bearerAuth } from "../auth.js";
import { validate } from "../validate.js";
import { uuidParam } from "./admin-schemas.js";
import * as s from "./calendar-schemas.js";

export interface CalendarRouteDeps {
  token: string;
  tenants: Pick<TenantRepo, "get">;
  calendar: Calendar;
}

const T = "/api/v1/tenants/:tenantId";

export function calendarRoutes(d: CalendarRouteDeps): Router {
  const r = Router();
  const auth = bearerAuth(d.token);
  const json = express.json({ limit: "64kb" });
  const tenantOf = async (raw: unknown) => (await d.tenants.get(validate(uuidParam, raw))).id;
  const { catalog, bookings } = d.calendar;

  r.get(`${T}/services`, auth, async (req, res) => {
    res.json({ services: await catalog.services(await tenantOf(req.params.tenantId)) });
  });
  r.post(`${T}/services`, auth, json, async (req, res) => {
    const id = await tenantOf(req.params.tenantId);
    res.status(201).json(await catalog.createService(id, validate(s.serviceSchema, req.body)));
  });
  r.patch(`${T}/services/:serviceId`, auth, json, async (req, res) => {
    const id = await tenantOf(req.params.tenantId);
    res.json(await catalog.updateService(id, String(req.params.serviceId), validate(s.servicePatchSchema, req.body)));
  });
  r.delete(`${T}/services/:serviceId`, auth, async (req, res) => {
    const id = await tenantOf(req.params.tenantId);
    res.json({ result: await catalog.deleteService(id, String(req.params.serviceId)) });
  });

  r.get(`${T}/resources`, auth, async (req, res) => {
    res.json({ resources: await catalog.resources(await tenantOf(req.params.tenantId)) });
  });
  r.post(`${T}/resources`, auth, json, async (req, res) => {
    const id = await tenantOf(req.params.tenantId);
    res.status(201).json(await catalog.createResource(id, validate(s.resourceSchema, req.body)));
  });
  r.patch(`${T}/resources/:resourceId`, auth, json, async (req, res) => {
    const id = await tenantOf(req.params.tenantId);
    res.json(await catalog.updateResource(id, String(req.params.resourceId), validate(s.resourcePatchSchema, req.body)));
  });

  r.get(`${T}/hours`, auth, async (req, res) => {
    res.json({ hours: await catalog.hours(await tenantOf(req.params.tenantId)) });
  });
  r.put(`${T}/hours`, auth, json, async (req, res) => {
    const id = await tenantOf(req.params.tenantId);
    const body = validate(s.hoursSchema, req.body);
    res.json({ hours: await catalog.replaceHours(id, body.resourceId, body.hours) });
  });

  r.get(`${T}/closures`, auth, async (req, res) => {
    const id = await tenantOf(req.params.tenantId);
    const q = validate(s.closureQuerySchema, req.query);
    res.json({ closures: await catalog.closures(id, q.from || q.to ? { from: q.from ?? "1970-01-01", to: q.to ?? "9999-12-31" } : undefined) });
  });
  r.post(`${T}/closures`, auth, json, async (req, res) => {
    const id = await tenantOf(req.params.tenantId);
    res.status(201).json(await catalog.addClosure(id, validate(s.closureSchema, req.body)));
  });
  r.delete(`${T}/closures/:closureId`, auth, async (req, res) => {
    const id = await tenantOf(req.params.tenantId);
    if (!(await catalog.deleteClosure(id, String(req.params.closureId)))) throw new NotFoundError("closure");
    res.status(204).end();
  });

  r.get(`${T}/bookings`, auth, async (req, res) => {
    const id = await tenantOf(req.params.tenantId);
    const q = validate(s.bookingsQuerySchema, req.query);
    const from = q.from ? new Date(q.from) : new Date(Date.now() - 864e5);
    const to = q.to ? new Date(q.to) : new Date(from.getTime() + 31 * 864e5);
    res.json({ bookings: await bookings.list({ tenantId: id }, from, to, { live: q.status === "live", limit: 500 }) });
  });

  r.put(`${T}/integrations/google-calendar`, auth, json, async (req, res) => {
    const id = await tenantOf(req.params.tenantId);
    const body = validate(s.googleConnectSchema, req.body);
    await catalog.connectGoogle(id, { refreshToken: body.refreshToken, ...(body.clientId ? { clientId: body.clientId } : {}), ...(body.clientSecret ? { clientSecret: body.clientSecret } : {}) }, body.account ?? null);
    res.json({ connected: true, kind: "google_calendar", account: body.account ?? null });
  });
  r.delete(`${T}/integrations/google-calendar`, auth, async (req, res) => {
    const id = await tenantOf(req.params.tenantId);
    if (!(await catalog.disconnectGoogle(id))) throw new NotFoundError("google calendar connection");
    res.status(204).end();
  });

  // public: the token is the credential
  r.get("/ics/:token", async (req, res) => {
    const ics = await d.calendar.icsFor(String(req.params.token));
    if (!ics) throw new NotFoundError("invite");
    res.set({ "content-type": "text/calendar; charset=utf-8", "content-disposition": `attachment; filename="${ics.filename}"`, "cache-control": "no-store" });
    res.send(ics.body);
  });
  return r;
}
