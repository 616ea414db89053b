import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkUrl, download, DownloadError } from "./download.js";

let base = "";
let host = "";
const seen: Array<{ path: string; auth: string | undefined }> = [];
const server = createServer((req, res) => {
  seen.push({ path: req.url ?? "", auth: req.headers.authorization });
  if (req.url === "/file") return void res.writeHead(200, { "content-type": "text/csv" }).end("q,a\nhi,there\n");
  if (req.url === "/hop") return void res.writeHead(302, { location: "/file" }).end();
  if (req.url === "/away") return void res.writeHead(302, { location: "http://169.254.169.254/latest" }).end();
  if (req.url === "/big") return void res.writeHead(200, { "content-type": "text/plain" }).end("x".repeat(5000));
  res.writeHead(500).end();
});
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `http://${host}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const opts = () => ({ maxBytes: 1000, allowedHosts: new Set([host, "files.slack.com"]), allowHttpHosts: new Set([host]) });

describe("download", () => {
  it("fetches from an allowed host with the caller's headers, following redirects that stay allowed", async () => {
    const got = await download(`${base}/hop`, { authorization: "Bearer t" }, opts());
    expect(new TextDecoder().decode(got.bytes)).toBe("q,a\nhi,there\n");
    expect(got.contentType).toBe("text/csv");
    expect(seen.slice(-2).map((s) => s.auth)).toEqual(["Bearer t", "Bearer t"]);
  });

  it("refuses other hosts, plain http, credentials in the URL and redirects that leave, before any request", async () => {
    const o = opts();
    expect(() => checkUrl("https://evil.example/f", o)).toThrow(/refusing to download from https:\/\/evil\.example/);
    expect(() => checkUrl("http://files.slack.com/f", o)).toThrow(/refusing/);
    expect(() => checkUrl(`http://user:pw@${host}/file`, o)).toThrow(/refusing/);
    expect(() => checkUrl("not a url", o)).toThrow(DownloadError);
    const before = seen.length;
    await expect(download(`${base}/away`, { authorization: "Bearer t" }, o)).rejects.toMatchObject({ reason: "unsafe_url" });
    expect(seen.length).toBe(before + 1);
  });

  it("stops reading past the size cap and reports server errors as retryable", async () => {
    await expect(download(`${base}/big`, {}, opts())).rejects.toMatchObject({ reason: "too_large", retryable: false });
    await expect(download(`${base}/nope`, {}, opts())).rejects.toMatchObject({ retryable: true });
  });
});
