// `npm run chat`: talk to a business as a lead, from the terminal, through the running
// server's web chat endpoints (the same queue → agent → outbox path as WhatsApp).
//   npm run chat                  # the demo salon on http://127.0.0.1:3000
//   npm run chat -- --url http://host:3000 --tenant some-slug
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: { url: { type: "string", default: `http://127.0.0.1:${process.env.PORT ?? 3000}` }, tenant: { type: "string", default: "glow-studio" } },
});
const base = `${values.url}/chat/${values.tenant}`;
const sessionId = `cli-${randomUUID()}`;
let cursor = "0";

async function waitForReply(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${base}/replies?sessionId=${sessionId}&after=${encodeURIComponent(cursor)}&wait=${Math.min(20_000, deadline - Date.now())}`);
    if (!res.ok) throw new Error(`server answered ${res.status}`);
    const body = (await res.json()) as { replies: Array<{ text: string; buttons?: Array<{ title: string }> }>; cursor: string };
    cursor = body.cursor;
    if (body.replies.length) {
      for (const r of body.replies) {
        console.log(`\x1b[36mbot\x1b[0m  ${r.text}`);
        if (r.buttons?.length) console.log(`     [${r.buttons.map((b) => b.title).join("] [")}]`);
      }
      return;
    }
  }
  console.log("(no reply yet — is the server running its workers?)");
}

const rl = createInterface({ input: process.stdin, output: process.stdout });
console.log(`Chatting with ${values.tenant} at ${values.url} — type a message, Ctrl+D to quit.`);
for (;;) {
  let text: string;
  try {
    text = (await rl.question("\x1b[32myou\x1b[0m  ")).trim();
  } catch {
    break;
  }
  if (!text) continue;
  const res = await fetch(`${base}/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sessionId, text, clientMessageId: randomUUID() }),
  });
  if (!res.ok) {
    console.log(`(could not send: ${res.status} ${await res.text()})`);
    continue;
  }
  await waitForReply(30_000);
}
rl.close();
