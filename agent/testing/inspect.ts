// Reads a conversation's checkpointed messages (tests only): the exported builder compiled
// with the same checkpointer; getState runs no node.
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { defaultIntentClassifier } from "../intent/classifier.js";
import { buildAgentGraph } from "../graph.js";
import { LocalChatModel } from "../models/local.js";
import { TierSet } from "../models/tiers.js";

export async function storedMessages(checkpointer: BaseCheckpointSaver, conversationId: string): Promise<Array<{ type: string; text: string }>> {
  const graph = buildAgentGraph({
    tiers: new TierSet({ fast: [], smart: [] }, new LocalChatModel({ minScore: 0 })),
    tools: { lead: [], owner: [] },
    classifier: defaultIntentClassifier(),
    historyLimit: 20,
    keepMessages: 60,
    maxToolRounds: 3,
    llmTimeoutMs: 1000,
  }).compile({ checkpointer });
  const snap = await graph.getState({ configurable: { thread_id: conversationId } });
  const messages = (snap.values as { messages?: Array<{ getType(): string; text: string }> }).messages ?? [];
  return messages.map((m) => ({ type: m.getType(), text: m.text }));
}
