// The local tier: an in-process, offline, free chat model. It is a real LangChain chat
// model (bindTools + tool calls), so the same model ⇄ tools loop runs for every tier.
// On a user message it answers small talk, asks for a human, or calls knowledge_search;
// when owner tools are bound it first checks for owner intents (teach, forget, list
// contacts). On tool results it replies from the returned entries only, and passes owner
// tools' own replies through unchanged. With the calendar tools bound, booking requests and
// answers go to the booking dialogue first (./booking/README.md).
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
import { pendingHumanText, pendingHumanTexts } from "../history.js";
import { defaultIntentClassifier, type IntentClassifier } from "../intent/classifier.js";
import type { Intent } from "../intent/data.js";
import { forgetKind } from "../intent/memory.js";
import { ownerToolCall } from "../intent/owner.js";
import {
  FORGET_MY_MEMORY, KNOWLEDGE_SEARCH, MEMORY_TOOL_NAMES, MY_MEMORY, OWNER_TOOL_NAMES, REQUEST_HUMAN, parseSearchResult,
} from "../../tools/registry.js";
import { composeAnswer, dontKnow, handoffAck, smallTalk } from "./compose.js";
import { bookingAfterTools, bookingTurn, type BookingContext } from "./booking/index.js";

export const LOCAL_MODEL_NAME = "local-intent-nb-v1";

export interface LocalCallOptions extends BaseChatModelCallOptions {
  tools?: BindToolsInput[];
  /** Used in greetings and offers of a human. */
  businessName?: string;
  /** The name the contact gave us (memory): greetings use it. */
  contactName?: string | undefined;
  /** The tenant's zone, locale and services for the booking dialogue (all optional; see booking/README.md). */
  booking?: BookingContext | undefined;
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

/** A tool's reply as the person reads it: the `message` of a JSON result (calendar, campaigns, payments), else the text. */
function readable(text: string): string {
  const t = text.trim();
  if (!t.startsWith("{")) return t;
  try {
    const v = JSON.parse(t) as { message?: unknown; error?: unknown };
    if (typeof v.message === "string" && v.message.trim()) return v.message.trim();
    if (typeof v.error === "string" && v.error.trim()) return v.error.trim();
  } catch {
    // not JSON after all: the text as it is
  }
  return t;
}

const SMALL_TALK: ReadonlySet<Intent> = new Set(["greeting", "thanks", "goodbye"]);

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
    const message = this.respond(messages, tools, options.businessName, options.contactName, options.booking);
    message.usage_metadata = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
    message.response_metadata = { ...message.response_metadata, model_name: LOCAL_MODEL_NAME };
    return { generations: [{ text: message.text, message }] };
  }

  private respond(messages: BaseMessage[], tools: Set<string>, businessName?: string, contactName?: string, booking?: BookingContext): AIMessage {
    const last = messages[messages.length - 1];
    if (ToolMessage.isInstance(last)) return bookingAfterTools({ messages, tools, ...(booking ? { ctx: booking } : {}) }) ?? this.afterTools(messages, businessName);
    const text = pendingHumanText(messages);
    if (!text) return new AIMessage({ content: "" });
    const { intent, confidence } = this.classifyBurst(messages, text);
    const meta = { intent, confidence };
    const owner = [...tools].some((t) => OWNER_TOOL_NAMES.has(t)) ? ownerToolCall(text, this.minIntentConfidence) : null;
    if (owner && tools.has(owner.name)) return this.callTool(owner.name, owner.args, { ...meta, ownerIntent: owner.name });
    const sure = confidence >= this.minIntentConfidence;
    // the booking dialogue (calendar tools bound): a booking request or an answer to its last question
    if (!(sure && intent === "human_request")) {
      const b = bookingTurn({ messages, tools, ...(booking ? { ctx: booking } : {}) });
      if (b) return this.tag(b, meta);
    }
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

  private tag(message: AIMessage, meta: Record<string, unknown>): AIMessage {
    message.response_metadata = { ...meta, ...message.response_metadata };
    return message;
  }

  /**
   * The intent of the pending burst: of its whole text, or — when that is not sure and the
   * burst has several messages ("Hi, I'm Ana" + "please forget my name") — of the one message
   * whose request is surest, small talk aside.
   */
  private classifyBurst(messages: BaseMessage[], text: string): { intent: Intent; confidence: number } {
    const whole = this.classifier.classify(text);
    if (whole.confidence >= this.minIntentConfidence) return whole;
    const burst = pendingHumanTexts(messages).map((t) => t.trim());
    if (burst.length < 2) return whole;
    let best = whole;
    for (const part of burst) {
      const r = this.classifier.classify(part);
      if (SMALL_TALK.has(r.intent)) continue;
      if (r.confidence >= this.minIntentConfidence && r.confidence > best.confidence) best = r;
    }
    return best;
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
      .map((r) => readable(r.text));
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
