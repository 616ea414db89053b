import { AIMessage, HumanMessage, RemoveMessage, ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { approvalId } from "../tools/registry.js";
import { CANCELLED_BY_NEW_MESSAGE, ONE_APPROVAL, closeDangling, screenCalls } from "./executor.js";

const call = (id: string, name: string) => ({ id, name, args: {}, type: "tool_call" as const });

describe("screenCalls", () => {
  it("refuses calls outside the role's tools and every approval after the first", () => {
    const ai = new AIMessage({
      content: "",
      tool_calls: [call("1", "list_contacts"), call("2", "knowledge_search"), call("3", "forget_knowledge"), call("4", "forget_knowledge")],
    });
    const { refused, outside } = screenCalls(ai, new Set(["knowledge_search", "forget_knowledge"]));
    expect(outside).toEqual(["list_contacts"]);
    expect(refused.map((m) => [m.tool_call_id, m.status, m.text])).toEqual([
      ["1", "error", 'Tool "list_contacts" is not available in this conversation.'],
      ["4", "error", ONE_APPROVAL],
    ]);
  });
});

describe("closeDangling", () => {
  it("answers an unanswered tool call before the new messages and logs its approval as cancelled", () => {
    const h1 = new HumanMessage({ content: "forget parking", id: "h1" });
    const ai = new AIMessage({ content: "", id: "a1", tool_calls: [call("c1", "forget_knowledge")] });
    const h2 = new HumanMessage({ content: "actually, what time do you open?", id: "h2" });
    const out = closeDangling([h1, ai, h2], "conv", "t1", "2025-01-01T00:00:00Z");
    expect(out?.approvals).toEqual({ [approvalId("conv", "c1")]: { tenantId: "t1", status: "cancelled", at: "2025-01-01T00:00:00Z" } });
    const [remove, tool, human] = out!.messages;
    expect(RemoveMessage.isInstance(remove) && remove.id).toBe("h2");
    expect(ToolMessage.isInstance(tool) && [tool.tool_call_id, tool.text]).toEqual(["c1", CANCELLED_BY_NEW_MESSAGE]);
    expect(HumanMessage.isInstance(human) && human.text).toBe("actually, what time do you open?");
    expect(human?.id).not.toBe("h2");
  });

  it("leaves a valid history alone", () => {
    const answered = [new HumanMessage("hi"), new AIMessage("Hello!"), new HumanMessage("price?")];
    expect(closeDangling(answered, "conv", "t1", "now")).toBeNull();
  });
});
