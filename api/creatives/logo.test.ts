import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type FakeServer } from "../../test/fakes/http.js";
import { solidPng } from "../../test/fakes/png.js";
import { checkLogoBytes, fetchLogo, isBlockedAddress, LogoError } from "./logo.js";

let server: FakeServer;
let host: string;
const png = solidPng(64, 32, [10, 200, 30]);

beforeAll(async () => {
  server = await listen(async (req, res) => {
    if (req.url === "/logo.png") return void res.writeHead(200, { "content-type": "image/png", "content-length": png.length }).end(png);
    if (req.url === "/big.png") return void res.writeHead(200, { "content-type": "image/png" }).end(Buffer.concat([png, Buffer.alloc(4096)]));
    if (req.url === "/page.html") return void res.writeHead(200, { "content-type": "text/html" }).end("<html>hi</html>");
    if (req.url === "/hop") return void res.writeHead(302, { location: "/logo.png" }).end();
    if (req.url === "/escape") return void res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    res.writeHead(404).end();
  });
  host = new URL(server.baseUrl).host;
});
afterAll(() => server.close());

const trusted = () => ({ maxBytes: 2048, timeoutMs: 2000, trustedHosts: new Set([host]) });

describe("logo download", () => {
  it("refuses loopback, private, link-local and metadata addresses", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1"]) {
      expect(isBlockedAddress(a), a).toBe(true);
    }
    for (const a of ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"]) expect(isBlockedAddress(a), a).toBe(false);
  });

  it("refuses plain http, credentials, and hosts that are (or resolve to) local addresses", async () => {
    await expect(fetchLogo(`${server.baseUrl}/logo.png`, { maxBytes: 2048, timeoutMs: 2000 })).rejects.toThrow(/must be https/);
    await expect(fetchLogo("https://user:pw@cdn.example.com/logo.png")).rejects.toThrow(/without credentials/);
    await expect(fetchLogo("https://127.0.0.1/logo.png")).rejects.toThrow(/private or local/);
    await expect(fetchLogo("https://[::1]/logo.png")).rejects.toThrow(/private or local/);
    // a name is checked after DNS, at connect time (no rebinding gap)
    await expect(fetchLogo("https://localhost/logo.png")).rejects.toThrow(/private or local/);
    await expect(fetchLogo("not a url")).rejects.toBeInstanceOf(LogoError);
  });

  it("downloads an image from an allowed host and follows a redirect within the rules", async () => {
    const got = await fetchLogo(`${server.baseUrl}/logo.png`, trusted());
    expect(got.info).toEqual({ mimeType: "image/png", width: 64, height: 32 });
    expect(got.bytes.equals(png)).toBe(true);
    expect((await fetchLogo(`${server.baseUrl}/hop`, trusted())).bytes.equals(png)).toBe(true);
    await expect(fetchLogo(`${server.baseUrl}/escape`, trusted())).rejects.toThrow(/must be https|private or local/);
  });

  it("caps the size while reading, and refuses what is not an image", async () => {
    await expect(fetchLogo(`${server.baseUrl}/big.png`, trusted())).rejects.toThrow(/larger than/);
    await expect(fetchLogo(`${server.baseUrl}/page.html`, trusted())).rejects.toThrow(/not a PNG, JPEG or WebP/);
    await expect(fetchLogo(`${server.baseUrl}/missing.png`, trusted())).rejects.toThrow(/HTTP 404/);
  });

  it("checks uploaded logo bytes: format, byte size and pixel size", () => {
    expect(checkLogoBytes(png, 2048).info.width).toBe(64);
    expect(() => checkLogoBytes(Buffer.from("GIF89a"), 2048)).toThrow(LogoError);
    expect(() => checkLogoBytes(png, 10)).toThrow(/larger than/);
    const header = Buffer.from(png);
    header.writeUInt32BE(50_000, 16); // a tiny file claiming a 50 000 px wide bitmap
    expect(() => checkLogoBytes(header, 2048)).toThrow(/pixels/);
  });
});
