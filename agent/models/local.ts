// The local tier: an in-process, offline, free chat model. It is a real LangChain chat
// model (bindTools + tool calls), so the same model ⇄ tools loop runs for every tier.
// On a user message it answers small talk, asks for a human, or calls knowledge_search;
// when owner tools are bound it first checks for owner intents (teach, forget, list
// contacts). On tool results it replies from the returned entries only, and passes owner
// tools' own replies through unchanged.
import { randomUUID } from "node:crypto";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
  type BindToolsInput,
} from "@langchain/core/language_models/chat_models";
import { AIMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";
import { pendingHumanText } from "../history.js";
import { defaultIntentClassifier, type IntentClassifier } from "../intent/classifier.js";
import { forgetKind } from "../intent/memory.js";
import { ownerToolCall } from "../intent/owner.js";
import {
  FORGET_MY_MEMORY, KNOWLEDGE_SEARCH, MEMORY_TOOL_NAMES, MY_MEMORY, OWNER_TOOL_NAMES, REQUEST_HUMAN, parseSearchResult,
} from "../../tools/registry.js";
import { composeAnswer, dontKnow, handoffAck, smallTalk } from "./compose.js";

export const LOCAL_MODEL_NAME = "local-intent-nb-v1";

export interface LocalCallOptions extends BaseChatModelCallOptions {
  tools?: BindToolsInput[];
  /** Used in greetings and offers of a human. */
  businessName?: string;
  /** The name the contact gave us (memory): greetings use it. */
  contactName?: string | undefined;
}

export interface LocalModelParams extends BaseChatModelParams {
  /** Knowledge hits below this score are not used (see knowledge/README.md for score semantics). */
  minScore: number;
  /** Mention a second hit when it scores within this margin of the best (default 0.05). */
  closeMargin?: number;
  /** Act on an intent only at or above this confidence (default 0.7). */
  minIntentConfidence?: number;
  classifier?: IntentClassifier;
}

function toolName(t: BindToolsInput): string | undefined {
  const r = t as { name?: unknown; function?: { name?: unknown } };
  if (typeof r.name === "string") return r.name;
  return typeof r.function?.name === "string" ? r.function.name : undefined;
}

export class LocalChatModel extends BaseChatModel<LocalCallOptions> {
  readonly minScore: number;
  readonly closeMargin: number;
  readonly minIntentConfidence: number;
  private readonly classifier: IntentClassifier;

  constructor(params: LocalModelParams) {
    super(params);
    this.minScore = params.minScore;
    this.closeMargin = params.closeMargin ?? 0.05;
    this.minIntentConfidence = params.minIntentConfidence ?? 0.7;
    this.classifier = params.classifier ?? defaultIntentClassifier();
  }

  static override lc_name(): string {
    return "LocalChatModel";
  }

  override _llmType(): string {
    return "growai-local";
  }

  override bindTools(tools: BindToolsInput[], kwargs?: Partial<LocalCallOptions>) {
    return this.withConfig({ tools, ...kwargs } as Partial<LocalCallOptions>);
  }

  async _generate(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    _run?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    const tools = new Set((options.tools ?? []).map(toolName).filter((n): n is string => !!n));
    const message = this.respond(messages, tools, options.businessName, options.contactName);
    message.usage_metadata = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
    message.response_metadata = { ...message.response_metadata, model_name: LOCAL_MODEL_NAME };
    return { generations: [{ text: message.text, message }] };
  }

  private respond(messages: BaseMessage[], tools: Set<string>, businessName?: string, contactName?: string): AIMessage {
    const last = messages[messages.length - 1];
    if (ToolMessage.isInstance(last)) return this.afterTools(messages, businessName);
    const text = pendingHumanText(messages);
    if (!text) return new AIMessage({ content: "" });
    const { intent, confidence } = this.classifier.classify(text);
    const meta = { intent, confidence };
    const owner = [...tools].some((t) => OWNER_TOOL_NAMES.has(t)) ? ownerToolCall(text, this.minIntentConfidence) : null;
    if (owner && tools.has(owner.name)) return this.callTool(owner.name, owner.args, { ...meta, ownerIntent: owner.name });
    const sure = confidence >= this.minIntentConfidence;
    if (sure && (intent === "greeting" || intent === "thanks" || intent === "goodbye")) {
      return new AIMessage({ content: smallTalk(intent, businessName, contactName), response_metadata: meta });
    }
    if (sure && intent === "memory_recall" && tools.has(MY_MEMORY)) return this.callTool(MY_MEMORY, {}, meta);
    if (sure && intent === "memory_forget" && tools.has(FORGET_MY_MEMORY)) {
      return this.callTool(FORGET_MY_MEMORY, { kind: forgetKind(text) }, meta);
    }
    if (sure && intent === "human_request" && tools.has(REQUEST_HUMAN)) {
      return this.callTool(REQUEST_HUMAN, { reason: "The customer asked to talk to a person." }, meta);
    }
    if (tools.has(KNOWLEDGE_SEARCH)) return this.callTool(KNOWLEDGE_SEARCH, { query: text.slice(0, 500) }, meta);
    return new AIMessage({ content: dontKnow(businessName), response_metadata: meta });
  }

  private callTool(name: string, args: Record<string, unknown>, meta: Record<string, unknown>): AIMessage {
    const id = `local_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
    return new AIMessage({ content: "", tool_calls: [{ id, name, args, type: "tool_call" }], response_metadata: meta });
  }

  /** Reply to the tool results that follow the last assistant message. */
  private afterTools(messages: BaseMessage[], businessName?: string): AIMessage {
    const results: ToolMessage[] = [];
    for (let i = messages.length - 1; i >= 0 && ToolMessage.isInstance(messages[i]); i--) {
      results.unshift(messages[i] as ToolMessage);
    }
    const ok = results.filter((r) => r.status !== "error");
    if (ok.some((r) => r.name === REQUEST_HUMAN)) return new AIMessage({ content: handoffAck(businessName) });
    // owner tools and the contact's memory tools answer in sentences the person can read as is
    const ownerReplies = ok
      .filter((r) => OWNER_TOOL_NAMES.has(r.name ?? "") || MEMORY_TOOL_NAMES.has(r.name ?? ""))
      .map((r) => r.text.trim());
    if (ownerReplies.length > 0) return new AIMessage({ content: ownerReplies.join("\n\n") });
    const search = ok.map((r) => (r.name === KNOWLEDGE_SEARCH ? parseSearchResult(r.text) : null)).find((r) => r);
    if (search) {
      const composed = composeAnswer(search, { minScore: this.minScore, closeMargin: this.closeMargin, businessName });
      return new AIMessage({
        content: composed.text,
        response_metadata: { grounded: !composed.unknown, entryIds: composed.entryIds },
      });
    }
    return new AIMessage({
      content: `Sorry, I couldn't look that up just now. ${dontKnow(businessName).replace(/^I'm sorry, I don't have that information\. /, "")}`,
    });
  }
}
