// A provider's base64 image → checked bytes: it must decode to a PNG or JPEG (what WhatsApp
// sends as an image) no larger than the cap. Anything else is a `bad_response`.
import { imageInfo, type ImageInfo } from "../image-info.js";
import { ImageProviderError, type ImageProviderName } from "./types.js";

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function decodeImage(provider: ImageProviderName, b64: unknown, maxBytes: number): { bytes: Buffer; info: ImageInfo } {
  if (typeof b64 !== "string" || b64.length === 0) throw new ImageProviderError(provider, "bad_response", `${provider} returned no image data`);
  // 4 base64 characters carry 3 bytes: refuse before decoding something far too large
  if (Math.floor((b64.length * 3) / 4) > maxBytes + 3) throw new ImageProviderError(provider, "bad_response", `${provider} returned an image larger than ${maxBytes} bytes`);
  if (!BASE64.test(b64)) throw new ImageProviderError(provider, "bad_response", `${provider} returned image data that is not base64`);
  const bytes = Buffer.from(b64, "base64");
  if (bytes.length > maxBytes) throw new ImageProviderError(provider, "bad_response", `${provider} returned an image larger than ${maxBytes} bytes`);
  const info = imageInfo(bytes);
  if (!info || (info.mimeType !== "image/png" && info.mimeType !== "image/jpeg")) {
    throw new ImageProviderError(provider, "bad_response", `${provider} returned data that is not a PNG or JPEG image`);
  }
  return { bytes, info };
}
