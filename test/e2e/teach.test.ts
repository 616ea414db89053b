// Owners teach facts in chat: stored at once, used in the next answer, and a newer fact
// wins over an older one on the same subject — on the local tier, through the whole path.
import { afterAll, beforeAll, expect, it } from "vitest";
import { eventually, SALON_KNOWLEDGE, startHarness, type Harness } from "../support/harness.js";
import { textWebhook } from "../support/webhooks.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const textOf = (s: { body: unknown }) => (s.body as { text?: { body: string } }).text?.body ?? "";

it("answers from the newest fact the owner taught, the next turn after teaching it", async () => {
  const t = await h.createTenant({ knowledge: SALON_KNOWLEDGE });
  const owner = `4477009${Math.floor(Math.random() * 90000 + 10000)}`;
  const lead = `4477008${Math.floor(Math.random() * 90000 + 10000)}`;
  await h.admin("POST", `/tenants/${t.tenantId}/owners`, { channel: "whatsapp", address: owner });
  const to = (who: string) => h.graph.sends().filter((s) => s.phoneNumberId === t.phoneNumberId && (s.body as { to: string }).to === who);
  const say = async (from: string, text: string) => {
    const before = to(from).length;
    await h.postWebhook(textWebhook({ phoneNumberId: t.phoneNumberId, from, text }));
    await eventually(async () => to(from).length > before);
    return textOf(to(from).at(-1)!);
  };

  expect(await say(lead, "are you open on mondays?")).toMatch(/closed on Sundays and Mondays/);

  const saved = await say(owner, "remember that from December we're open on Mondays, 10am to 4pm");
  expect(saved).toContain("Saved — I'll remember: “From December we're open on Mondays, 10am to 4pm.”");
  expect(saved).toMatch(/Opening hours.*newer note/);
  const first = await say(lead, "are you open on mondays?");
  expect(first).toContain("From December we're open on Mondays, 10am to 4pm.");
  expect(first).not.toMatch(/closed on Sundays and Mondays/);

  await say(owner, "note that from December we're open on Mondays 11am to 3pm");
  const second = await say(lead, "are you open on mondays?");
  expect(second).toContain("11am to 3pm");
  expect(second).not.toContain("10am to 4pm");

  // saying the earlier hours again makes them the newest word
  await say(owner, "remember that from December we're open on Mondays, 10am to 4pm");
  const third = await say(lead, "are you open on mondays?");
  expect(third).toContain("10am to 4pm");
  expect(third).not.toContain("11am to 3pm");

  // an unrelated question still gets the seeded answer
  expect(await say(lead, "where is the salon located?")).toContain("12 Harbour Street");
});
