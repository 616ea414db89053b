// Fetching a business's logo from the URL in its brand settings, safely: https only (plain
// http only for hosts a test lists), no credentials in the URL, every address the name
// resolves to checked at connect time (no loopback, private, link-local, CGNAT, multicast
// or unspecified addresses — so no SSRF into our own network, DNS rebinding included),
// redirects followed by hand (≤ 3, each re-checked), a size cap enforced while reading, a
// timeout, and the bytes must really be a PNG, JPEG or WebP.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockList, isIP } from "node:net";
import { AppError } from "../../core/errors.js";
import { imageInfo, type ImageInfo } from "./image-info.js";

export class LogoError extends AppError {
  constructor(message: string) {
    super("bad_request", message);
  }
}

export interface LogoFetchOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Hosts (host:port) allowed over plain http and on loopback/private addresses: local fakes in tests only. */
  trustedHosts?: ReadonlySet<string>;
}

export const DEFAULT_LOGO_LIMITS: LogoFetchOptions = { maxBytes: 1024 * 1024, timeoutMs: 5_000 };

const blocked = new BlockList();
for (const [net, prefix] of [["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 3]] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96]] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** True for an address a logo may not be fetched from (IPv4-mapped IPv6 checked as IPv4). */
export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1]!, "ipv4");
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** dns.lookup that refuses blocked addresses: the connection is made only to a checked one. */
function guardedLookup(hostname: string, options: object, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "");
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => isBlockedAddress(a.address));
    if (bad || list.length === 0) return callback(Object.assign(new Error("refusing a private or local address"), { code: "EBLOCKED" }), "");
    if ((options as { all?: boolean }).all) return callback(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
}

function checkUrl(raw: string, o: LogoFetchOptions): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new LogoError("the logo URL is not a URL");
  }
  const trusted = o.trustedHosts?.has(url.host.toLowerCase()) ?? false;
  if ((url.protocol !== "https:" && !(url.protocol === "http:" && trusted)) || url.username || url.password) {
    throw new LogoError("the logo URL must be https:// without credentials");
  }
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (!trusted && isIP(literal) && isBlockedAddress(literal)) throw new LogoError("the logo URL points to a private or local address");
  return url;
}

function get(url: URL, o: LogoFetchOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const trusted = o.trustedHosts?.has(url.host.toLowerCase()) ?? false;
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: "GET", signal, headers: { accept: "image/png,image/jpeg,image/webp", "user-agent": "GrowAI-creatives/1" }, ...(trusted ? {} : { lookup: guardedLookup }) }, resolve);
    req.on("error", reject);
    req.end();
  });
}

async function readCapped(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      res.destroy();
      throw new LogoError(`the logo is larger than ${Math.round(maxBytes / 1024)} KB`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Download the logo; a `LogoError` says in plain words why it could not be used. */
export async function fetchLogo(raw: string, o: LogoFetchOptions = DEFAULT_LOGO_LIMITS): Promise<{ bytes: Buffer; info: ImageInfo }> {
  const signal = AbortSignal.timeout(o.timeoutMs);
  let url = checkUrl(raw, o);
  for (let hop = 0; ; hop++) {
    let res: IncomingMessage;
    try {
      res = await get(url, o, signal);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "EBLOCKED") throw new LogoError("the logo URL points to a private or local address");
      throw new LogoError(signal.aborted ? "the logo took too long to download" : "the logo could not be downloaded");
    }
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      if (hop >= 3) throw new LogoError("the logo URL redirects too many times");
      url = checkUrl(new URL(res.headers.location, url).href, o);
      continue;
    }
    if (status !== 200) {
      res.resume();
      throw new LogoError(`the logo URL answered HTTP ${status}`);
    }
    const declared = Number(res.headers["content-length"] ?? NaN);
    if (declared > o.maxBytes) {
      res.destroy();
      throw new LogoError(`the logo is larger than ${Math.round(o.maxBytes / 1024)} KB`);
    }
    let bytes: Buffer;
    try {
      bytes = await readCapped(res, o.maxBytes);
    } catch (err) {
      if (err instanceof LogoError) throw err;
      throw new LogoError(signal.aborted ? "the logo took too long to download" : "the logo could not be downloaded");
    }
    return checkLogoBytes(bytes, o.maxBytes);
  }
}

/** Logo pixels are decoded into memory: refuse sizes that would make a tiny file a huge bitmap. */
export const MAX_LOGO_SIDE = 4096;

/** Bytes given as a logo (downloaded or uploaded) must be a PNG, JPEG or WebP of sane size. */
export function checkLogoBytes(bytes: Uint8Array, maxBytes: number): { bytes: Buffer; info: ImageInfo } {
  if (bytes.byteLength > maxBytes) throw new LogoError(`the logo is larger than ${Math.round(maxBytes / 1024)} KB`);
  const info = imageInfo(bytes);
  if (!info) throw new LogoError("the logo is not a PNG, JPEG or WebP image");
  if (info.width > MAX_LOGO_SIDE || info.height > MAX_LOGO_SIDE) throw new LogoError(`the logo is larger than ${MAX_LOGO_SIDE}×${MAX_LOGO_SIDE} pixels`);
  return { bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), info };
}
