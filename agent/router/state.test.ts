import { AIMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { conversationState, stateFeatures } from "./state.js";

const slots = new ToolMessage({
  tool_call_id: "c1", name: "check_availability",
  content: JSON.stringify({ tool: "check_availability", ok: true, service: "Blow dry", window: "tomorrow", slots: [] }),
});
const call = (name: string) => new AIMessage({ content: "", tool_calls: [{ id: "c1", name, args: {}, type: "tool_call" }] });
const nlu = { timezone: "Europe/London", locale: "en-GB", currency: "GBP", now: new Date("2026-11-24T12:00:00Z") };

describe("conversationState", () => {
  it("is mid_booking after a calendar step that ended with a question", () => {
    const h = [new HumanMessage("can I get a blow dry this week"), call("check_availability"), slots, new AIMessage("I have tomorrow at 11am or 5pm. Which suits you?"), new HumanMessage("5 works")];
    expect(conversationState(h)).toBe("mid_booking");
  });
  it("is idle when that step ended without a question, or had no calendar tool", () => {
    expect(conversationState([new HumanMessage("book it"), call("book_appointment"), slots, new AIMessage("You're booked for 5pm."), new HumanMessage("thanks")])).toBe("idle");
    expect(conversationState([new HumanMessage("price?"), call("knowledge_search"), new ToolMessage({ tool_call_id: "c1", name: "knowledge_search", content: "{}" }), new AIMessage("£30. Anything else?"), new HumanMessage("no")])).toBe("idle");
    expect(conversationState([new HumanMessage("hi")])).toBe("idle");
  });
  it("reads the local booking dialogue's own marker, until it is done", () => {
    const m = (stage: string) => new AIMessage({ content: "Shall I book it?", response_metadata: { booking: { stage } } });
    expect(conversationState([new HumanMessage("x"), m("confirm"), new HumanMessage("yes")])).toBe("mid_booking");
    expect(conversationState([new HumanMessage("x"), m("none"), new HumanMessage("ok")])).toBe("idle");
  });
  it("is awaiting_approval while an approval-gated call is open", () => {
    expect(conversationState([new HumanMessage("forget parking"), call("forget_knowledge"), new HumanMessage("yes delete it")])).toBe("awaiting_approval");
  });
});

describe("stateFeatures", () => {
  it("reads slot answers, yes/no, and questions back", () => {
    expect(stateFeatures("tomorrow at 5pm works", "mid_booking", nlu)).toMatchObject({ slotAnswer: true, asksBack: false });
    expect(stateFeatures("the second one", "mid_booking", nlu)).toMatchObject({ slotAnswer: true });
    expect(stateFeatures("yes please", "mid_booking", nlu)).toMatchObject({ slotAnswer: true, yesno: "yes" });
    expect(stateFeatures("what's the difference?", "mid_booking", nlu)).toMatchObject({ slotAnswer: false, asksBack: true });
    expect(stateFeatures("Sarah Jones", "mid_booking", nlu)).toMatchObject({ slotAnswer: false, asksBack: false });
  });
  it("a qualified yes or an unresolved pointer back is not a plain answer", () => {
    expect(stateFeatures("yes but make it 6pm instead", "mid_booking", nlu)).toMatchObject({ slotAnswer: false, qualified: true });
    expect(stateFeatures("the one before lunch", "mid_booking", nlu)).toMatchObject({ slotAnswer: false, qualified: true });
    expect(stateFeatures("the second one", "mid_booking", nlu)).toMatchObject({ slotAnswer: true });
    expect(stateFeatures("that one at 5pm", "mid_booking", nlu)).toMatchObject({ slotAnswer: true });
  });
  it("computes nothing when idle", () => {
    expect(stateFeatures("tomorrow at 5pm", "idle", nlu)).toEqual({ state: "idle", slotAnswer: false, asksBack: false });
  });
});
