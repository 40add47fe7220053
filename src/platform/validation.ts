import { type FieldError, ValidationError } from "./errors.ts";

/** The longest address SMTP carries (RFC 5321 path limit). */
export const EMAIL_MAX = 254;

// A NUL byte would make PostgreSQL refuse the statement, and other control characters cannot be
// typed into a form. Tab and line breaks are white space that `line` folds and `text` keeps.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// Deliberately loose: one @, something on both sides, a dot in the domain. A mail proves the rest.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** True when the text holds a character no form can type and PostgreSQL may refuse (NUL). */
export function hasControlCharacters(value: string): boolean {
  return CONTROL.test(value);
}

/** Anything with a membership test: a list of codes, or a Set or Map keyed by them. */
export type Allowed<T> = readonly T[] | { has(value: T): boolean };

/**
 * Collects field errors, at most one per field (the first problem found is the one people fix
 * first), and throws them together so a form shows every problem at once. The checks clean the
 * value they are given and return it, so a service reads its input once.
 */
export class FieldErrors {
  readonly list: FieldError[] = [];

  add(field: string, code: string, params?: Record<string, string | number>): void {
    if (this.has(field)) return;
    this.list.push(params ? { field, code, params } : { field, code });
  }

  has(field: string): boolean {
    return this.list.some((error) => error.field === field);
  }

  get ok(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(): void {
    if (!this.ok) throw new ValidationError(this.list);
  }

  /** A single-line text, trimmed with inner runs of white space collapsed (people never mean them). */
  line(field: string, raw: string, max: number, required = true): string {
    const value = cleanLine(raw);
    if (CONTROL.test(raw)) this.add(field, "invalid_value");
    else if (required && value === "") this.add(field, "required");
    else if (value.length > max) this.add(field, "too_long", { max });
    return value;
  }

  /** A paragraph: trimmed, line breaks kept as `\n`. */
  text(field: string, raw: string, max: number, required = false): string {
    const value = raw.trim().replace(/\r\n?/g, "\n");
    if (CONTROL.test(raw)) this.add(field, "invalid_value");
    else if (required && value === "") this.add(field, "required");
    else if (value.length > max) this.add(field, "too_long", { max });
    return value;
  }

  /** An email address, trimmed; case is kept as typed. Blank is `required` unless optional. */
  email(field: string, raw: string, required = true): string {
    const value = raw.trim();
    if (value === "") {
      if (required) this.add(field, "required");
    } else if (value.length > EMAIL_MAX) this.add(field, "too_long", { max: EMAIL_MAX });
    else if (CONTROL.test(value) || !EMAIL.test(value)) this.add(field, "invalid_email");
    return value;
  }

  /**
   * A value picked from a list: "" is `required` when asked, anything not in `allowed` gets `code`
   * (`unknown_code` for reference data, `invalid_value` for a fixed set of options).
   * Returns the value when it is acceptable, else null.
   */
  choice<T extends string>(
    field: string,
    value: string,
    allowed: Allowed<T>,
    { required = true, code = "unknown_code" }: { required?: boolean; code?: string } = {},
  ): T | null {
    if (value === "") {
      if (required) this.add(field, "required");
      return null;
    }
    const known = "has" in allowed ? allowed.has(value as T) : allowed.includes(value as T);
    if (!known) {
      this.add(field, code);
      return null;
    }
    return value as T;
  }
}

/** Trims and collapses runs of white space, which people never mean. */
export function cleanLine(value: string): string {
  return value.trim().replace(/\s+/g, " ");
}

const ROW_ID = /^[1-9][0-9]{0,17}$/;

/**
 * Row ids are positive `bigint`s and travel as text: at most 18 digits, so any id that passes
 * fits the column and never makes the database fail on a cast.
 */
export function isRowId(value: unknown): value is string {
  return typeof value === "string" && ROW_ID.test(value);
}
