// The campaign planner (owners' chat tools) and what the admin API reads.
export { CampaignPlanner, campaignResults, type PlannerDeps } from "./planner.js";
export { PlanRepo, type PlannedCampaign } from "./repo.js";
export { campaignSettingsSchema, whatsappTemplateSchema, type WhatsAppTemplate } from "./settings.js";
