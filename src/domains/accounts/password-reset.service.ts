import { recordAudit } from "../../platform/audit.ts";
import { hashPassword } from "../../platform/auth/passwords.ts";
import { AppError, ValidationError } from "../../platform/errors.ts";
import { enqueueMail } from "../../platform/mail.ts";
import { consumeRateLimit } from "../../platform/rate-limit.ts";
import { passwordResetMail } from "./accounts.mail.ts";
import {
  deleteSessionsOfUser,
  findUserByEmail,
  findUserById,
  retireOneTimeTokens,
  setPasswordHash,
} from "./accounts.repo.ts";
import { type AccountsDeps, ipKey, type RequestMeta } from "./accounts.service.ts";
import { checkEmail, checkNewPassword, FieldErrors } from "./accounts.validation.ts";
import { checkLink, issueLink, useLink } from "./one-time-links.ts";

/**
 * Mails a reset link when the address has an account. The caller answers the same either way,
 * so the form cannot be used to learn who is registered.
 */
export async function requestPasswordReset(
  deps: AccountsDeps,
  rawEmail: string,
  meta: RequestMeta,
): Promise<void> {
  const { db, config } = deps;
  const errors = new FieldErrors();
  const email = checkEmail(errors, "email", rawEmail);
  if (!errors.ok) throw new ValidationError(errors.list);
  const { reset, windowMs } = config.rateLimits;
  await consumeRateLimit(db, `reset:${ipKey(meta.ip)}`, reset, windowMs);
  // Per address as well, so nobody can flood one mailbox from many addresses.
  await consumeRateLimit(db, `reset-to:${email.toLowerCase()}`, reset, windowMs);
  const user = await findUserByEmail(db, email);
  if (!user) return;
  await db.transaction().execute(async (trx) => {
    const link = await issueLink(trx, user.id, "reset_password", config.baseUrl);
    await enqueueMail(trx, passwordResetMail(meta.t, { email: user.email, name: user.name }, link));
    await recordAudit(trx, {
      actorId: null,
      action: "user.password_reset_request",
      subjectType: "user",
      subjectId: user.id,
      ip: meta.ip,
    });
  });
}

/** Throws link_invalid, link_expired or link_used when the reset form should not be shown. */
export async function checkResetLink(deps: AccountsDeps, token: unknown): Promise<void> {
  await checkLink(deps.db, token, "reset_password");
}

export interface ResetInput {
  token: unknown;
  password: string;
  confirmPassword: string;
}

/**
 * Sets the new password, uses up this and every other reset link of the account, and ends all
 * its sessions (whoever knew the old password is signed out everywhere), in one transaction.
 */
export async function resetPassword(deps: AccountsDeps, input: ResetInput, meta: RequestMeta): Promise<void> {
  const { db } = deps;
  const userId = await checkLink(db, input.token, "reset_password");
  const user = await findUserById(db, userId);
  if (!user) throw new AppError("link_invalid", 400);
  const errors = new FieldErrors();
  checkNewPassword(errors, input.password, user.email, {
    field: "confirmPassword",
    value: input.confirmPassword,
  });
  if (!errors.ok) throw new ValidationError(errors.list);
  const passwordHash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    // Used again inside the transaction: two submissions racing each other cannot both succeed.
    const owner = await useLink(trx, input.token, "reset_password");
    if (owner !== userId) throw new AppError("link_invalid", 400);
    await setPasswordHash(trx, userId, passwordHash);
    await retireOneTimeTokens(trx, userId, "reset_password");
    const sessionsEnded = await deleteSessionsOfUser(trx, userId);
    await recordAudit(trx, {
      actorId: userId,
      action: "user.password_reset",
      subjectType: "user",
      subjectId: userId,
      after: { sessionsEnded },
      ip: meta.ip,
    });
  });
}
