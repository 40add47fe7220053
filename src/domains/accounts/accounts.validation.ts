import { PASSWORD_MAX, PASSWORD_MIN, passwordWeakness } from "../../platform/auth/passwords.ts";
import { cleanLine, type FieldErrors } from "../../platform/validation.ts";

export const NAME_MAX = 200;
export const ORGANISATION_MAX = 300;

// Control characters cannot be typed into a form, so a next path holding one was crafted.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Strength per `passwordWeakness`, and the confirmation when the form has one. */
export function checkNewPassword(
  errors: FieldErrors,
  password: string,
  email: string,
  confirmation?: { field: string; value: string },
): void {
  if (password === "") {
    errors.add("password", "required");
    return;
  }
  const weakness = passwordWeakness(password, email);
  if (weakness === "too_short") errors.add("password", "too_short", { min: PASSWORD_MIN });
  else if (weakness === "too_long") errors.add("password", "too_long", { max: PASSWORD_MAX });
  else if (weakness) errors.add("password", weakness);
  if (confirmation && confirmation.value !== password) errors.add(confirmation.field, "passwords_differ");
}

/**
 * The key organisations are matched on: "  The  ITU " and "the itu" are the same organisation.
 * NFKC folds look-alike forms (full-width letters, ligatures) before case is folded.
 */
export function organisationNameKey(name: string): string {
  return cleanLine(name.normalize("NFKC")).toLowerCase();
}

/** Only same-site paths: `/x` but not `//host` or `/\host`, which browsers treat as another site. */
export function safeNextPath(next: unknown): string | null {
  if (typeof next !== "string" || next.length > 1000) return null;
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return null;
  if (CONTROL.test(next) || next.includes("\\")) return null;
  return next;
}
