// The local tier and the contact's memory: greets by the remembered name, turns "what do you
// remember about me?" / "forget me" into the memory tools, and passes their replies through.
import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { toolsFor } from "../../tools/registry.js";
import { MemoryKnowledgeStore } from "../../tools/testing/memory-knowledge.js";
import { defaultIntentClassifier } from "../intent/classifier.js";
import { forgetKind } from "../intent/memory.js";
import { LocalChatModel } from "./local.js";

const memory = { list: async () => [], remember: async () => 0, forget: async () => 0 };
const withMemory = new LocalChatModel({ minScore: 0.5 }).bindTools(toolsFor("lead", { knowledge: new MemoryKnowledgeStore(), minScore: 0.5, memory }));
const without = new LocalChatModel({ minScore: 0.5 }).bindTools(toolsFor("lead", { knowledge: new MemoryKnowledgeStore(), minScore: 0.5 }));
const opts = { businessName: "Glow Salon" };

describe("local tier and contact memory", () => {
  it("greets and thanks by the remembered name, and plainly without one", async () => {
    expect((await withMemory.invoke([new HumanMessage("hello")], { ...opts, contactName: "Priya" })).text).toBe(
      "Hi Priya! Welcome to Glow Salon. How can I help you today?",
    );
    expect((await withMemory.invoke([new HumanMessage("thanks a lot")], { ...opts, contactName: "Priya" })).text).toMatch(/^You're welcome, Priya!/);
    expect((await withMemory.invoke([new HumanMessage("hello")], opts)).text).toMatch(/^Hi! Welcome/);
  });

  it.each([
    ["what do you remember about me?", "my_memory", {}],
    ["What do you know about me", "my_memory", {}],
    ["forget me", "forget_my_memory", { kind: "all" }],
    ["delete my data", "forget_my_memory", { kind: "all" }],
    ["forget my name", "forget_my_memory", { kind: "name" }],
    ["please forget my preferences", "forget_my_memory", { kind: "preference" }],
  ])("%s → %s", async (text, name, args) => {
    const out = await withMemory.invoke([new HumanMessage(text)], opts);
    expect(out.tool_calls?.[0]).toMatchObject({ name, args });
  });

  it("without the memory tools those requests fall back to a search, not a fake answer", async () => {
    const out = await without.invoke([new HumanMessage("forget me")], opts);
    expect(out.tool_calls?.[0]?.name).toBe("knowledge_search");
  });

  it("passes the memory tools' replies through unchanged", async () => {
    const call = { id: "m1", name: "my_memory", args: {}, type: "tool_call" as const };
    const reply = "Here's what I remember about you:\n- Your name: Priya (you told me on WhatsApp)";
    const out = await withMemory.invoke(
      [new HumanMessage("what do you remember about me?"), new AIMessage({ content: "", tool_calls: [call] }), new ToolMessage({ content: reply, tool_call_id: "m1", name: "my_memory" })],
      opts,
    );
    expect(out.text).toBe(reply);
  });

  it("the classifier keeps memory requests apart from greetings and questions", () => {
    const c = defaultIntentClassifier();
    for (const t of ["do you still remember me?", "can you delete my details", "forget everything about me please"]) {
      expect(["memory_recall", "memory_forget"]).toContain(c.classify(t).intent);
    }
    for (const t of ["hi there", "how much is a facial?", "what are your opening hours"]) {
      expect(c.classify(t).intent).not.toMatch(/^memory_/);
    }
    expect(forgetKind("forget my name and my language")).toBe("all");
  });
});
