// The admin API: provision tenants, their channels, owners and knowledge; read
// conversations; list and replay dead letters. Bearer token; JSON bodies validated by zod.
import express, { Router } from "express";
import type { KnowledgeStore } from "../../../knowledge/types.js";
import { identityAddress } from "../../../core/repos/contacts.js";
import type { ConversationRepo } from "../../../core/repos/conversations.js";
import type { DeadLetterRepo } from "../../../core/repos/dead-letters.js";
import type { MessageRepo } from "../../../core/repos/messages.js";
import type { TenantRepo } from "../../../core/repos/tenants.js";
import { AppError } from "../../../core/errors.js";
import type { Queues, QueueName } from "../../pipeline/queues.js";
import { bearerAuth } from "../auth.js";
import type { AccountResolver } from "../resolver.js";
import { validate } from "../validate.js";
import * as s from "./admin-schemas.js";

export interface AdminDeps {
  token: string;
  tenants: TenantRepo;
  conversations: ConversationRepo;
  messages: MessageRepo;
  deadLetters: DeadLetterRepo;
  knowledge: KnowledgeStore;
  queues: Queues;
  resolver: AccountResolver;
}

export function adminRoutes(d: AdminDeps): Router {
  const r = Router();
  r.use(bearerAuth(d.token));
  r.use(express.json({ limit: "256kb" }));

  const tenantId = async (raw: string | undefined) => (await d.tenants.get(validate(s.uuidParam, raw))).id;

  r.post("/tenants", async (req, res) => {
    res.status(201).json(await d.tenants.create(validate(s.createTenantSchema, req.body)));
  });
  r.get("/tenants/:tenantId", async (req, res) => {
    res.json(await d.tenants.get(validate(s.uuidParam, req.params.tenantId)));
  });

  r.put("/tenants/:tenantId/channels/whatsapp", async (req, res) => {
    const id = await tenantId(req.params.tenantId);
    const body = validate(s.whatsappAccountSchema, req.body);
    const account = await d.tenants.upsertChannelAccount(id, {
      channel: "whatsapp",
      externalId: body.phoneNumberId,
      displayName: body.displayPhoneNumber ?? null,
      credentials: { accessToken: body.accessToken, ...(body.appSecret ? { appSecret: body.appSecret } : {}) },
    });
    d.resolver.invalidate("whatsapp", body.phoneNumberId);
    res.json(account);
  });
  // A Twilio number: SMS and/or voice accounts, credentials {accountSid, authToken, forwardTo?}
  r.put("/tenants/:tenantId/channels/twilio", async (req, res) => {
    const id = await tenantId(req.params.tenantId);
    const body = validate(s.twilioAccountSchema, req.body);
    const channels = (["sms", "voice"] as const).filter((c) => body[c]);
    for (const channel of channels) {
      const other = await d.tenants.findAccount(channel, body.phoneNumber);
      if (other && other.tenantId !== id) throw new AppError("conflict", `this ${channel} identity is registered to another tenant`);
    }
    const credentials = { accountSid: body.accountSid, authToken: body.authToken, ...(body.forwardTo ? { forwardTo: body.forwardTo } : {}) };
    const items = [];
    for (const channel of channels) {
      items.push(await d.tenants.upsertChannelAccount(id, { channel, externalId: body.phoneNumber, displayName: body.phoneNumber, credentials }));
      d.resolver.invalidate(channel, body.phoneNumber);
    }
    res.json({ items });
  });
  // A Slack workspace: channel account "slack", externalId = team_id, credentials {botToken, botUserId?}
  r.put("/tenants/:tenantId/channels/slack", async (req, res) => {
    const id = await tenantId(req.params.tenantId);
    const body = validate(s.slackAccountSchema, req.body);
    const account = await d.tenants.upsertChannelAccount(id, {
      channel: "slack",
      externalId: body.teamId,
      displayName: body.displayName ?? null,
      credentials: { botToken: body.botToken, ...(body.botUserId ? { botUserId: body.botUserId } : {}) },
    });
    d.resolver.invalidate("slack", body.teamId);
    res.json(account);
  });
  r.get("/tenants/:tenantId/channels", async (req, res) => {
    res.json({ items: await d.tenants.listChannelAccounts(await tenantId(req.params.tenantId)) });
  });

  r.post("/tenants/:tenantId/owners", async (req, res) => {
    const id = await tenantId(req.params.tenantId);
    const body = validate(s.ownerSchema, req.body);
    // owners are matched against the address a message arrives from (wa_id has no '+')
    const address = body.channel === "whatsapp" ? identityAddress("whatsapp", body.address).slice(1) : body.address;
    res.status(201).json(await d.tenants.addOwner(id, { ...body, address }));
  });
  r.get("/tenants/:tenantId/owners", async (req, res) => {
    res.json({ items: await d.tenants.listOwners(await tenantId(req.params.tenantId)) });
  });

  r.post("/tenants/:tenantId/knowledge", async (req, res) => {
    const id = await tenantId(req.params.tenantId);
    const { entry, created } = await d.knowledge.addEntry(id, { ...validate(s.knowledgeSchema, req.body), source: "admin" });
    res.status(created ? 201 : 200).json(entry);
  });
  r.get("/tenants/:tenantId/knowledge", async (req, res) => {
    const id = await tenantId(req.params.tenantId);
    const { limit, offset } = validate(s.pageSchema, req.query);
    res.json({ items: await d.knowledge.listEntries(id, { limit, offset }) });
  });
  r.delete("/tenants/:tenantId/knowledge/:entryId", async (req, res) => {
    const id = await tenantId(req.params.tenantId);
    if (!(await d.knowledge.deleteEntry(id, validate(s.uuidParam, req.params.entryId)))) {
      throw new AppError("not_found", "knowledge entry not found");
    }
    res.status(204).end();
  });

  r.get("/tenants/:tenantId/conversations", async (req, res) => {
    const id = await tenantId(req.params.tenantId);
    const page = validate(s.pageSchema, req.query);
    const needsPerson = req.query.needsPerson === "true";
    res.json({ items: await d.conversations.list(id, { limit: page.limit, needsPerson, ...(page.before ? { before: new Date(page.before) } : {}) }) });
  });
  r.get("/tenants/:tenantId/conversations/:conversationId/messages", async (req, res) => {
    const id = await tenantId(req.params.tenantId);
    const conv = await d.conversations.get(id, validate(s.uuidParam, req.params.conversationId));
    const page = validate(s.pageSchema, req.query);
    res.json({ items: await d.messages.list(id, conv.id, { limit: page.limit, ...(page.before ? { before: new Date(page.before) } : {}) }) });
  });

  r.put("/tenants/:tenantId/settings/whatsapp-template", async (req, res) => {
    const id = await tenantId(req.params.tenantId);
    const body = validate(s.whatsappTemplateSchema, req.body);
    res.json(await d.tenants.updateSettings(id, { whatsappTemplate: body }));
  });

  r.get("/tenants/:tenantId/messages", async (req, res) => {
    const id = await tenantId(req.params.tenantId);
    const q = validate(s.messageQuerySchema, req.query);
    res.json({ items: await d.messages.byStatus(id, q.status, q.limit) });
  });

  r.get("/dead-letters", async (req, res) => {
    const { limit } = validate(s.pageSchema, req.query);
    res.json({ items: await d.deadLetters.list({ limit, includeReplayed: req.query.all === "true" }) });
  });
  r.post("/dead-letters/:id/replay", async (req, res) => {
    const dl = await d.deadLetters.get(validate(s.uuidParam, req.params.id));
    const queue = d.queues[dl.queue as QueueName];
    if (!queue) throw new AppError("conflict", `unknown queue ${dl.queue}`);
    if (!(await d.deadLetters.claimReplay(dl.id))) throw new AppError("conflict", "this dead letter was already replayed");
    const data = dl.data as { tenantId?: string; messageId?: string };
    // a send that gave up is marked failed: put it back in the outbox before replaying
    if (queue === d.queues.outbox && data.tenantId && data.messageId) await d.messages.requeue(data.tenantId, data.messageId);
    const job = await queue.add(dl.jobName, dl.data as never, { jobId: `${dl.jobId}-replay-${dl.id}` });
    res.status(202).json({ replayed: dl.id, jobId: job.id });
  });

  return r;
}
