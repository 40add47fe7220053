import type { Kysely, Transaction } from "kysely";
import type { Database, OneTimeTokenPurpose } from "../../db/schema.ts";
import { randomToken, sha256 } from "../../platform/crypto.ts";
import { AppError } from "../../platform/errors.ts";
import { consumeOneTimeToken, findOneTimeToken, insertOneTimeToken } from "./accounts.repo.ts";

type Db = Kysely<Database> | Transaction<Database>;

export const VERIFY_EMAIL_VALID_MS = 48 * 3600 * 1000;
export const RESET_PASSWORD_VALID_MS = 3600 * 1000;

const PATHS: Record<OneTimeTokenPurpose, string> = {
  verify_email: "/verify-email",
  reset_password: "/reset-password",
};
const VALIDITY: Record<OneTimeTokenPurpose, number> = {
  verify_email: VERIFY_EMAIL_VALID_MS,
  reset_password: RESET_PASSWORD_VALID_MS,
};

// randomToken() yields 32 bytes as base64url: exactly 43 characters.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Creates a single-use link; only the token's hash is stored, so the table cannot be replayed. */
export async function issueLink(
  db: Db,
  userId: string,
  purpose: OneTimeTokenPurpose,
  baseUrl: string,
): Promise<string> {
  const token = randomToken();
  await insertOneTimeToken(db, { id: sha256(token), userId, purpose, validForMs: VALIDITY[purpose] });
  return `${baseUrl}${PATHS[purpose]}?token=${token}`;
}

/** Why a link cannot be used, as a stable error code for the page. */
async function linkFailure(db: Db, token: string, purpose: OneTimeTokenPurpose): Promise<AppError> {
  const state = await findOneTimeToken(db, sha256(token), purpose);
  if (!state) return new AppError("link_invalid", 400);
  if (state.used) return new AppError("link_used", 410);
  return new AppError("link_expired", 410);
}

/** Marks the link used and returns its user; throws link_invalid, link_expired or link_used. */
export async function useLink(db: Db, token: unknown, purpose: OneTimeTokenPurpose): Promise<string> {
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) throw new AppError("link_invalid", 400);
  const userId = await consumeOneTimeToken(db, sha256(token), purpose);
  if (userId) return userId;
  throw await linkFailure(db, token, purpose);
}

/** The same checks as `useLink` without using it up (to show the reset form). */
export async function checkLink(db: Db, token: unknown, purpose: OneTimeTokenPurpose): Promise<string> {
  if (typeof token !== "string" || !TOKEN_SHAPE.test(token)) throw new AppError("link_invalid", 400);
  const state = await findOneTimeToken(db, sha256(token), purpose);
  if (state && !state.used && !state.expired) return state.user_id;
  throw await linkFailure(db, token, purpose);
}
