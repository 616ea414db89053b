import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ParseError } from "../../core/errors.js";
import type { InboundEvent, InboundMessage, StatusUpdate } from "../types.js";
import { parseWebhook, parseWebhookBatch, type RejectedItem } from "./parse.js";

const load = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../test/fixtures/whatsapp/${name}`, import.meta.url), "utf8"));
const PN = "109876543210987";
const PRIYA = "919812345678";
const wamid = (tag: string) => `wamid.HBgMOTE5ODEyMzQ1Njc4FQIAEhgg${tag}`;
const at = (seconds: number) => new Date(seconds * 1000);

function onlyMessage(name: string): InboundMessage {
  const batch = parseWebhookBatch(load(name));
  expect(batch.rejected).toEqual([]);
  expect(batch.events).toHaveLength(1);
  const [event] = batch.events as [InboundEvent];
  if (event.type !== "message") throw new Error(`expected a message in ${name}`);
  return event.message;
}

function onlyStatus(name: string): StatusUpdate {
  const events = parseWebhook(load(name));
  expect(events).toHaveLength(1);
  const [event] = events as [InboundEvent];
  if (event.type !== "status") throw new Error(`expected a status in ${name}`);
  return event.status;
}

describe("parseWebhook: message kinds", () => {
  it("text, with sender name, receiver and unix-seconds timestamp", () => {
    expect(onlyMessage("webhook-text.json")).toEqual({
      channel: "whatsapp",
      receiver: PN,
      providerMessageId: wamid("TEXT0001A"),
      from: PRIYA,
      fromName: "Priya Sharma",
      timestamp: at(1767225600),
      content: { kind: "text", text: "Hi! Do you have a haircut slot tomorrow after 5?" },
    });
  });

  it("the real captured Meta webhook (pywa, signed raw body)", () => {
    expect(onlyMessage("webhook-text-signed.raw.json")).toEqual({
      channel: "whatsapp",
      receiver: "277321005464405",
      providerMessageId: "wamid.HBgMOTcyNTQ0NDAxMjQzFQIAEhggM0RFQTNCMEEwRTY3QzUwODYzMDc4NjQ4QzM4ODAxM0YA",
      from: "972544401243",
      fromName: "PyWa Tests",
      timestamp: at(1730231903),
      content: { kind: "text", text: "Hey there! I am using PyWa." },
    });
  });

  it("interactive button_reply, with the context of the message it answers", () => {
    const m = onlyMessage("webhook-interactive-button-reply.json");
    expect(m.content).toEqual({ kind: "interactive", replyType: "button", id: "book:slot:2026-01-02T17:30", title: "Book 5:30 pm" });
    expect(m.contextMessageId).toBe(wamid("OUTBOUND0001A"));
    expect(m.timestamp).toEqual(at(1767225660));
  });

  it("interactive list_reply keeps the description", () => {
    const m = onlyMessage("webhook-interactive-list-reply.json");
    expect(m.content).toEqual({ kind: "interactive", replyType: "list", id: "svc_facial", title: "Facial", description: "45 min, Rs 1200" });
    expect(m.providerMessageId).toBe(wamid("LISTREPLY1"));
  });

  it("template quick-reply (type button) → button reply with the payload as id", () => {
    const m = onlyMessage("webhook-template-button.json");
    expect(m.content).toEqual({ kind: "interactive", replyType: "button", id: "diwali-offer:yes", title: "Yes, book me" });
    expect(m.contextMessageId).toBe(wamid("OUTBOUND0001A"));
  });

  it.each([
    ["webhook-image.json", { mediaType: "image", mediaId: "1029384756473829", mimeType: "image/jpeg", sha256: "n4Xkq1mB0pVt9gYc2WlQe7uR5sZo3aJdHfKx8yTbC6E=", caption: "Can you do this style?" }],
    ["webhook-audio.json", { mediaType: "audio", mediaId: "2039485761029384", mimeType: "audio/ogg; codecs=opus", sha256: "Qm9vay1tZS1pbi1mb3ItdGhyZWUtcG0tcGxlYXNlIQ==" }],
    ["webhook-video.json", { mediaType: "video", mediaId: "3049586712039485", mimeType: "video/mp4", sha256: "dmlkZW8tb2YtdGhlLXNhbG9uLWVudHJhbmNlLTIwMjY=", caption: "The salon entrance" }],
    ["webhook-document.json", { mediaType: "document", mediaId: "4059687723049586", mimeType: "application/pdf", sha256: "aW5zdXJhbmNlLWNhcmQtcGRmLXNoYTI1Ni12YWx1ZQ==", caption: "My insurance card", filename: "insurance-card.pdf" }],
    ["webhook-sticker.json", { mediaType: "sticker", mediaId: "5069788734059687", mimeType: "image/webp", sha256: "c3RpY2tlci10aHVtYnMtdXAtYW5pbWF0ZWQ=" }],
  ])("media %s → reference with id, mime type, sha256, caption, filename", (file, expected) => {
    expect(onlyMessage(file).content).toEqual({ kind: "media", ...expected });
  });

  it("location with name, address and url", () => {
    expect(onlyMessage("webhook-location.json").content).toEqual({
      kind: "location",
      latitude: 12.975526,
      longitude: 77.606664,
      name: "Glow Salon MG Road",
      address: "12 MG Road, Bengaluru 560001",
      url: "https://maps.example.com/?q=12.975526,77.606664",
    });
  });

  it("reaction → emoji and the message reacted to", () => {
    expect(onlyMessage("webhook-reaction.json").content).toEqual({ kind: "reaction", emoji: "👍", messageId: wamid("OUTBOUND0001A") });
  });

  it.each([
    ["webhook-unsupported-order.json", "order"],
    ["webhook-unsupported-system.json", "system"],
    ["webhook-unsupported-unknown.json", "unsupported"],
  ])("%s → unsupported with the provider type", (file, providerType) => {
    const m = onlyMessage(file);
    expect(m.content).toEqual({ kind: "unsupported", providerType });
    expect(m.from).toBe(PRIYA);
  });
});

describe("parseWebhook: statuses", () => {
  const callbackData = "msg_01JH7Q8Z3K4M5N6P7R8S9T0V1W";
  it.each([
    ["webhook-status-sent.json", "sent", 1767226440],
    ["webhook-status-delivered.json", "delivered", 1767226445],
    ["webhook-status-read.json", "read", 1767226500],
  ] as const)("%s → %s with callbackData", (file, status, ts) => {
    expect(onlyStatus(file)).toEqual({
      channel: "whatsapp",
      receiver: PN,
      providerMessageId: wamid("OUTBOUND0002B"),
      recipient: PRIYA,
      status,
      timestamp: at(ts),
      callbackData,
    });
  });

  it("failed 131047 carries the error code, title and details", () => {
    const s = onlyStatus("webhook-status-failed-131047.json");
    expect(s.status).toBe("failed");
    expect(s.callbackData).toBe("msg_01JH7R0000REENGAGE00000001");
    expect(s.errors).toEqual([
      {
        code: "131047",
        title: "Re-engagement message",
        detail: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
      },
    ]);
  });
});

describe("parseWebhook: batches", () => {
  it("reads every entry and every change of a multi-entry batch, in order", () => {
    const events = parseWebhook(load("webhook-batch-multi.json"));
    const summary = events.map((e) =>
      e.type === "message"
        ? ["message", e.message.receiver, e.message.providerMessageId, e.message.from]
        : ["status", e.status.receiver, e.status.providerMessageId, e.status.status],
    );
    expect(summary).toEqual([
      ["message", PN, wamid("BATCHTXT01"), PRIYA],
      ["message", PN, wamid("BATCHTXT02"), PRIYA],
      ["status", PN, wamid("OUTBOUND0004D"), "delivered"],
      ["status", PN, wamid("OUTBOUND0005E"), "read"],
      ["message", "208765432109876", wamid("BATCHLOC01"), "14155550123"],
      ["status", "208765432109876", wamid("OUTBOUND0006F"), "sent"],
    ]);
    const loc = events[4];
    expect(loc?.type === "message" && loc.message).toMatchObject({ fromName: "Sam Lee", content: { kind: "location", latitude: 37.7749, longitude: -122.4194 } });
  });

  it("skips malformed items without losing the others, and reports each one", () => {
    const rejected: RejectedItem[] = [];
    const events = parseWebhook(load("webhook-batch-malformed.json"), (r) => rejected.push(r));
    expect(events.map((e) => (e.type === "message" ? e.message.providerMessageId : e.status.providerMessageId))).toEqual([
      wamid("GOODTEXT01"),
      wamid("GOODTEXT02"),
      wamid("OUTBOUND0008H"),
    ]);
    expect(rejected.map(({ reason: _r, ...where }) => where)).toEqual([
      { kind: "message", entry: 0, change: 0, index: 1, providerId: wamid("BADTEXT001") },
      { kind: "message", entry: 0, change: 0, index: 2 },
      { kind: "message", entry: 0, change: 0, index: 3, providerId: wamid("BADLOC0001") },
      { kind: "status", entry: 0, change: 1, index: 0, providerId: wamid("OUTBOUND0007G") },
      { kind: "change", entry: 1, change: 0 },
    ]);
    expect(rejected[0]?.reason).toMatch(/^text/);
    expect(rejected[2]?.reason).toMatch(/^location\.latitude/);
    expect(rejected[4]?.reason).toMatch(/^metadata/);
  });

  it("rejects an interactive reply without its reply object (not 'unsupported')", () => {
    const body = load("webhook-interactive-button-reply.json") as { entry: Array<{ changes: Array<{ value: { messages: Array<{ interactive: object }> } }> }> };
    const message = body.entry[0]?.changes[0]?.value.messages[0];
    if (message) message.interactive = { type: "button_reply" };
    const batch = parseWebhookBatch(body);
    expect(batch.events).toEqual([]);
    expect(batch.rejected).toMatchObject([{ kind: "message", index: 0, reason: "interactive: reply object missing for its interactive type" }]);
  });

  it("an interactive type we do not read (flow reply) is unsupported, not rejected", () => {
    const body = load("webhook-interactive-button-reply.json") as { entry: Array<{ changes: Array<{ value: { messages: Array<{ interactive: object }> } }> }> };
    const message = body.entry[0]?.changes[0]?.value.messages[0];
    if (message) message.interactive = { type: "nfm_reply", nfm_reply: { name: "flow", response_json: "{}" } };
    const [event] = parseWebhook(body);
    expect(event?.type === "message" && event.message.content).toEqual({ kind: "unsupported", providerType: "interactive.nfm_reply" });
  });

  it("collects change-level errors and ignores non-message fields", () => {
    const body = {
      object: "whatsapp_business_account",
      entry: [
        {
          id: "1",
          changes: [
            { field: "message_template_status_update", value: { event: "APPROVED", message_template_id: 1 } },
            {
              field: "messages",
              value: { metadata: { phone_number_id: PN }, errors: [{ code: 131000, title: "Something went wrong", message: "Something went wrong", error_data: { details: "Try again" } }] },
            },
          ],
        },
      ],
    };
    const batch = parseWebhookBatch(body);
    expect(batch.events).toEqual([]);
    expect(batch.ignoredFields).toEqual(["message_template_status_update"]);
    expect(batch.errors).toEqual([{ receiver: PN, code: "131000", title: "Something went wrong", detail: "Try again" }]);
  });

  it("an empty entry list is a valid, empty batch", () => {
    expect(parseWebhook({ object: "whatsapp_business_account", entry: [] })).toEqual([]);
  });

  it.each([
    ["null", null],
    ["a string", "hello"],
    ["an Instagram webhook", { object: "instagram", entry: [] }],
    ["a Slack event", { type: "event_callback", event: { type: "message" } }],
    ["a WhatsApp object without entries", { object: "whatsapp_business_account" }],
    ["entries without changes", { object: "whatsapp_business_account", entry: [{ id: "1" }] }],
  ])("throws ParseError for %s", (_label, body) => {
    expect(() => parseWebhook(body)).toThrow(ParseError);
    try {
      parseWebhook(body);
    } catch (err) {
      expect((err as ParseError).status).toBe(400);
      expect((err as ParseError).message).toMatch(/^not a WhatsApp webhook/);
    }
  });
});
