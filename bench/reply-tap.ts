// When each reply reached the fake Graph API. The fake records requests in its `requests`
// array without times; the tap stamps every message send as the fake stores it (after
// reading the body, before answering) and hands it on. test/fakes stays as it is.
import type { CapturedRequest, FakeGraphApi } from "../test/fakes/graph-api.js";

export type ReplyListener = (to: string, at: number, req: CapturedRequest) => void;

/** `to` without a leading "+", as WhatsApp wa_ids are written in webhooks. */
export const normalizeAddress = (a: string) => a.replace(/^\+/, "");

export function tapReplies(graph: FakeGraphApi, listener: ReplyListener): void {
  const requests = graph.requests;
  const push = Array.prototype.push;
  Object.defineProperty(requests, "push", {
    configurable: true,
    value(...items: CapturedRequest[]): number {
      const at = performance.now();
      const n = push.apply(requests, items);
      for (const r of items) {
        const body = r.body as { to?: unknown; type?: unknown } | undefined;
        if (r.method === "POST" && typeof body?.to === "string" && typeof body.type === "string") listener(normalizeAddress(body.to), at, r);
      }
      return n;
    },
  });
}
