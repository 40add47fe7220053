import { deriveKey, macMatches, macOf } from "../../platform/crypto.ts";

/**
 * Badge tokens, carried by the QR code on a badge: `WF1.<year>.<registrationId>.<version>.<mac>`.
 * The MAC (HMAC-SHA256, 128 bits, base64url) covers the edition's year, the registration and its
 * badge version, under a key derived from the session secret with its own HKDF label (a badge MAC
 * can never be replayed as a cookie signature or a paging cursor). So a badge is bound to its
 * edition, cannot be forged without the server's secret, and stops admitting when its
 * registration is cancelled (the version goes up). Nothing is stored for a badge.
 */

const PREFIX = "WF1";
const TOKEN_MAX = 120;
const SHAPE = /^WF1\.(\d{4})\.([1-9]\d{0,17})\.([1-9]\d{0,8})\.([A-Za-z0-9_-]{22})$/;

export function badgeKey(sessionSecret: string): Buffer {
  return deriveKey(sessionSecret, "forum-badge-v1");
}

export interface BadgeClaims {
  year: number;
  registrationId: string;
  version: number;
}

export function signBadge(key: Buffer, claims: BadgeClaims): string {
  const body = `${PREFIX}.${claims.year}.${claims.registrationId}.${claims.version}`;
  return `${body}.${macOf(key, body).toString("base64url")}`;
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
  if (!macMatches(key, `${PREFIX}.${year}.${registrationId}.${version}`, signature)) return null;
  return { year: Number(year), registrationId, version: Number(version) };
}
