// Owners share files with the app in a Slack DM: downloaded with the bot token from Slack's
// file host only (never from a URL pointing elsewhere), ingested, and answered in the
// file's thread; the owner can ask how it went, in Slack too.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { FakeSlackApi } from "../fakes/slack.js";
import { eventually, type Harness } from "../support/harness.js";
import { ingestFixture } from "../support/ingest.js";
import { dmEvent, newTs, registerSlackWorkspace, slackClient, startSlackHarness, type SlackWorkspace } from "../support/slack.js";

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

const postsFor = (ws: SlackWorkspace) => slack.posts().filter((p) => p.headers.authorization === `Bearer ${ws.botToken}`);
const texts = (ws: SlackWorkspace) => postsFor(ws).map((p) => String(p.args.text));

function fileShare(ws: SlackWorkspace, file: { id: string; name: string; mimetype: string; size: number; url_private_download: string }, text = "") {
  const ts = newTs();
  const e = dmEvent(ws, { text, ts });
  return { ts, body: { ...e, event: { ...e.event, subtype: "file_share", files: [{ ...file, title: file.name, filetype: file.name.split(".").pop() }], upload: false } } };
}

it("ingests a PDF shared in a DM, answering in its thread, and reports status on request", async () => {
  const ws = await registerSlackWorkspace(h, slack);
  const file = slack.addFile({ bytes: ingestFixture("price-list.pdf"), name: "price-list.pdf", mimetype: "application/pdf" });
  const { ts, body } = fileShare(ws, { ...file, name: "price-list.pdf", mimetype: "application/pdf" }, "please add this");
  expect((await client.event(body)).status).toBe(200);
  await eventually(async () => texts(ws).length >= 2, 15_000);
  expect(texts(ws)[0]).toBe("Got it — adding price-list.pdf; I'll tell you when it's done.");
  expect(texts(ws)[1]).toMatch(/price-list\.pdf is added to what I know: 5 entries/);
  expect(postsFor(ws).map((p) => p.args.thread_ts)).toEqual([ts, ts]);

  await client.event(dmEvent(ws, { text: "how's the upload going?" }));
  await eventually(async () => texts(ws).length >= 3);
  expect(texts(ws)[2]).toMatch(/price-list\.pdf — done/);
  const doc = (await h.admin("GET", `/tenants/${ws.tenantId}/knowledge/documents`)).body.items[0];
  expect(doc).toMatchObject({ name: "price-list.pdf", kind: "pdf", source: "slack", status: "done", entries: 5 });
});

it("never fetches a file URL outside Slack's file host, and reports a sign-in page instead of ingesting it", async () => {
  const ws = await registerSlackWorkspace(h, slack);
  const evil = fileShare(ws, { id: "F0EVIL0001", name: "faq.csv", mimetype: "text/csv", size: 100, url_private_download: "http://169.254.169.254/latest/meta-data/faq.csv" });
  await client.event(evil.body);
  await eventually(async () => texts(ws).length >= 1);
  expect(texts(ws)[0]).toMatch(/couldn't download faq\.csv from Slack \(refusing to download from http:\/\/169\.254\.169\.254\)/);

  // a file the bot's token may not read: Slack answers its HTML sign-in page with a 200
  const file = slack.addFile({ bytes: ingestFixture("faq.csv"), name: "faq.csv", mimetype: "text/csv" });
  const locked = fileShare(ws, { ...file, name: "faq.csv", mimetype: "text/csv", url_private_download: file.url_private_download.replace(/F[A-Z0-9]+\/download/, "F0NOPE0001/download") });
  await client.event(locked.body);
  await eventually(async () => texts(ws).length >= 2);
  expect(texts(ws)[1]).toMatch(/couldn't download faq\.csv from Slack.*files:read/);
  expect((await h.admin("GET", `/tenants/${ws.tenantId}/knowledge/documents`)).body.items).toEqual([]);
});
