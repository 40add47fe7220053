import { recordAudit } from "../../platform/audit.ts";
import { dummyPasswordHash, verifyPassword } from "../../platform/auth/passwords.ts";
import { createSession, destroySession } from "../../platform/auth/sessions.ts";
import { sha256 } from "../../platform/crypto.ts";
import { AppError } from "../../platform/errors.ts";
import { consumeRateLimit } from "../../platform/rate-limit.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { findUserByEmail, sessionUserId } from "./accounts.repo.ts";
import { type AccountsDeps, ipKey, type RequestMeta } from "./accounts.service.ts";

// One address behind a shared network (a conference hall, an office) serves many people, so the
// per-address limit is a multiple of the per-account one.
export const SIGN_IN_IP_FACTOR = 10;

export interface SignInInput {
  email: string;
  password: string;
  /** The session cookie the browser already had; replaced, so a planted session cannot be kept. */
  previousSessionToken?: string | null | undefined;
}

/**
 * Checks the password and opens a database session; returns the cookie value. Unknown addresses
 * are verified against a dummy hash and get the same answer as a wrong password, so neither the
 * message nor the timing tells whether an account exists. Unverified accounts learn so only after
 * giving the right password.
 */
export async function signIn(
  deps: AccountsDeps,
  input: SignInInput,
  meta: RequestMeta,
): Promise<{ token: string; userId: string }> {
  const { db, config } = deps;
  const errors = new FieldErrors();
  const email = errors.email("email", input.email);
  if (input.password === "") errors.add("password", "required");
  errors.throwIfAny();

  const { signIn: limit, windowMs } = config.rateLimits;
  const ip = ipKey(meta.ip);
  await consumeRateLimit(db, `sign-in:${ip}:${email.toLowerCase()}`, limit, windowMs);
  await consumeRateLimit(db, `sign-in:${ip}`, limit * SIGN_IN_IP_FACTOR, windowMs);

  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !passwordOk) throw new AppError("invalid_credentials", 401);
  if (!user.email_verified_at) throw new AppError("email_not_verified", 403);

  return db.transaction().execute(async (trx) => {
    if (input.previousSessionToken) await destroySession(trx, input.previousSessionToken);
    const token = await createSession(trx, user.id, { ip: meta.ip, userAgent: meta.userAgent ?? null });
    await recordAudit(trx, {
      actorId: user.id,
      action: "user.sign_in",
      subjectType: "user",
      subjectId: user.id,
      ip: meta.ip,
    });
    return { token, userId: user.id };
  });
}

/** Deletes the session row, so the cookie is worthless even if a copy of it survives. */
export async function signOut(
  deps: AccountsDeps,
  token: string | undefined,
  meta: RequestMeta,
): Promise<void> {
  if (!token || token.length > 100) return;
  await deps.db.transaction().execute(async (trx) => {
    const userId = await sessionUserId(trx, sha256(token));
    if (!userId) return;
    await destroySession(trx, token);
    await recordAudit(trx, {
      actorId: userId,
      action: "user.sign_out",
      subjectType: "user",
      subjectId: userId,
      ip: meta.ip,
    });
  });
}
