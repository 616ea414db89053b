// The pipeline baseline's agent: a fixed reply at once. Whatever the pipeline costs with
// it is the pipeline's own overhead (ingress, queues, database, locks, outbox, send).
import type { Agent, TurnResult } from "../agent/types.js";

const RESULT: TurnResult = { reply: "Thanks! We got your message.", tier: "local", model: "echo", usage: [], handoff: false, route: "echo" };

export const echoAgent: Agent = {
  runTurn: () => Promise.resolve(RESULT),
};
