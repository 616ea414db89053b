import { describe, expect, it } from "vitest";
import { contentToText } from "./content.js";

describe("contentToText", () => {
  it.each([
    [{ kind: "text", text: "hello" }, "hello"],
    [{ kind: "interactive", replyType: "button", id: "yes", title: "Yes, book me" }, "Yes, book me"],
    [{ kind: "interactive", replyType: "list", id: "f", title: "Facial", description: "45 min" }, "Facial"],
    [{ kind: "media", mediaType: "image", mediaId: "1", caption: "this style?" }, "[image] this style?"],
    [{ kind: "media", mediaType: "audio", mediaId: "2" }, "[audio]"],
    [{ kind: "media", mediaType: "document", mediaId: "3", filename: "card.pdf", caption: "my card" }, "[document: card.pdf] my card"],
    [{ kind: "location", latitude: 12.97, longitude: 77.6, name: "Glow", address: "MG Road" }, "[location: Glow, MG Road (12.97,77.6)]"],
    [{ kind: "location", latitude: -33.4, longitude: -70.6 }, "[location: (-33.4,-70.6)]"],
    [{ kind: "reaction", emoji: "👍", messageId: "w" }, "[reaction: 👍]"],
    [{ kind: "reaction", emoji: "", messageId: "w" }, "[reaction removed]"],
    [{ kind: "unsupported", providerType: "order" }, "[unsupported message: order]"],
  ] as const)("%j → %j", (content, text) => {
    expect(contentToText(content)).toBe(text);
  });
});
