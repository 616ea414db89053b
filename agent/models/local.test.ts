import { AIMessage, HumanMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { toolsFor } from "../../tools/registry.js";
import { MemoryKnowledgeStore } from "../../tools/testing/memory-knowledge.js";
import { LocalChatModel } from "./local.js";

const tools = toolsFor("lead", { knowledge: new MemoryKnowledgeStore(), minScore: 0.5 });
const model = new LocalChatModel({ minScore: 0.5, closeMargin: 0.1 });
const bound = model.bindTools(tools);
const opts = { businessName: "Glow Salon" };

function searchResult(query: string, hits: Array<{ title: string; text: string; score: number }>): BaseMessage[] {
  const call = { id: "call_1", name: "knowledge_search", args: { query }, type: "tool_call" as const };
  const content = JSON.stringify({ query, hits: hits.map((h, i) => ({ ...h, entryId: `e${i}` })) });
  return [
    new HumanMessage(query),
    new AIMessage({ content: "", tool_calls: [call] }),
    new ToolMessage({ content, tool_call_id: "call_1", name: "knowledge_search" }),
  ];
}

describe("LocalChatModel", () => {
  it("greets back without calling a tool", async () => {
    const out = await bound.invoke([new HumanMessage("hello!")], opts);
    expect(out.tool_calls ?? []).toHaveLength(0);
    expect(out.text).toContain("Welcome to Glow Salon");
    expect(out.usage_metadata).toMatchObject({ input_tokens: 0, output_tokens: 0 });
  });

  it("thanks and goodbyes are answered as such", async () => {
    expect((await bound.invoke([new HumanMessage("thanks a lot")], opts)).text).toMatch(/welcome/i);
    expect((await bound.invoke([new HumanMessage("ok bye")], opts)).text).toMatch(/great day/i);
  });

  it("turns a question into a knowledge_search call with the user's text", async () => {
    const out = await bound.invoke([new HumanMessage("hi, how much is a facial?")], opts);
    expect(out.text).toBe("");
    expect(out.tool_calls).toHaveLength(1);
    expect(out.tool_calls?.[0]).toMatchObject({ name: "knowledge_search", args: { query: "hi, how much is a facial?" } });
  });

  it("asks for a human through request_human when the user wants a person", async () => {
    const out = await bound.invoke([new HumanMessage("can I speak to the manager please")], opts);
    expect(out.tool_calls?.[0]?.name).toBe("request_human");
  });

  it("without tools it cannot look anything up and says so", async () => {
    const out = await model.invoke([new HumanMessage("how much is a facial?")], opts);
    expect(out.tool_calls ?? []).toHaveLength(0);
    expect(out.text).toMatch(/don't have that information/);
  });

  it("answers from the best hit only, quoting its fact", async () => {
    const msgs = searchResult("how much is a facial?", [
      { title: "Facial price", text: "A classic facial costs ₹1,200 and takes 60 minutes.", score: 0.9 },
      { title: "Parking", text: "Free parking behind the building.", score: 0.2 },
    ]);
    const out = await bound.invoke(msgs, opts);
    expect(out.tool_calls ?? []).toHaveLength(0);
    expect(out.text).toContain("₹1,200");
    expect(out.text).not.toMatch(/parking/i);
  });

  it("condenses a long entry to the sentences about the question", async () => {
    const text = [
      "Our salon was founded in 1998 by two sisters who trained in Mumbai and London.",
      "We renovated the whole place in 2021 with new chairs, new lights and a calm waiting area.",
      "A pedicure costs ₹700 and includes a foot massage.",
      "Our staff speak English, Hindi and Marathi, and we love meeting new customers every day.",
    ].join(" ");
    const out = await bound.invoke(searchResult("how much is a pedicure", [{ title: "About us", text, score: 0.8 }]), opts);
    expect(out.text).toContain("A pedicure costs ₹700");
    expect(out.text).not.toContain("1998");
  });

  it("mentions a close, relevant second entry", async () => {
    const out = await bound.invoke(
      searchResult("facial price", [
        { title: "Classic facial", text: "A classic facial costs ₹1,200.", score: 0.8 },
        { title: "Gold facial", text: "The gold facial costs ₹2,000.", score: 0.75 },
      ]),
      opts,
    );
    expect(out.text).toContain("₹1,200");
    expect(out.text).toContain("₹2,000");
  });

  it("says it doesn't know and offers a person when every hit is weak", async () => {
    const out = await bound.invoke(
      searchResult("do you sell cars?", [{ title: "Haircut price", text: "A haircut costs ₹400.", score: 0.2 }]),
      opts,
    );
    expect(out.text).toMatch(/don't have that information/);
    expect(out.text).toMatch(/connect you with someone from Glow Salon/);
    expect(out.text).not.toContain("₹400");
  });

  it("acknowledges a completed handoff", async () => {
    const call = { id: "c2", name: "request_human", args: {}, type: "tool_call" as const };
    const out = await bound.invoke(
      [
        new HumanMessage("human please"),
        new AIMessage({ content: "", tool_calls: [call] }),
        new ToolMessage({ content: '{"handoff":"requested"}', tool_call_id: "c2", name: "request_human" }),
      ],
      opts,
    );
    expect(out.text).toMatch(/passed your request to the Glow Salon team/);
  });
});
