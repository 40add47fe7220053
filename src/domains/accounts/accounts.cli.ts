import type { Kysely } from "kysely";
import type { Database, Role } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { hashPassword } from "../../platform/auth/passwords.ts";
import { createApiToken } from "../../platform/auth/sessions.ts";
import { AppError, ValidationError } from "../../platform/errors.ts";
import { DEFAULT_LANGUAGE, UN_LANGUAGES } from "../../platform/i18n.ts";
import { API_SCOPES, isRole } from "../../platform/permissions.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { findUserByEmail, insertUser, setUserLanguage, updateUserRoleAndPassword } from "./accounts.repo.ts";
import { checkNewPassword, NAME_MAX } from "./accounts.validation.ts";

const TOKEN_NAME_MAX = 100;

/**
 * `user:add`: creates a verified account, or, for an address that already has one, sets its role
 * and password (and its mail language when one is given), so running the command twice is
 * harmless. Audited with no actor (the operator). A new account's mail is in English unless
 * `language` names another UN language.
 */
export async function addVerifiedUser(
  db: Kysely<Database>,
  input: { email: string; password: string; role: string; name: string; language?: string | undefined },
): Promise<{ id: string; email: string; role: Role }> {
  const errors = new FieldErrors();
  const email = errors.email("email", input.email);
  checkNewPassword(errors, input.password, email);
  const name = errors.line("name", input.name, NAME_MAX);
  const role = input.role.trim();
  if (!isRole(role)) errors.add("role", "unknown_code");
  const language =
    input.language === undefined
      ? undefined
      : errors.choice("language", input.language.trim(), UN_LANGUAGES, { code: "invalid_value" });
  if (!errors.ok || !isRole(role)) throw new ValidationError(errors.list);

  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, email);
    if (existing) {
      await updateUserRoleAndPassword(trx, existing.id, { role, passwordHash });
      if (language) await setUserLanguage(trx, existing.id, language);
      await recordAudit(trx, {
        actorId: null,
        action: "user.update",
        subjectType: "user",
        subjectId: existing.id,
        before: {
          role: existing.role,
          emailVerified: existing.email_verified_at !== null,
          ...(language ? { language: existing.language } : {}),
        },
        after: { role, emailVerified: true, passwordChanged: true, ...(language ? { language } : {}) },
      });
      return { id: existing.id, email: existing.email, role };
    }
    const id = await insertUser(trx, {
      email,
      name,
      passwordHash,
      role,
      organisationId: null,
      stakeholderType: null,
      countryCode: null,
      verified: true,
      language: language ?? DEFAULT_LANGUAGE,
    });
    await recordAudit(trx, {
      actorId: null,
      action: "user.add",
      subjectType: "user",
      subjectId: id,
      after: { email, name, role, emailVerified: true, language: language ?? DEFAULT_LANGUAGE },
    });
    return { id, email, role };
  });
}

/** `token:create`: a personal API token limited to known scopes; prints once, stored as a hash. */
export async function issueApiToken(
  db: Kysely<Database>,
  input: { email: string; scopes: string[]; name: string },
): Promise<string> {
  const errors = new FieldErrors();
  const email = errors.email("email", input.email);
  const name = errors.line("name", input.name, TOKEN_NAME_MAX);
  const scopes = [...new Set(input.scopes.map((scope) => scope.trim()).filter((scope) => scope !== ""))];
  if (scopes.length === 0) errors.add("scopes", "required");
  else if (scopes.some((scope) => !(API_SCOPES as readonly string[]).includes(scope)))
    errors.add("scopes", "unknown_code");
  errors.throwIfAny();

  const user = await findUserByEmail(db, email);
  if (!user) throw new AppError("user_not_found", 404);
  return db.transaction().execute(async (trx) => {
    const token = await createApiToken(trx, user.id, name, scopes, null);
    await recordAudit(trx, {
      actorId: null,
      action: "api_token.create",
      subjectType: "user",
      subjectId: user.id,
      after: { name, scopes },
    });
    return token;
  });
}
