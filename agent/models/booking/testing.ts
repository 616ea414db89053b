// Test helper: a conversation with the local tier and the calendar tools bound, driven
// turn by turn without the graph. Each turn loops model → tools (at most `maxToolRounds`
// rounds with tools bound, as agent/graph.ts does) until the model replies; tool calls run
// through the real LangChain tools (contract schemas, run context in `configurable`).
import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { modelWindow } from "../../history.js";
import { toolConfigurable, type ToolContext } from "../../../tools/context.js";
import type { LocalChatModel, LocalCallOptions } from "../local.js";

export interface TalkOptions {
  model: LocalChatModel;
  tools: StructuredToolInterface[];
  ctx: ToolContext;
  callOptions?: Partial<LocalCallOptions>;
  maxToolRounds?: number;
  historyLimit?: number;
}

export class Talk {
  messages: BaseMessage[] = [];
  /** Every tool call made, in order. */
  readonly calls: Array<{ name: string; args: Record<string, unknown> }> = [];

  constructor(private readonly o: TalkOptions) {}

  /** One customer message → the turn's final reply. */
  async say(text: string): Promise<AIMessage> {
    this.messages.push(new HumanMessage(text));
    const rounds = this.o.maxToolRounds ?? 3;
    for (let i = 0; ; i++) {
      const window = modelWindow(this.messages, this.o.historyLimit ?? 20);
      const model = i < rounds ? this.o.model.bindTools(this.o.tools) : this.o.model;
      const out = (await model.invoke(window, this.o.callOptions ?? {})) as AIMessage;
      this.messages.push(out);
      if (!out.tool_calls?.length || i >= rounds) return out;
      for (const c of out.tool_calls) {
        this.calls.push({ name: c.name, args: c.args });
        const t = this.o.tools.find((x) => x.name === c.name);
        if (!t) {
          this.messages.push(new ToolMessage({ tool_call_id: c.id ?? "", name: c.name, status: "error", content: `Tool "${c.name}" is not available in this conversation.` }));
          continue;
        }
        const res = (await t.invoke({ ...c, type: "tool_call" }, { configurable: toolConfigurable(this.o.ctx) })) as ToolMessage;
        this.messages.push(res);
      }
    }
  }
}
