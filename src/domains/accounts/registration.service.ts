import { recordAudit } from "../../platform/audit.ts";
import { hashPassword } from "../../platform/auth/passwords.ts";
import { ValidationError } from "../../platform/errors.ts";
import { consumeRateLimit } from "../../platform/rate-limit.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { mailLink, mailLinkOnRequest } from "./accounts.mail.ts";
import { emailExists, findOrCreateOrganisation, insertUser, markEmailVerified } from "./accounts.repo.ts";
import { type AccountsDeps, ipKey, type RequestMeta } from "./accounts.service.ts";
import { checkNewPassword, NAME_MAX, ORGANISATION_MAX, organisationNameKey } from "./accounts.validation.ts";
import { useLink } from "./one-time-links.ts";

export interface RegistrationInput {
  name: string;
  email: string;
  password: string;
  confirmPassword: string;
  organisation: string;
  stakeholderType: string;
  country: string;
}

/** PostgreSQL's unique_violation; the email index catches a registration racing another. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}

const emailTaken = () => new ValidationError([{ field: "email", code: "email_taken" }]);

/**
 * Creates an unverified `user` account (and its organisation when the name is new) and mails a
 * verification link, all in one transaction. Only attempts that pass the form checks count
 * against the per-address limit, so fixing a typo does not lock a person out.
 */
export async function registerUser(
  deps: AccountsDeps,
  input: RegistrationInput,
  meta: RequestMeta,
): Promise<{ userId: string }> {
  const { db, config } = deps;
  const reference = await loadReferenceData(db);
  const errors = new FieldErrors();
  const name = errors.line("name", input.name, NAME_MAX);
  const email = errors.email("email", input.email);
  checkNewPassword(errors, input.password, email, { field: "confirmPassword", value: input.confirmPassword });
  const organisation = errors.line("organisation", input.organisation, ORGANISATION_MAX);
  const stakeholderType = input.stakeholderType.trim();
  errors.choice(
    "stakeholderType",
    stakeholderType,
    reference.stakeholderTypes.map((type) => type.code),
  );
  const country = input.country.trim().toUpperCase();
  errors.choice(
    "country",
    country,
    reference.countries.map((row) => row.code),
  );
  errors.throwIfAny();

  await consumeRateLimit(
    db,
    `register:${ipKey(meta.ip)}`,
    config.rateLimits.register,
    config.rateLimits.windowMs,
  );
  if (await emailExists(db, email)) throw emailTaken();
  // Hashing takes tens of milliseconds; it happens before the transaction so no lock waits on it.
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (trx) => {
      const org = await findOrCreateOrganisation(trx, {
        name: organisation,
        nameKey: organisationNameKey(organisation),
        stakeholderType,
        countryCode: country,
      });
      const userId = await insertUser(trx, {
        email,
        name,
        passwordHash,
        role: "user",
        organisationId: org.id,
        stakeholderType,
        countryCode: country,
        verified: false,
        // Mail follows the language the person registered in until they choose another.
        language: meta.lang,
      });
      if (org.created) {
        await recordAudit(trx, {
          actorId: userId,
          action: "organisation.create",
          subjectType: "organisation",
          subjectId: org.id,
          after: { name: organisation, stakeholderType, country },
          ip: meta.ip,
        });
      }
      await recordAudit(trx, {
        actorId: userId,
        action: "user.register",
        subjectType: "user",
        subjectId: userId,
        after: {
          name,
          email,
          role: "user",
          organisationId: org.id,
          stakeholderType,
          country,
          language: meta.lang,
        },
        ip: meta.ip,
      });
      await mailLink(trx, { id: userId, email, name, language: meta.lang }, "verify_email", config.baseUrl);
      return { userId };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

/**
 * Uses the link and marks the address verified in one transaction. A second link for an already
 * verified address is used up without touching the account.
 */
export async function verifyEmail(
  deps: AccountsDeps,
  token: unknown,
  meta: RequestMeta,
): Promise<{ alreadyVerified: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    const userId = await useLink(trx, token, "verify_email");
    const verified = await markEmailVerified(trx, userId);
    await recordAudit(trx, {
      actorId: userId,
      action: verified ? "user.verify_email" : "user.verify_email_again",
      subjectType: "user",
      subjectId: userId,
      after: { emailVerified: true },
      ip: meta.ip,
    });
    return { alreadyVerified: !verified };
  });
}

/**
 * Sends a fresh verification link when the address belongs to an unverified account. The caller
 * shows the same answer whatever happened, so the form reveals nothing about who is registered.
 */
export async function resendVerification(
  deps: AccountsDeps,
  rawEmail: string,
  meta: RequestMeta,
): Promise<void> {
  await mailLinkOnRequest(deps, rawEmail, meta, {
    purpose: "verify_email",
    rateKey: "verify-resend",
    action: "user.verification_resend",
    wants: (user) => !user.email_verified_at,
  });
}
