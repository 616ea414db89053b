// CampaignPlanner: what the owner's campaign tools call (tools/campaigns CampaignTools).
//   plan     → a draft: segment resolved with consent, copy fitted to the channel, the
//              creative, the cost; returns the preview
//   revise   → back to draft at version + 1 (a scheduled-not-started campaign loses its
//              schedule and recipients until approved again); new preview
//   prepareLaunch / launch → the preview the owner approves, then exactly that version is
//              scheduled through the sending engine (CampaignService.schedule) with the
//              audience resolved at approval time
//   control, results → pause / resume / cancel; figures with attribution
import type { TemplateParams } from "./repo.js";
import type { Logger } from "../../../core/logger.js";
import type { Sql } from "../../../core/sql.js";
import type { TenantRow } from "../../../core/repos/tenants.js";
import type {
  CampaignAction, CampaignPreview, CampaignTools, Outcome, PlanInput, ReviseInput,
} from "../../../tools/campaigns/types.js";
import type { CreativeService } from "../../creatives/index.js";
import type { CampaignService } from "../service.js";
import { attribution, formatResults } from "../results/index.js";
import { chooseVariants, fitSms, fitTemplate, templateVariants, type Variant } from "./copy.js";
import { estimateCost } from "./cost.js";
import { previewText } from "./preview.js";
import { resolveCampaign } from "./refs.js";
import { PlanRepo, type DraftFields, type PlannedCampaign } from "./repo.js";
import { describeSegment, resolveSegment, segmentSchema, type CampaignChannel, type Segment } from "./segment.js";
import { campaignSettingsFrom, type WhatsAppTemplate } from "./settings.js";
import { dayOnly, label, parseWhen } from "./when.js";

const WINDOW_HOURS = 24;
const DEFAULT_ATTRIBUTION_HOURS = 72;
const EDITABLE = new Set(["draft", "awaiting_approval", "scheduled"]);
const ACTIVE = new Set(["running", "paused", "scheduled"]);
const STARTED = new Set(["running", "paused", "completed", "cancelled"]);

export interface PlannerDeps {
  sql: Sql;
  tenants: { get(tenantId: string): Promise<TenantRow>; settings(tenantId: string): Promise<unknown> };
  /** Lazy: the container builds the sending engine and the creatives after the agent. */
  campaigns: () => CampaignService;
  creatives: () => Pick<CreativeService, "create" | "get">;
  /** The tenant's model budget for AI images (agent/budget): without it images are made unmetered. */
  imageSpend?: ImageSpend;
  logger: Logger;
  now?: () => Date;
}

/**
 * AI images are paid calls like the LLM tiers': a reservation of the worst case before the
 * call (none left → the free local card), then the real cost settled and recorded in the
 * usage ledger (ModelUsage), so "how much has the assistant cost?" and the budget include them.
 */
export interface ImageSpend {
  reserve(tenantId: string, timeZone: string): Promise<ImageReservation | null>;
  record(tenantId: string, reservation: ImageReservation, cost: { provider: string; model: string | null; inputTokens: number; outputTokens: number; costMicros: number }): Promise<void>;
}
export type ImageReservation = { readonly micros: number } & Record<string, unknown>;

type VariantRow = Variant & { chosen?: boolean };

/** What a plan or a revision decides before anything is written. */
interface Decided {
  name: string;
  goal: string | null;
  offer: string;
  channel: CampaignChannel;
  segment: Segment;
  at: Date;
  whenLabel: string;
  /** "now": no fixed time — it starts when approved. */
  now: boolean;
  variants: VariantRow[];
  picture: boolean;
  /** Keep this creative (unchanged offer), else make one when `picture`. */
  creativeId: string | null;
}

export class CampaignPlanner implements CampaignTools {
  private readonly repo: PlanRepo;
  private readonly now: () => Date;

  constructor(private readonly d: PlannerDeps) {
    this.repo = new PlanRepo(d.sql);
    this.now = d.now ?? (() => new Date());
  }

  async plan(tenantId: string, owner: { conversationId: string }, input: PlanInput): Promise<Outcome<{ preview: CampaignPreview }>> {
    const tenant = await this.d.tenants.get(tenantId);
    const when = parseWhen(input.when, tenant, this.now());
    if (!when.ok) return when;
    const segment = segmentSchema.safeParse(input.audience ?? {});
    if (!segment.success) return { ok: false, message: `That audience isn't one I can use: ${segment.error.issues[0]?.message}` };
    const offer = input.offer.trim();
    const copyIn = { businessName: tenant.name, offer, goal: input.goal, whenLabel: when.label, now: when.now };
    const { variants, chosen } = chooseVariants(input.variants, templateVariants(copyIn));
    const decided: Decided = {
      name: input.name?.trim() || defaultName(offer, when.now ? null : when.label),
      goal: input.goal?.trim() || null, offer, channel: input.channel, segment: segment.data, at: when.at, whenLabel: when.label, now: when.now,
      variants: variants.map((v, i) => ({ ...v, ...(i === chosen ? { chosen: true } : {}) })), picture: input.picture, creativeId: null,
    };
    const built = await this.build(tenant, decided);
    if (!built.ok) return built;
    const row = await this.repo.createDraft(tenantId, built.fields, owner);
    return { ok: true, preview: this.preview(tenant, row, built) };
  }

  async revise(tenantId: string, ref: string, changes: ReviseInput): Promise<Outcome<{ preview: CampaignPreview }>> {
    const tenant = await this.d.tenants.get(tenantId);
    const found = await resolveCampaign(this.repo, tenantId, ref, { timezone: tenant.timezone, prefer: (c) => EDITABLE.has(c.status) });
    if (!found.ok) return found;
    const c = found.campaign;
    if (!EDITABLE.has(c.status)) {
      return { ok: false, message: `“${c.name}” is ${c.status.replace("_", " ")}, so it can't be changed any more. Plan a new campaign instead.` };
    }
    let at = c.scheduledAt ?? this.now();
    let now = c.scheduledAt === null;
    let whenLabel = now ? "now" : label(at, tenant.timezone, tenant.locale);
    if (changes.when !== undefined) {
      const w = parseWhen(changes.when, tenant, this.now());
      if (!w.ok) return w;
      ({ at, now } = w);
      whenLabel = w.label;
    }
    const offer = changes.offer?.trim() || c.offer || "";
    const stored = segmentSchema.safeParse(stripPinned(c.audience));
    const segment = changes.audience ? segmentSchema.safeParse(changes.audience) : stored;
    if (!segment.success) return { ok: false, message: `That audience isn't one I can use: ${segment.error.issues[0]?.message}` };
    let variants: VariantRow[] = (c.variants as VariantRow[]).map((v) => ({ text: v.text, tier: v.tier, ...(v.chosen ? { chosen: true } : {}) }));
    const copyChanged = changes.offer !== undefined || changes.when !== undefined;
    if (changes.variants?.length) {
      variants = chooseVariants(changes.variants, []).variants.map((v, i) => ({ ...v, ...(i === 0 ? { chosen: true } : {}) }));
    } else if (copyChanged && variants.every((v) => v.tier === "template")) {
      // deterministic copy follows the new offer / day; a model's copy is the model's to rewrite
      const chosenAt = Math.max(0, variants.findIndex((v) => v.chosen));
      variants = templateVariants({ businessName: tenant.name, offer, goal: changes.goal ?? c.goal ?? undefined, whenLabel, now })
        .map((v, i) => ({ ...v, ...(i === chosenAt ? { chosen: true } : {}) }));
    }
    if (changes.useVariant !== undefined) {
      if (changes.useVariant < 1 || changes.useVariant > variants.length) return { ok: false, message: `There are ${variants.length} variants; pick 1 to ${variants.length}.` };
      variants = variants.map((v, i) => ({ text: v.text, tier: v.tier, ...(i === changes.useVariant! - 1 ? { chosen: true } : {}) }));
    }
    const picture = changes.picture ?? c.creativeId !== null;
    const decided: Decided = {
      // a new offer renames a campaign (with its day); a new time alone keeps the name the owner knows it by
      name: changes.name?.trim() || (changes.offer ? defaultName(offer, c.scheduledAt ? label(c.scheduledAt, tenant.timezone, tenant.locale) : null) : c.name),
      goal: changes.goal?.trim() || c.goal, offer, channel: changes.channel ?? c.channel, segment: segment.data, at, whenLabel, now, variants, picture,
      creativeId: picture && changes.offer === undefined ? c.creativeId : null,
    };
    const built = await this.build(tenant, decided);
    if (!built.ok) return built;
    const row = await this.repo.revise(tenantId, c.id, c.version, built.fields);
    if (!row) return { ok: false, message: `“${c.name}” changed while I was working on it (it may have started). Ask me again to see where it stands.` };
    if (c.status === "scheduled") built.notes.unshift("It was scheduled; it is on hold until you approve this new version.");
    return { ok: true, preview: this.preview(tenant, row, built) };
  }

  async prepareLaunch(tenantId: string, ref: string): Promise<Outcome<{ preview: CampaignPreview }>> {
    const tenant = await this.d.tenants.get(tenantId);
    const found = await resolveCampaign(this.repo, tenantId, ref, { timezone: tenant.timezone, prefer: (c) => c.status === "draft" || c.status === "awaiting_approval" });
    if (!found.ok) return found;
    const c = found.campaign;
    if (c.status !== "draft" && c.status !== "awaiting_approval") {
      return { ok: false, message: `“${c.name}” is already ${c.status.replace("_", " ")}${c.scheduledAt && c.status === "scheduled" ? ` for ${label(c.scheduledAt, tenant.timezone, tenant.locale)}` : ""} — nothing to approve.` };
    }
    // the figures as of now (contacts may have opted in or out since the plan)
    const live = await this.audienceOf(tenant, c.channel, stripPinned(c.audience), c.scheduledAt ?? this.now(), c.templateName !== null);
    if (live.audience.contactIds.length === 0) {
      const why = [
        live.audience.withoutConsent ? `${live.audience.withoutConsent} matched but haven't opted in to offers` : "",
        live.audience.outsideWindow ? `${live.audience.outsideWindow} are outside WhatsApp's 24-hour window and there is no approved template` : "",
      ].filter(Boolean).join("; ");
      return { ok: false, message: `Nobody in “${c.name}”'s audience can get it right now${why ? ` (${why})` : ""}, so there is nothing to approve. Change the audience or the channel.` };
    }
    const segments = c.channel === "sms" ? fitSms(c.body).segments : 1;
    const cost = estimateCost(c.channel, live.audience.addresses, { template: c.templateName !== null, segments, locale: tenant.locale });
    await this.repo.markAwaiting(tenantId, c.id, c.version);
    const creative = c.creativeId ? await this.d.creatives().get(tenantId, c.creativeId) : null;
    const notes = [...live.notes];
    const preview = this.previewOf(tenant, { ...c, status: "awaiting_approval" }, {
      audience: live.audience, cost, imageUrl: creative?.url ?? creative?.path ?? null, notes,
    });
    return { ok: true, preview };
  }

  async launch(tenantId: string, campaignId: string, version: number): Promise<{ ok: boolean; message: string }> {
    const tenant = await this.d.tenants.get(tenantId);
    const c = await this.repo.get(tenantId, campaignId);
    if (!c) return { ok: false, message: "That campaign no longer exists." };
    if (c.approvedAt && c.version === version + 1 && (ACTIVE.has(c.status) || c.status === "completed")) {
      return { ok: true, message: `“${c.name}” is already approved (${c.status}).` };
    }
    if (c.version !== version || (c.status !== "draft" && c.status !== "awaiting_approval")) {
      return { ok: false, message: `“${c.name}” changed after that preview (it is ${c.status.replace("_", " ")} now), so nothing was scheduled. Ask me to launch it again to see the current version.` };
    }
    const now = this.now();
    const at = c.scheduledAt && c.scheduledAt > now ? c.scheduledAt : now;
    if (c.scheduledAt && c.scheduledAt.getTime() < now.getTime() - 10 * 60_000) {
      return { ok: false, message: `The time planned for “${c.name}” (${label(c.scheduledAt, tenant.timezone, tenant.locale)}) has passed, so nothing was scheduled. Tell me a new time.` };
    }
    const { audience } = await this.audienceOf(tenant, c.channel, stripPinned(c.audience), at, c.templateName !== null);
    if (audience.contactIds.length === 0) return { ok: false, message: `Nobody in “${c.name}”'s audience can be reached right now, so nothing was scheduled.` };
    if (!(await this.repo.pinAudience(tenantId, c.id, version, audience.contactIds))) {
      return { ok: false, message: `“${c.name}” changed while I was scheduling it, so nothing was scheduled. Ask me again.` };
    }
    const r = await this.d.campaigns().schedule(tenantId, c.id, { at, contactIds: audience.contactIds });
    if (!r.changed) return { ok: false, message: r.message };
    const whenText = at.getTime() <= now.getTime() + 1000 ? "starting now" : `scheduled for ${label(at, tenant.timezone, tenant.locale)}`;
    return { ok: true, message: `Approved — “${c.name}” is ${whenText}, to ${r.recipients} ${r.recipients === 1 ? "person" : "people"}. Say “pause”, “resume” or “cancel” any time.` };
  }

  async control(tenantId: string, ref: string, action: CampaignAction): Promise<{ ok: boolean; message: string }> {
    const tenant = await this.d.tenants.get(tenantId);
    const want = action === "pause" ? ["running", "scheduled"] : action === "resume" ? ["paused"] : ["running", "paused", "scheduled", "awaiting_approval", "draft"];
    const found = await resolveCampaign(this.repo, tenantId, ref, { timezone: tenant.timezone, prefer: (c) => want.includes(c.status) });
    if (!found.ok) return found;
    const c = found.campaign;
    const svc = this.d.campaigns();
    if (action === "pause" && c.status === "scheduled") {
      return { ok: false, message: `“${c.name}” hasn't started yet (scheduled for ${c.scheduledAt ? label(c.scheduledAt, tenant.timezone, tenant.locale) : "later"}). Cancel it, or tell me a new time.` };
    }
    const r = action === "pause" ? await svc.pause(tenantId, c.id) : action === "resume" ? await svc.resume(tenantId, c.id) : await svc.cancel(tenantId, c.id);
    return { ok: r.changed, message: `“${c.name}”: ${r.message}` };
  }

  async results(tenantId: string, ref: string): Promise<{ ok: boolean; message: string }> {
    const tenant = await this.d.tenants.get(tenantId);
    const found = await resolveCampaign(this.repo, tenantId, ref, { timezone: tenant.timezone, prefer: (c) => STARTED.has(c.status) });
    if (!found.ok) return found;
    const c = found.campaign;
    if (!c.startedAt && !STARTED.has(c.status)) {
      return { ok: true, message: `“${c.name}” hasn't started yet (${c.status.replace("_", " ")}${c.scheduledAt ? `, ${label(c.scheduledAt, tenant.timezone, tenant.locale)}` : ""}), so there are no results.` };
    }
    const r = await campaignResults(this.d.sql, this.d.campaigns(), tenantId, c);
    return { ok: true, message: formatResults({ name: c.name, status: c.status, when: c.scheduledAt ? label(c.scheduledAt, tenant.timezone, tenant.locale) : null, stats: r.stats, attribution: r.attribution, locale: tenant.locale }) };
  }

  // ── internals ──────────────────────────────────────────────────────────────────────

  private async templateOf(tenantId: string): Promise<{ template: WhatsAppTemplate | null; notes: string[] }> {
    const s = campaignSettingsFrom(await this.d.tenants.settings(tenantId));
    return { template: s.settings.whatsappTemplate ?? null, notes: s.problem ? [s.problem] : [] };
  }

  private async audienceOf(tenant: TenantRow, channel: CampaignChannel, segment: unknown, at: Date, template: boolean) {
    const parsed = segmentSchema.safeParse(segment);
    const seg = parsed.success ? parsed.data : {};
    const windowOpenSince = channel === "whatsapp" && !template ? new Date(at.getTime() - WINDOW_HOURS * 3600_000) : null;
    const audience = await resolveSegment(this.d.sql, tenant.id, channel, seg, { windowOpenSince, now: this.now() });
    const notes: string[] = [];
    if (audience.outsideWindow) notes.push("Without an approved WhatsApp marketing template I can only reach people who wrote in the 24 hours before the send. Add one in settings (campaigns.whatsappTemplate) to reach everyone.");
    return { audience, notes };
  }

  /** Audience, copy fitted to the channel, creative and cost for a decided plan. */
  private async build(tenant: TenantRow, x: Decided): Promise<Outcome<{ fields: DraftFields; notes: string[]; imageUrl: string | null; audience: Awaited<ReturnType<CampaignPlanner["audienceOf"]>>["audience"]; cost: ReturnType<typeof estimateCost> }>> {
    if (!x.offer) return { ok: false, message: "What is the offer? (e.g. “20% off facials”)" };
    const { template: tpl, notes } = x.channel === "whatsapp" ? await this.templateOf(tenant.id) : { template: null, notes: [] as string[] };
    const live = await this.audienceOf(tenant, x.channel, x.segment, x.at, tpl !== null);
    notes.push(...live.notes);
    const chosen = x.variants.find((v) => v.chosen) ?? x.variants[0]!;
    let body = chosen.text;
    let segments = 1;
    let templateParams: TemplateParams | null = null;
    if (x.channel === "sms") {
      const s = fitSms(chosen.text);
      body = s.body;
      segments = s.segments;
      if (s.trimmed) notes.push(`The text was shortened to fit ${segments} SMS segments with the opt-out line.`);
      else if (s.encoding === "UCS-2") notes.push(`Emoji or special characters make this ${segments} SMS segment${segments === 1 ? "" : "s"} per person.`);
    } else if (tpl) {
      const t = fitTemplate(tpl, { business: tenant.name, offer: x.offer, when: x.whenLabel, message: chosen.text, cta: "Reply to book" });
      // an image-header template carries the campaign's picture in its header (send.ts)
      templateParams = tpl.headerImage ? { body: t.params, headerImage: true } : t.params;
      body = chosen.text.replace(/[\t\r\n]+/g, " ");
      if (t.trimmed) notes.push("Some text was shortened to fit the WhatsApp template's limits.");
    }
    const cost = estimateCost(x.channel, live.audience.addresses, { template: tpl !== null, segments, locale: tenant.locale });
    let creativeId = x.creativeId;
    let imageUrl: string | null = null;
    if (x.picture && creativeId) {
      const existing = await this.d.creatives().get(tenant.id, creativeId);
      imageUrl = existing?.url ?? existing?.path ?? null;
      if (!existing) creativeId = null;
    }
    if (x.picture && !creativeId) {
      try {
        // no budget left for an AI image (or the ledger unreachable): the free branded card
        const reservation = this.d.imageSpend ? await this.d.imageSpend.reserve(tenant.id, tenant.timezone).catch(() => null) : undefined;
        const img = await this.d.creatives().create(tenant.id, {
          offer: x.offer.slice(0, 600), businessName: tenant.name.slice(0, 120), callToAction: "Reply to book",
          ...(x.whenLabel && x.whenLabel !== "now" ? { headline: dayOnly(x.whenLabel).slice(0, 160) } : {}),
          ...(reservation === null ? { provider: "local" as const } : {}),
        });
        if (reservation) await this.d.imageSpend!.record(tenant.id, reservation, img.cost);
        creativeId = img.id;
        imageUrl = img.url ?? img.path;
        if (img.fallback) notes.push(`The picture is our branded card (the AI image failed: ${img.fallback.reason}).`);
        if (!img.url) notes.push("The picture has no public address yet (PUBLIC_BASE_URL is not set), so it can't go out on WhatsApp.");
      } catch (err) {
        this.d.logger.warn({ tenantId: tenant.id, err }, "campaign creative failed");
        notes.push("I couldn't make the picture this time; the campaign will go out as text.");
        creativeId = null;
      }
    }
    if (!x.picture) creativeId = null;
    const s = campaignSettingsFrom(await this.d.tenants.settings(tenant.id)).settings;
    return {
      ok: true, notes, imageUrl, audience: live.audience, cost,
      fields: {
        name: x.name.slice(0, 120), goal: x.goal, offer: x.offer, channel: x.channel,
        audience: { ...x.segment, channel: x.channel, consent: "opted_in" }, body, variants: x.variants,
        templateName: tpl?.name ?? null, templateLanguage: tpl?.language ?? null, templateParams, creativeId,
        scheduledAt: x.now ? null : x.at, audienceSize: live.audience.contactIds.length, estimatedCostMinor: cost.minor, currency: cost.currency,
        attributionHours: s.attributionHours ?? DEFAULT_ATTRIBUTION_HOURS,
      },
    };
  }

  private preview(tenant: TenantRow, row: PlannedCampaign, b: { notes: string[]; imageUrl: string | null; audience: { contactIds: string[]; withoutConsent: number; outsideWindow: number }; cost: { minor: number; currency: string; label: string } }): CampaignPreview {
    return this.previewOf(tenant, row, b);
  }

  private previewOf(tenant: TenantRow, row: PlannedCampaign, b: { notes: string[]; imageUrl: string | null; audience: { contactIds: string[]; withoutConsent: number; outsideWindow: number }; cost: { minor: number; currency: string; label: string } }): CampaignPreview {
    const variants = (row.variants as VariantRow[]);
    const chosenAt = Math.max(0, variants.findIndex((v) => v.chosen));
    const seg = segmentSchema.safeParse(stripPinned(row.audience));
    const base: Omit<CampaignPreview, "text"> = {
      campaignId: row.id, name: row.name, version: row.version, status: row.status, channel: row.channel,
      when: row.scheduledAt ? label(row.scheduledAt, tenant.timezone, tenant.locale) : "now", scheduledAt: (row.scheduledAt ?? this.now()).toISOString(),
      audience: describeSegment(seg.success ? seg.data : {}), audienceSize: b.audience.contactIds.length,
      withoutConsent: b.audience.withoutConsent, outsideWindow: b.audience.outsideWindow,
      estimatedCost: b.cost.label, estimatedCostMinor: b.cost.minor, currency: b.cost.currency,
      copy: row.body, variants: variants.map((v, i) => ({ n: i + 1, text: v.text, source: v.tier })), chosenVariant: chosenAt + 1,
      imageUrl: b.imageUrl, notes: b.notes,
    };
    const channelLabel = row.channel === "sms" ? "SMS" : row.templateName ? `WhatsApp (template ${row.templateName})` : "WhatsApp";
    return { ...base, text: previewText(base, { channelLabel }) };
  }
}

/** The stored audience without the ids pinned at approval. */
function stripPinned(audience: unknown): Record<string, unknown> {
  const { contactIds: _ids, channel: _c, consent: _k, ...rest } = (audience ?? {}) as Record<string, unknown>;
  return rest;
}

function defaultName(offer: string, when: string | null): string {
  const day = when ? dayOnly(when).split(",")[0] : null;
  return `${offer.replace(/[.!\s]+$/, "").slice(0, 80)}${day ? ` — ${day}` : ""}`;
}

/** Stats (recipients follow their Messages first) and attribution of one campaign. */
export async function campaignResults(sql: Sql, service: CampaignService, tenantId: string, c: { id: string; attributionHours: number }) {
  const [stats, attr] = [await service.stats(tenantId, c.id), await attribution(sql, tenantId, c.id, c.attributionHours)];
  return { stats, attribution: attr };
}
