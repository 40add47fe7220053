import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/**
 * Badge tokens, carried by the QR code on a badge: `WF1.<year>.<registrationId>.<version>.<mac>`.
 * The MAC (HMAC-SHA256, 128 bits, base64url) covers the edition's year, the registration and its
 * badge version, under a key derived from the session secret with its own HKDF label (a badge MAC
 * can never be replayed as a cookie signature or a paging cursor). So a badge is bound to its
 * edition, cannot be forged without the server's secret, and stops admitting when its
 * registration is cancelled (the version goes up). Nothing is stored for a badge.
 */

const PREFIX = "WF1";
const MAC_BYTES = 16;
const TOKEN_MAX = 120;
const SHAPE = /^WF1\.(\d{4})\.([1-9]\d{0,17})\.([1-9]\d{0,8})\.([A-Za-z0-9_-]{22})$/;

export function badgeKey(sessionSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", sessionSecret, "wsis-platform", "forum-badge-v1", 32));
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac("sha256", key).update(body).digest().subarray(0, MAC_BYTES);
}

export interface BadgeClaims {
  year: number;
  registrationId: string;
  version: number;
}

export function signBadge(key: Buffer, claims: BadgeClaims): string {
  const body = `${PREFIX}.${claims.year}.${claims.registrationId}.${claims.version}`;
  return `${body}.${mac(key, body).toString("base64url")}`;
}

/** The claims of a token this key signed, or null for anything else (malformed or forged). */
export function openBadge(key: Buffer, token: string): BadgeClaims | null {
  const trimmed = token.trim();
  if (trimmed.length > TOKEN_MAX) return null;
  const match = SHAPE.exec(trimmed);
  if (!match) return null;
  const [, year, registrationId, version, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const expected = mac(key, `${PREFIX}.${year}.${registrationId}.${version}`);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { year: Number(year), registrationId, version: Number(version) };
}
