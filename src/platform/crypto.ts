import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

/** A URL-safe secret with 256 bits of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Secrets are stored only as hashes, so a database leak does not hand out live sessions or links. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/**
 * A 256-bit key derived from the session secret with HKDF under `label`, so a MAC made for one
 * purpose (a paging cursor, a badge) can never be replayed as another's or as a cookie signature.
 */
export function deriveKey(secret: string, label: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "wsis-platform", label, 32));
}

// 128 bits: enough against forgery, and short enough for URLs and QR codes.
const MAC_BYTES = 16;

/** HMAC-SHA256 of `body`, cut to 16 bytes. */
export function macOf(key: Buffer, body: string): Buffer {
  return createHmac("sha256", key).update(body).digest().subarray(0, MAC_BYTES);
}

/** Whether `signature` (base64url) is `body`'s MAC, compared in constant time. */
export function macMatches(key: Buffer, body: string, signature: string): boolean {
  const given = Buffer.from(signature, "base64url");
  const expected = macOf(key, body);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
