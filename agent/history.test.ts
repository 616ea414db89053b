import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { modelWindow, pendingHumanText, trimStored } from "./history.js";

function convo(turns: number): BaseMessage[] {
  const out: BaseMessage[] = [];
  for (let i = 0; i < turns; i++) {
    out.push(new HumanMessage({ id: `h${i}`, content: `q${i}` }));
    out.push(new AIMessage({ id: `a${i}`, content: "", tool_calls: [{ id: `c${i}`, name: "knowledge_search", args: {}, type: "tool_call" }] }));
    out.push(new ToolMessage({ id: `t${i}`, content: "{}", tool_call_id: `c${i}` }));
    out.push(new AIMessage({ id: `r${i}`, content: `answer ${i}` }));
  }
  return out;
}

describe("history", () => {
  it("a model window holds at most N messages and starts at a user message", () => {
    const msgs = convo(10);
    const w = modelWindow(msgs, 20);
    expect(w.length).toBeLessThanOrEqual(20);
    expect(w[0]).toBeInstanceOf(HumanMessage);
    expect(w.at(-1)?.id).toBe("r9");
    const odd = modelWindow(msgs, 18); // would start at a tool message: moves on to the next user message
    expect(odd[0]?.id).toBe("h6");
  });

  it("short histories are sent whole", () => {
    expect(modelWindow(convo(2), 20)).toHaveLength(8);
  });

  it("stored history is trimmed at a turn boundary", () => {
    const removals = trimStored(convo(10), 10);
    expect(removals.map((r) => r.id)).toEqual(convo(8).map((m) => m.id));
    expect(trimStored(convo(2), 10)).toEqual([]);
  });

  it("pending text is the burst of user messages after the last reply", () => {
    const msgs = [...convo(1), new HumanMessage("hi"), new HumanMessage("how much is a facial?")];
    expect(pendingHumanText(msgs)).toBe("hi\nhow much is a facial?");
    expect(pendingHumanText(convo(1))).toBe("");
  });
});
