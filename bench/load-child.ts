// The ingress load generator's own process (forked by load-process.ts), so generating,
// signing and parsing never share an event loop with the server under test.
import { httpRequest, runLoad } from "./http-load.js";
import type { ChildLoadOptions } from "./load-process.js";
import { webhookFactory } from "./webhook-bodies.js";

// the parent went away (interrupted): stop at once
process.once("disconnect", () => process.exit(0));

process.once("message", (msg) => {
  const o = msg as ChildLoadOptions;
  const bodies = webhookFactory(o.phoneNumberId, o.appSecret);
  const request = () => {
    const b = bodies.next();
    return httpRequest(o.host, o.port, o.path, b.body, { "Content-Type": "application/json", "X-Hub-Signature-256": b.signature });
  };
  runLoad({ ...o, request })
    .then((result) => process.send!({ ok: true, result, issued: bodies.issued }, () => process.exit(0)))
    .catch((err: unknown) => process.send!({ ok: false, error: String(err instanceof Error ? err.stack : err) }, () => process.exit(1)));
});
