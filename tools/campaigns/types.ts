// What the campaign tools need; the api layer implements it (api/campaigns/plan: the
// planner over the sending engine, the creatives and the results). Every call takes the
// tenant first (from the run context, never from the model).
export type CampaignChannel = "whatsapp" | "sms";
export type CampaignAction = "pause" | "resume" | "cancel";

export interface AudienceInput {
  tags?: string[] | undefined;
  interests?: string[] | undefined;
  lastInteractionDays?: number | undefined;
  booked?: boolean | undefined;
}

export interface PlanInput {
  name?: string | undefined;
  goal?: string | undefined;
  offer: string;
  audience: AudienceInput;
  channel: CampaignChannel;
  /** Natural words ("Friday", "tomorrow 6pm", "now"), read in the tenant's timezone. */
  when?: string | undefined;
  /** 2–3 variants the model wrote; absent → deterministic templates. */
  variants?: string[] | undefined;
  picture: boolean;
}

export interface ReviseInput extends Partial<PlanInput> {
  /** 1-based: use another of the variants already shown. */
  useVariant?: number | undefined;
}

export interface CampaignPreview {
  campaignId: string;
  name: string;
  version: number;
  status: string;
  channel: CampaignChannel;
  when: string;
  scheduledAt: string;
  audience: string;
  audienceSize: number;
  withoutConsent: number;
  outsideWindow: number;
  estimatedCost: string;
  estimatedCostMinor: number;
  currency: string;
  copy: string;
  variants: Array<{ n: number; text: string; source: "llm" | "template" }>;
  chosenVariant: number;
  imageUrl: string | null;
  notes: string[];
  /** The preview as the owner reads it (also the approval summary). */
  text: string;
}

export type Outcome<T> = ({ ok: true } & T) | { ok: false; message: string };

export interface CampaignTools {
  plan(tenantId: string, owner: { conversationId: string }, input: PlanInput): Promise<Outcome<{ preview: CampaignPreview }>>;
  revise(tenantId: string, ref: string, changes: ReviseInput): Promise<Outcome<{ preview: CampaignPreview }>>;
  /** Read-only (bar draft → awaiting_approval): the preview to approve, and the version it names. */
  prepareLaunch(tenantId: string, ref: string): Promise<Outcome<{ preview: CampaignPreview }>>;
  /** After the owner's Approve: schedules exactly the version shown. Idempotent. */
  launch(tenantId: string, campaignId: string, version: number): Promise<{ ok: boolean; message: string }>;
  control(tenantId: string, ref: string, action: CampaignAction): Promise<{ ok: boolean; message: string }>;
  results(tenantId: string, ref: string): Promise<{ ok: boolean; message: string }>;
}
