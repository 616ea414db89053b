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
let cursor = "0";
const created = await fetch(`${base}/sessions`, { method: "POST" });
if (!created.ok) {
  console.error(`could not start a chat with ${values.tenant} at ${values.url}: ${created.status} ${await created.text()}`);
  process.exit(1);
}
const { token } = (await created.json()) as { token: string };
const headers = { "x-chat-session": token };

async function waitForReply(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${base}/replies?after=${encodeURIComponent(cursor)}&wait=${Math.min(20_000, deadline - Date.now())}`, { headers });
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

const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
console.log(`Chatting with ${values.tenant} at ${values.url} — type a message, Ctrl+D to quit.`);
const prompt = () => process.stdout.write("\x1b[32myou\x1b[0m  ");
prompt();
// line by line, so typed and piped input behave the same
for await (const line of rl) {
  const text = line.trim();
  if (!process.stdin.isTTY && text) console.log(text);
  if (text) {
    const res = await fetch(`${base}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ text, clientMessageId: randomUUID() }),
    });
    if (res.ok) await waitForReply(30_000);
    else console.log(`(could not send: ${res.status} ${await res.text()})`);
  }
  prompt();
}
console.log();
