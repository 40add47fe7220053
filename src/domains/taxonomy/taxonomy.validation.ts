import { type FieldError, ValidationError } from "../../platform/errors.ts";

/** Length limits of the editable reference texts; forms show them as `maxlength`. */
export const REFERENCE_LIMITS = {
  nameMax: 300,
  shortNameMax: 120,
  facilitatorMax: 120,
  descriptionMax: 2000,
  rationaleMax: 1000,
  codeMax: 60,
} as const;

// A NUL byte would make PostgreSQL refuse the statement; other control characters are never typed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/** The shape the database accepts for code-list codes (`^[a-z_]+$`), without stray underscores. */
const SNAKE_CASE = /^[a-z]+(_[a-z]+)*$/;
const HEX_COLOUR = /^#[0-9A-Fa-f]{6}$/;

/** Collects field errors, one per field, and throws them together. */
export class FieldCheck {
  private readonly errors: FieldError[] = [];

  add(field: string, code: string, params?: Record<string, string | number>): void {
    if (this.errors.some((error) => error.field === field)) return;
    this.errors.push(params ? { field, code, params } : { field, code });
  }

  /** A single-line text, trimmed with inner runs of white space collapsed. */
  line(field: string, raw: string, max: number, required = true): string {
    const value = raw.trim().replace(/\s+/g, " ");
    if (CONTROL.test(raw)) this.add(field, "invalid_value");
    else if (required && value === "") this.add(field, "required");
    else if (value.length > max) this.add(field, "too_long", { max });
    return value;
  }

  /** A paragraph: trimmed, line breaks kept. */
  text(field: string, raw: string, max: number, required = false): string {
    const value = raw.trim().replace(/\r\n?/g, "\n");
    if (CONTROL.test(raw)) this.add(field, "invalid_value");
    else if (required && value === "") this.add(field, "required");
    else if (value.length > max) this.add(field, "too_long", { max });
    return value;
  }

  /** A new snake_case code for a code list. */
  code(field: string, raw: string): string {
    const value = raw.trim();
    if (value === "") this.add(field, "required");
    else if (value.length > REFERENCE_LIMITS.codeMax)
      this.add(field, "too_long", { max: REFERENCE_LIMITS.codeMax });
    else if (!SNAKE_CASE.test(value)) this.add(field, "invalid_value");
    return value;
  }

  /** `#RRGGBB`, stored in upper case. */
  colour(field: string, raw: string): string {
    const value = raw.trim();
    if (value === "") this.add(field, "required");
    else if (!HEX_COLOUR.test(value)) this.add(field, "invalid_value");
    return value.toUpperCase();
  }

  has(field: string): boolean {
    return this.errors.some((error) => error.field === field);
  }

  throwIfAny(): void {
    if (this.errors.length > 0) throw new ValidationError(this.errors);
  }
}

/** An SDG number typed into a form or URL: 1–17, else null. */
export function parseSdgNumber(raw: unknown): number | null {
  if (typeof raw !== "string" && typeof raw !== "number") return null;
  const text = String(raw).trim();
  if (!/^\d{1,2}$/.test(text)) return null;
  const number = Number(text);
  return number >= 1 && number <= 17 ? number : null;
}
