import type { Transaction } from "kysely";
import type { Database, OneTimeTokenPurpose } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { type Language, toLanguage, translator } from "../../platform/i18n.ts";
import { enqueueMail, type MailMessage } from "../../platform/mail.ts";
import { consumeRateLimit } from "../../platform/rate-limit.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { findUserByEmail, type UserCredentials } from "./accounts.repo.ts";
import { type AccountsDeps, ipKey, type RequestMeta } from "./accounts.service.ts";
import { issueLink, RESET_PASSWORD_VALID_MS, VERIFY_EMAIL_VALID_MS } from "./one-time-links.ts";

/** Who a link mail goes to, and the language they read their mail in. */
export interface Recipient {
  id: string;
  email: string;
  name: string;
  language: Language;
}

/**
 * The mail carrying a one-time link, in the account's language (not the requester's: anyone can
 * ask for a reset link to someone else's address); the time it states is the link's real validity.
 */
function linkMail(purpose: OneTimeTokenPurpose, to: Recipient, link: string): MailMessage {
  const t = translator(to.language);
  if (purpose === "verify_email") {
    return {
      to: to.email,
      subject: t("accounts.mail.verify.subject"),
      text: t("accounts.mail.verify.body", { name: to.name, link, hours: VERIFY_EMAIL_VALID_MS / 3_600_000 }),
    };
  }
  return {
    to: to.email,
    subject: t("accounts.mail.reset.subject"),
    text: t("accounts.mail.reset.body", { name: to.name, link, minutes: RESET_PASSWORD_VALID_MS / 60_000 }),
  };
}

/** Issues a link and queues its mail in the caller's transaction, so neither exists without the other. */
export async function mailLink(
  trx: Transaction<Database>,
  to: Recipient,
  purpose: OneTimeTokenPurpose,
  baseUrl: string,
): Promise<void> {
  const link = await issueLink(trx, to.id, purpose, baseUrl);
  await enqueueMail(trx, linkMail(purpose, to, link));
}

/**
 * "Mail me a link" (a new confirmation link, a password reset): rate-limited per client and per
 * address, so nobody can flood one mailbox from many clients, and mailed only when the address
 * has an account that `wants` it. Callers answer the same whatever happened, so the form reveals
 * nothing about who is registered.
 */
export async function mailLinkOnRequest(
  deps: AccountsDeps,
  rawEmail: string,
  meta: RequestMeta,
  request: {
    purpose: OneTimeTokenPurpose;
    /** Rate-limit bucket prefix: `<key>:<ip>` and `<key>-to:<address>`. */
    rateKey: string;
    /** The audit action recorded when a link is sent. */
    action: string;
    wants: (user: UserCredentials) => boolean;
  },
): Promise<void> {
  const { db, config } = deps;
  const errors = new FieldErrors();
  const email = errors.email("email", rawEmail);
  errors.throwIfAny();
  const { reset, windowMs } = config.rateLimits;
  await consumeRateLimit(db, `${request.rateKey}:${ipKey(meta.ip)}`, reset, windowMs);
  await consumeRateLimit(db, `${request.rateKey}-to:${email.toLowerCase()}`, reset, windowMs);
  const user = await findUserByEmail(db, email);
  if (!user || !request.wants(user)) return;
  await db.transaction().execute(async (trx) => {
    const to = { id: user.id, email: user.email, name: user.name, language: toLanguage(user.language) };
    await mailLink(trx, to, request.purpose, config.baseUrl);
    await recordAudit(trx, {
      actorId: null,
      action: request.action,
      subjectType: "user",
      subjectId: user.id,
      ip: meta.ip,
    });
  });
}
