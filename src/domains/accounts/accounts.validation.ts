import { PASSWORD_MAX, PASSWORD_MIN, passwordWeakness } from "../../platform/auth/passwords.ts";
import type { FieldError } from "../../platform/errors.ts";

export const NAME_MAX = 200;
export const EMAIL_MAX = 254;
export const ORGANISATION_MAX = 300;

// Control characters cannot be typed into a form; a NUL byte would even make PostgreSQL fail.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL = /[\u0000-\u001f\u007f]/;
// Deliberately loose: one @, something on both sides, a dot in the domain. The mail proves the rest.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Collects field errors; `ok` only when none were added. */
export class FieldErrors {
  readonly list: FieldError[] = [];
  add(field: string, code: string, params?: Record<string, string | number>): void {
    if (this.list.some((error) => error.field === field)) return;
    this.list.push(params ? { field, code, params } : { field, code });
  }
  get ok(): boolean {
    return this.list.length === 0;
  }
}

/** Trims and collapses runs of white space, which people never mean. */
export function cleanLine(value: string): string {
  return value.trim().replace(/\s+/g, " ");
}

/** A required single-line text: returns the cleaned value, or records why it is not acceptable. */
export function checkLine(errors: FieldErrors, field: string, raw: string, max: number): string {
  const value = cleanLine(raw);
  if (CONTROL.test(raw.replace(/[\t\r\n]/g, " "))) errors.add(field, "invalid_value");
  else if (value === "") errors.add(field, "required");
  else if (value.length > max) errors.add(field, "too_long", { max });
  return value;
}

export function checkEmail(errors: FieldErrors, field: string, raw: string): string {
  const value = raw.trim();
  if (value === "") errors.add(field, "required");
  else if (value.length > EMAIL_MAX) errors.add(field, "too_long", { max: EMAIL_MAX });
  else if (CONTROL.test(value) || !EMAIL.test(value)) errors.add(field, "invalid_email");
  return value;
}

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

/** One text value from a parsed form or JSON body; repeated or non-text values never reach a service. */
export function formText(body: unknown, name: string): string {
  if (typeof body !== "object" || body === null) return "";
  const raw = (body as Record<string, unknown>)[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === "string" ? value : "";
}
