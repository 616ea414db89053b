// What the voice module needs, built once by createVoice (api/voice/index.ts).
import type { Logger } from "../../core/logger.js";
import type { CallRepo } from "../../core/repos/calls.js";
import type { ContactRepo } from "../../core/repos/contacts.js";
import type { MessageRepo } from "../../core/repos/messages.js";
import type { TenantRepo } from "../../core/repos/tenants.js";
import type { ContactMemoryService } from "../../knowledge/memory/service.js";
import type { Queues } from "../pipeline/queues.js";
import type { VoiceAccounts } from "./accounts.js";
import type { CallState } from "./state.js";
import type { VoiceTurns } from "./turn.js";

export interface VoiceSettings {
  /** How long a webhook waits for the agent before the holding line (each of two budgets). */
  budgetMs: number;
  /** PUBLIC_BASE_URL: what Twilio calls and signs; without it, the request's own origin. */
  publicBaseUrl?: string | undefined;
}

export interface VoiceDeps {
  tenants: TenantRepo;
  contacts: ContactRepo;
  messages: MessageRepo;
  queues: Queues;
  calls: CallRepo;
  accounts: VoiceAccounts;
  state: CallState;
  turns: VoiceTurns;
  logger: Logger;
  settings: VoiceSettings;
  /** Per-contact memory: learning after every turn; greeting by name and recall only on calls with a verified caller ID. */
  memory?: ContactMemoryService;
}
