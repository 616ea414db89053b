// Owners on Slack: an approval resumed by a Block Kit button, and a WhatsApp lead's handoff
// answered from the Slack notification's thread.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { FakeSlackApi } from "../fakes/slack.js";
import { eventually, SALON_KNOWLEDGE, type Harness } from "../support/harness.js";
import { blockActions, dmEvent, registerSlackWorkspace, slackClient, startSlackHarness, type SlackWorkspace } from "../support/slack.js";
import { textWebhook } from "../support/webhooks.js";

let h: Harness;
let slack: FakeSlackApi;
let client: ReturnType<typeof slackClient>;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ h, slack, client, close } = await startSlackHarness());
});
afterAll(async () => {
  await close?.();
});

const postsFor = (ws: SlackWorkspace) => slack.posts().filter((p) => p.headers.authorization === `Bearer ${ws.botToken}` && p.status === 200);
const buttonIds = (p: { args: Record<string, unknown> }) =>
  JSON.stringify(p.args.blocks ?? []).match(/approval:[A-Za-z0-9_]+:(approve|reject)/g) ?? [];

it("resumes an owner's paused action from the Approve button", async () => {
  const ws = await registerSlackWorkspace(h, slack, { knowledge: [...SALON_KNOWLEDGE, { title: "Parking", content: "Free parking behind the salon." }] });
  await client.event(dmEvent(ws, { text: "forget the parking entry" }));
  const ask = (await eventually(async () => (postsFor(ws).length ? postsFor(ws) : null)))[0]!;
  const approve = buttonIds(ask).find((id) => id.endsWith(":approve"));
  expect(approve).toBeTruthy();
  const titles = async () => (await h.admin("GET", `/tenants/${ws.tenantId}/knowledge`)).body.items.map((e: { title: string }) => e.title);
  expect(await titles()).toContain("Parking");
  const click = await client.action(blockActions(ws, { actionId: approve!, value: "Approve", messageTs: ask.ts! }));
  expect(click.status).toBe(200);
  await eventually(async () => postsFor(ws).length === 2);
  expect(String(postsFor(ws)[1]!.args.text)).toMatch(/deleted/i);
  expect(await titles()).not.toContain("Parking");
});

it("tells the Slack owner about a WhatsApp lead and relays the answer from the thread", async () => {
  const ws = await registerSlackWorkspace(h, slack, { knowledge: SALON_KNOWLEDGE });
  const tenant = await h.c.db.channelAccount.findFirstOrThrow({ where: { tenantId: ws.tenantId, channel: "whatsapp" } });
  const lead = "447700900860";
  const leadGot = () => h.graph.sends().filter((s) => s.phoneNumberId === tenant.externalId && (s.body as { to: string }).to === lead);
  await h.postWebhook(textWebhook({ phoneNumberId: tenant.externalId, from: lead, name: "Sam", text: "Can I speak to a person?" }));
  const notice = (await eventually(async () => (postsFor(ws).length ? postsFor(ws) : null)))[0]!;
  expect(String(notice.args.text)).toMatch(/Sam .* would like to talk to a person — #[A-Z2-9]{4}/);
  // the owner answers in the notification's thread
  await client.event(dmEvent(ws, { text: "Hi Sam, Priya here — how can I help?", threadTs: notice.ts!, channel: notice.channel! }));
  await eventually(async () => leadGot().length === 2);
  expect((leadGot()[1]!.body as { text: { body: string } }).text.body).toBe("Hi Sam, Priya here — how can I help?");
  // the lead's next message goes to that thread, not to the assistant
  await h.postWebhook(textWebhook({ phoneNumberId: tenant.externalId, from: lead, text: "Do you have a slot at 5?" }));
  await eventually(async () => postsFor(ws).length === 2);
  expect(postsFor(ws)[1]!.args.thread_ts).toBe(notice.ts);
  expect(String(postsFor(ws)[1]!.args.text)).toContain("slot at 5");
  // "done" in the thread hands it back
  await client.event(dmEvent(ws, { text: "done", threadTs: notice.ts!, channel: notice.channel! }));
  await eventually(async () => (await h.c.db.conversation.findFirstOrThrow({ where: { tenantId: ws.tenantId, key: lead } })).owner === "bot");
});
