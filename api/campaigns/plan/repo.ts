// PlanRepo: the planner's statements on Campaign (drafts, revisions, lookups by a loose
// reference). Every statement filters by tenant; every change of a planned campaign is
// guarded by its status and version, so a stale preview can never be approved into a send.
import type { Sql } from "../../../core/sql.js";
import { iso } from "../../../core/sql.js";
import type { CampaignStatus } from "../repo.js";
import type { Variant } from "./copy.js";
import type { CampaignChannel } from "./segment.js";

/** A campaign's template parameters: the body's, plus whether the header is the picture (api/campaigns/send.ts reads both shapes). */
export type TemplateParams = string[] | { body: string[]; headerImage: true };

export interface PlannedCampaign {
  id: string;
  tenantId: string;
  name: string;
  goal: string | null;
  offer: string | null;
  channel: CampaignChannel;
  audience: Record<string, unknown>;
  body: string;
  variants: Variant[];
  templateName: string | null;
  templateLanguage: string | null;
  templateParams: TemplateParams | null;
  creativeId: string | null;
  status: CampaignStatus;
  version: number;
  scheduledAt: Date | null;
  audienceSize: number | null;
  estimatedCostMinor: number | null;
  currency: string | null;
  attributionHours: number;
  conversationId: string | null;
  approvedAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  createdAt: Date;
}

/** The fields a plan or a revision writes: the campaign's own, with what a draft always has filled in (`scheduledAt` null: "now", it starts when approved). */
export type DraftFields = Pick<
  PlannedCampaign,
  "name" | "goal" | "channel" | "audience" | "body" | "variants" | "templateName" | "templateLanguage" | "templateParams" | "creativeId" | "scheduledAt" | "attributionHours"
> & { offer: string; audienceSize: number; estimatedCostMinor: number; currency: string };

const COLUMNS = `id, "tenantId", name, goal, offer, channel::text AS channel, audience, body, variants, "templateName", "templateLanguage",
  "templateParams", "creativeId", status::text AS status, version, "scheduledAt", "audienceSize", "estimatedCostMinor", currency,
  "attributionHours", "conversationId", "approvedAt", "startedAt", "completedAt", "cancelledAt", "createdAt"`;

const values = (f: DraftFields) => [
  f.name, f.goal, f.offer, f.channel, JSON.stringify(f.audience), f.body, JSON.stringify(f.variants), f.templateName, f.templateLanguage,
  f.templateParams ? JSON.stringify(f.templateParams) : null, f.creativeId, f.scheduledAt ? iso(f.scheduledAt) : null, f.audienceSize, f.estimatedCostMinor,
  f.currency, f.attributionHours,
];

export class PlanRepo {
  constructor(private readonly sql: Sql) {}

  createDraft(tenantId: string, f: DraftFields, owner: { conversationId: string }): Promise<PlannedCampaign> {
    return this.sql.first<PlannedCampaign>(
      `INSERT INTO "Campaign" (id, "tenantId", name, goal, offer, channel, audience, body, variants, "templateName", "templateLanguage",
         "templateParams", "creativeId", "scheduledAt", "audienceSize", "estimatedCostMinor", currency, "attributionHours",
         "conversationId", status, version, "createdAt", "updatedAt")
       VALUES (gen_random_uuid(), $1::uuid, $2, $3, $4, $5::"Channel", $6::jsonb, $7, $8::jsonb, $9, $10, $11::jsonb, $12::uuid,
         $13::timestamp, $14, $15, $16, $17, $18::uuid, 'draft', 1, $19::timestamp, $19::timestamp)
       RETURNING ${COLUMNS}`,
      [tenantId, ...values(f), owner.conversationId, iso(new Date())],
    ) as Promise<PlannedCampaign>;
  }

  /**
   * A revision: back to draft with the new fields, version + 1, approval cleared, and the
   * recipients of a scheduled-not-started campaign removed (the start job of the old version
   * finds another version and does nothing). Only from draft / awaiting_approval / scheduled,
   * only at `expectedVersion`. null: it moved on (started, cancelled, or revised meanwhile).
   */
  revise(tenantId: string, campaignId: string, expectedVersion: number, f: DraftFields): Promise<PlannedCampaign | null> {
    return this.sql.first<PlannedCampaign>(
      `WITH c AS (
         UPDATE "Campaign" SET name = $4, goal = $5, offer = $6, channel = $7::"Channel", audience = $8::jsonb, body = $9, variants = $10::jsonb,
           "templateName" = $11, "templateLanguage" = $12, "templateParams" = $13::jsonb, "creativeId" = $14::uuid, "scheduledAt" = $15::timestamp,
           "audienceSize" = $16, "estimatedCostMinor" = $17, currency = $18, "attributionHours" = $19,
           status = 'draft', version = version + 1, "approvedAt" = NULL, "updatedAt" = $20::timestamp
         WHERE id = $1::uuid AND "tenantId" = $2::uuid AND version = $3 AND status IN ('draft', 'awaiting_approval', 'scheduled')
         RETURNING ${COLUMNS}),
       gone AS (
         DELETE FROM "CampaignRecipient" WHERE "campaignId" IN (SELECT id FROM c) AND "tenantId" = $2::uuid AND status = 'pending'
         RETURNING id)
       SELECT c.*, (SELECT count(*) FROM gone) AS removed FROM c`,
      [campaignId, tenantId, expectedVersion, ...values(f), iso(new Date())],
    );
  }

  /** draft → awaiting_approval at this version (the preview is with the owner). No version bump: the approval names this version. */
  async markAwaiting(tenantId: string, campaignId: string, version: number): Promise<void> {
    await this.sql.count(
      `UPDATE "Campaign" SET status = 'awaiting_approval', "updatedAt" = $4::timestamp
       WHERE id = $1::uuid AND "tenantId" = $2::uuid AND version = $3 AND status = 'draft'`,
      [campaignId, tenantId, version, iso(new Date())],
    );
  }

  /** At approval: the resolved contact ids join the stored audience (so a start without rows can only narrow). */
  async pinAudience(tenantId: string, campaignId: string, version: number, contactIds: string[]): Promise<boolean> {
    return (await this.sql.count(
      `UPDATE "Campaign" SET audience = audience || jsonb_build_object('contactIds', $4::jsonb), "audienceSize" = $5, "updatedAt" = $6::timestamp
       WHERE id = $1::uuid AND "tenantId" = $2::uuid AND version = $3 AND status IN ('draft', 'awaiting_approval')`,
      [campaignId, tenantId, version, JSON.stringify(contactIds), contactIds.length, iso(new Date())],
    )) === 1;
  }

  get(tenantId: string, campaignId: string): Promise<PlannedCampaign | null> {
    return this.sql.first<PlannedCampaign>(`SELECT ${COLUMNS} FROM "Campaign" WHERE id = $1::uuid AND "tenantId" = $2::uuid`, [campaignId, tenantId]);
  }

  /** Most recent first. */
  list(tenantId: string, limit: number): Promise<PlannedCampaign[]> {
    return this.sql.rows<PlannedCampaign>(
      `SELECT ${COLUMNS} FROM "Campaign" WHERE "tenantId" = $1::uuid ORDER BY "createdAt" DESC, id DESC LIMIT $2`,
      [tenantId, limit],
    );
  }

  /** Campaigns whose name contains every word (case-insensitive), most recent first. */
  byNameWords(tenantId: string, words: string[], limit = 5): Promise<PlannedCampaign[]> {
    const patterns = words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    return this.sql.rows<PlannedCampaign>(
      `SELECT ${COLUMNS} FROM "Campaign" WHERE "tenantId" = $1::uuid AND name ILIKE ALL($2::text[]) ORDER BY "createdAt" DESC LIMIT $3`,
      [tenantId, patterns, limit],
    );
  }
}
