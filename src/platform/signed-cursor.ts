import { deriveKey, macMatches, macOf } from "./crypto.ts";
import { AppError } from "./errors.ts";

/**
 * Opaque, tamper-proof paging cursors: `base64url(JSON payload) "." base64url(HMAC-SHA256)`.
 * The payload is readable by anyone who decodes it (it holds nothing secret: a sort position of
 * public data), but only this service can make one, so a client cannot forge a position, swap a
 * cursor between searches or pass a cursor of another deployment. Any failure is one stable code,
 * `invalid_cursor` (400), so clients cannot probe which check failed.
 */

/** Cursors longer than this are refused before any decoding (a title key fits easily). */
export const CURSOR_MAX_LENGTH = 2048;

export const invalidCursor = () => new AppError("invalid_cursor", 400);

/**
 * The cursor key, derived from the session secret with HKDF under its own label, so a cursor MAC
 * can never be replayed as a cookie signature or the other way round.
 */
export function cursorKey(sessionSecret: string): Buffer {
  return deriveKey(sessionSecret, "paging-cursor-v1");
}

/** Signs any JSON value into a cursor string (URL-safe, no padding). */
export function signCursor(key: Buffer, payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
  return `${body}.${macOf(key, body).toString("base64url")}`;
}

/** The payload of a cursor this key signed; throws `invalid_cursor` for anything else. */
export function openCursor(key: Buffer, cursor: string): unknown {
  if (cursor.length === 0 || cursor.length > CURSOR_MAX_LENGTH) throw invalidCursor();
  const parts = cursor.split(".");
  const [body, signature] = parts;
  if (parts.length !== 2 || !body || !signature) throw invalidCursor();
  if (!/^[A-Za-z0-9_-]+$/.test(body) || !/^[A-Za-z0-9_-]+$/.test(signature)) throw invalidCursor();
  if (!macMatches(key, body, signature)) throw invalidCursor();
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
}
