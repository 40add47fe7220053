import { recordAudit } from "../../platform/audit.ts";
import { hashPassword } from "../../platform/auth/passwords.ts";
import { AppError } from "../../platform/errors.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { mailLinkOnRequest } from "./accounts.mail.ts";
import { deleteSessionsOfUser, findUserById, retireOneTimeTokens, setPasswordHash } from "./accounts.repo.ts";
import type { AccountsDeps, RequestMeta } from "./accounts.service.ts";
import { checkNewPassword } from "./accounts.validation.ts";
import { checkLink, useLink } from "./one-time-links.ts";

/**
 * Mails a reset link when the address has an account. The caller answers the same either way,
 * so the form cannot be used to learn who is registered.
 */
export async function requestPasswordReset(
  deps: AccountsDeps,
  rawEmail: string,
  meta: RequestMeta,
): Promise<void> {
  await mailLinkOnRequest(deps, rawEmail, meta, {
    purpose: "reset_password",
    rateKey: "reset",
    action: "user.password_reset_request",
    wants: () => true,
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
  errors.throwIfAny();
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
