// Renders any normalized message content as one line of text for the agent and for
// transcripts. Shared by every channel; pure and total over MessageContent.
import type { MessageContent } from "./types.js";

function coordinates(latitude: number, longitude: number): string {
  return `(${latitude},${longitude})`;
}

export function contentToText(content: MessageContent): string {
  switch (content.kind) {
    case "text":
      return content.text;
    case "interactive":
      return content.title;
    case "media": {
      const label = content.filename ? `[${content.mediaType}: ${content.filename}]` : `[${content.mediaType}]`;
      return content.caption ? `${label} ${content.caption}` : label;
    }
    case "location": {
      const place = [content.name, content.address].filter((p): p is string => Boolean(p)).join(", ");
      const where = coordinates(content.latitude, content.longitude);
      return place ? `[location: ${place} ${where}]` : `[location: ${where}]`;
    }
    case "reaction":
      return content.emoji ? `[reaction: ${content.emoji}]` : "[reaction removed]";
    case "unsupported":
      return `[unsupported message: ${content.providerType}]`;
  }
}
