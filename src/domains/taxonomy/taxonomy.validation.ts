import type { FieldErrors } from "../../platform/validation.ts";

/** Length limits of the editable reference texts; forms show them as `maxlength`. */
export const REFERENCE_LIMITS = {
  nameMax: 300,
  shortNameMax: 120,
  facilitatorMax: 120,
  descriptionMax: 2000,
  rationaleMax: 1000,
  codeMax: 60,
} as const;

/** The shape the database accepts for code-list codes (`^[a-z_]+$`), without stray underscores. */
const SNAKE_CASE = /^[a-z]+(_[a-z]+)*$/;
const HEX_COLOUR = /^#[0-9A-Fa-f]{6}$/;

/** A new snake_case code for a code list. */
export function checkNewCode(errors: FieldErrors, field: string, raw: string): string {
  const value = raw.trim();
  if (value === "") errors.add(field, "required");
  else if (value.length > REFERENCE_LIMITS.codeMax)
    errors.add(field, "too_long", { max: REFERENCE_LIMITS.codeMax });
  else if (!SNAKE_CASE.test(value)) errors.add(field, "invalid_value");
  return value;
}

/** `#RRGGBB`, stored in upper case. */
export function checkColour(errors: FieldErrors, field: string, raw: string): string {
  const value = raw.trim();
  if (value === "") errors.add(field, "required");
  else if (!HEX_COLOUR.test(value)) errors.add(field, "invalid_value");
  return value.toUpperCase();
}

/** An SDG number typed into a form or URL: 1–17, else null. */
export function parseSdgNumber(raw: unknown): number | null {
  if (typeof raw !== "string" && typeof raw !== "number") return null;
  const text = String(raw).trim();
  if (!/^\d{1,2}$/.test(text)) return null;
  const number = Number(text);
  return number >= 1 && number <= 17 ? number : null;
}
