import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { ValidationError } from "../../platform/errors.ts";
import type { FieldErrors } from "../../platform/validation.ts";
import { type Assignee, findAccountByEmail } from "./assignment.repo.ts";

/**
 * Assigning an existing account to a prize role by its email, as the secretariat does for experts
 * (per category) and Photo Contest jurors (per edition): the pieces both forms share.
 */

export type { Assignee } from "./assignment.repo.ts";

/** A form value as text; anything else (a repeated field, nothing) counts as empty. */
export const formText = (value: unknown): string => (typeof value === "string" ? value : "");

/**
 * Reads the email field of an assignment form into `errors`: required and well formed, then the
 * account with that address typed in any case; `no_such_account` next to the field when there is
 * none. Undefined whenever the field has an error.
 */
export async function assigneeByEmail(
  db: Kysely<Database>,
  errors: FieldErrors,
  raw: unknown,
  field = "email",
): Promise<Assignee | undefined> {
  const email = errors.email(field, formText(raw));
  if (errors.has(field)) return undefined;
  const account = await findAccountByEmail(db, email);
  if (!account) errors.add(field, "no_such_account");
  return account;
}

/** The account is already assigned there: shown next to the email field, nothing written. */
export const alreadyAssigned = (field = "email"): ValidationError =>
  new ValidationError([{ field, code: "duplicate" }]);
