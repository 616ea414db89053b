// Contact memory around a turn (chat and voice): recall before the agent runs, learn from
// the turn's inbound messages after it is committed. Neither may fail or block the turn:
// errors are logged (ids only, never the text) and the turn goes on without memory.
import type { RememberedFact } from "../../agent/types.js";
import type { Logger } from "../../core/logger.js";
import type { ContactMemoryService, LearnInput } from "../../knowledge/memory/service.js";

export async function recallMemory(
  memory: ContactMemoryService | undefined, tenantId: string, contactId: string, log: Logger,
): Promise<RememberedFact[] | undefined> {
  if (!memory) return undefined;
  try {
    return await memory.recall(tenantId, contactId);
  } catch (err) {
    log.warn({ err, tenantId, contactId }, "contact memory could not be loaded; the turn runs without it");
    return undefined;
  }
}

export async function learnFromTurn(memory: ContactMemoryService | undefined, input: LearnInput, log: Logger): Promise<void> {
  if (!memory) return;
  try {
    const written = await memory.learn(input);
    if (written) log.debug({ tenantId: input.tenantId, contactId: input.contactId, facts: written }, "contact memory updated");
  } catch (err) {
    log.warn({ err, tenantId: input.tenantId, contactId: input.contactId }, "contact memory extraction failed; the turn is unaffected");
  }
}
