import { describe, expect, it } from "vitest";
import { checkMessagesBody } from "../../test/fakes/graph-api-checks.js";
import { buildMessagePayload } from "./payload.js";

const to = "447700900123";

describe("buildMessagePayload: pictures", () => {
  it("a template with an image header puts the picture first, then the body parameters", () => {
    const p = buildMessagePayload({ to, text: "x", template: { name: "weekly_offer", language: "en_GB", bodyParameters: ["Glow", "20%\noff"], headerImageUrl: "https://cdn.example.com/c/a.png" } });
    expect(p).toMatchObject({
      type: "template",
      template: {
        name: "weekly_offer", language: { code: "en_GB" },
        components: [
          { type: "header", parameters: [{ type: "image", image: { link: "https://cdn.example.com/c/a.png" } }] },
          { type: "body", parameters: [{ type: "text", text: "Glow" }, { type: "text", text: "20% off" }] },
        ],
      },
    });
    expect(checkMessagesBody(p)).toEqual({ kind: "message" });
  });

  it("free-form text with a picture is an image message with the text as its caption", () => {
    const p = buildMessagePayload({ to, text: "**20% off** facials this Friday", imageUrl: "https://cdn.example.com/c/a.png" });
    expect(p).toMatchObject({ type: "image", image: { link: "https://cdn.example.com/c/a.png", caption: "*20% off* facials this Friday" } });
    expect(checkMessagesBody(p)).toEqual({ kind: "message" });
  });

  it("a picture that is not an https URL is refused before any call", () => {
    expect(() => buildMessagePayload({ to, text: "hi", imageUrl: "http://insecure.example.com/a.png" })).toThrow(/https URL/);
    expect(() => buildMessagePayload({ to, text: "x", template: { name: "t", language: "en", bodyParameters: [], headerImageUrl: "file:///etc/passwd" } })).toThrow(/https URL/);
  });

  it("buttons with a picture: the interactive message's image header (an approval's preview)", () => {
    const p = buildMessagePayload({ to, text: "Approve?", imageUrl: "https://cdn.example.com/a.png", buttons: [{ id: "a", title: "Approve" }] });
    expect(p).toMatchObject({ type: "interactive", interactive: { header: { type: "image", image: { link: "https://cdn.example.com/a.png" } }, body: { text: "Approve?" } } });
    expect(checkMessagesBody(p)).toEqual({ kind: "message" });
  });
});
