import { createHash, randomBytes } from "node:crypto";

/** A URL-safe secret with 256 bits of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Secrets are stored only as hashes, so a database leak does not hand out live sessions or links. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}
