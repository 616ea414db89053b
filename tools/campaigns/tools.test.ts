import { describe, expect, it } from "vitest";
import { MemoryKnowledgeStore } from "../testing/memory-knowledge.js";
import { APPROVAL_TOOL_NAMES, OWNER_TOOL_NAMES, toolsFor, type ToolDeps } from "../registry.js";
import { CAMPAIGN_TOOL_NAMES, campaignControlTool, planCampaignTool } from "./tools.js";
import type { CampaignTools, PlanInput } from "./types.js";

/** Records what the tools pass on; answers like the planner would for one campaign. */
function recorder() {
  const calls: Array<{ fn: string; tenantId: string; args: unknown }> = [];
  const preview = {
    campaignId: "0b8a4a8e-6d0e-4a53-9a56-6f5a2a4f5d11", name: "20% off facials — Friday", version: 1, status: "draft", channel: "whatsapp" as const,
    when: "Friday", scheduledAt: new Date(0).toISOString(), audience: "people who asked about facials", audienceSize: 2, withoutConsent: 1,
    outsideWindow: 0, estimatedCost: "≈ $0.11", estimatedCostMinor: 11, currency: "USD", copy: "Glow Studio: 20% off facials", variants: [],
    chosenVariant: 1, imageUrl: null, notes: [], text: "PREVIEW",
  };
  const tools: CampaignTools = {
    plan: async (tenantId, _o, input: PlanInput) => (calls.push({ fn: "plan", tenantId, args: input }), { ok: true, preview }),
    revise: async (tenantId, ref, changes) => (calls.push({ fn: "revise", tenantId, args: { ref, changes } }), { ok: true, preview }),
    prepareLaunch: async (tenantId, ref) => (calls.push({ fn: "prepareLaunch", tenantId, args: ref }), { ok: true, preview }),
    launch: async (tenantId, id, version) => (calls.push({ fn: "launch", tenantId, args: { id, version } }), { ok: true, message: "ok" }),
    control: async (tenantId, ref, action) => (calls.push({ fn: "control", tenantId, args: { ref, action } }), { ok: true, message: `${action}d` }),
    results: async (tenantId, ref) => (calls.push({ fn: "results", tenantId, args: ref }), { ok: true, message: "figures" }),
  };
  return { tools, calls };
}

const knowledge = new MemoryKnowledgeStore();
const run = (role: "lead" | "owner", tenantId = "t-1") => ({ configurable: { tenantId, role, conversationId: "conv-1" } });

describe("campaign tools", () => {
  it("are owners' only, offered only when wired, and launch_campaign waits for approval", () => {
    const { tools } = recorder();
    const deps: ToolDeps = { knowledge, minScore: 0.5, campaigns: tools };
    const owner = toolsFor("owner", deps).map((t) => t.name);
    const lead = toolsFor("lead", deps).map((t) => t.name);
    for (const name of CAMPAIGN_TOOL_NAMES) {
      expect(owner).toContain(name);
      expect(lead).not.toContain(name);
      expect(OWNER_TOOL_NAMES.has(name)).toBe(true);
    }
    expect(toolsFor("owner", { knowledge, minScore: 0.5 }).map((t) => t.name).filter((n) => CAMPAIGN_TOOL_NAMES.has(n))).toEqual([]);
    expect(APPROVAL_TOOL_NAMES.has("launch_campaign")).toBe(true);
    expect(APPROVAL_TOOL_NAMES.has("plan_campaign")).toBe(false);
  });

  it("refuse a lead's run context before touching anything", async () => {
    const { tools, calls } = recorder();
    await expect(planCampaignTool(tools).invoke({ offer: "20% off" }, run("lead"))).rejects.toThrow(/not available/);
    await expect(campaignControlTool(tools).invoke({ campaign: "latest", action: "cancel" }, run("lead"))).rejects.toThrow(/not available/);
    expect(calls).toEqual([]);
  });

  it("take the tenant from the run context, never from the arguments, and fill defaults", async () => {
    const { tools, calls } = recorder();
    const out = await planCampaignTool(tools).invoke(
      { offer: "20% off facials", audience: { interests: ["facials"] }, when: "Friday", tenantId: "t-evil" } as never, run("owner", "t-1"),
    );
    expect(JSON.parse(String(out))).toMatchObject({ campaign_id: expect.any(String), version: 1, preview: "PREVIEW" });
    expect(calls[0]).toMatchObject({ fn: "plan", tenantId: "t-1", args: { offer: "20% off facials", channel: "whatsapp", picture: false, audience: { interests: ["facials"] } } });
    await campaignControlTool(tools).invoke({ action: "pause" }, run("owner", "t-1"));
    expect(calls[1]).toMatchObject({ fn: "control", tenantId: "t-1", args: { ref: "latest", action: "pause" } });
  });
});
