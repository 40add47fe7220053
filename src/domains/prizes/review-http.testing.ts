import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";
import { translator } from "../../platform/i18n.ts";

const en = translator("en");

/** Preact's escaping of text, so a message can be found in a rendered page. */
const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** A page refused with `status` and the message of error `code` (pages carry the message, not the code). */
export function expectRefusedPage(
  response: LightMyRequestResponse,
  status: number,
  code: string,
  params?: Record<string, string | number>,
): void {
  expect({ status: response.statusCode, code }).toEqual({ status, code });
  expect(response.body).toContain(escapeHtml(en(`errors.${code}`, params)));
}

/** The message shown next to `field` on a re-rendered form, or null. */
export function fieldMessage(response: LightMyRequestResponse, field: string): string | null {
  const match = new RegExp(`<span class="field-error" id="${field}-error">([^<]*)</span>`).exec(
    response.body,
  );
  return match ? (match[1] as string) : null;
}

/** A form shown again with status 400 and `code` next to `field`. */
export function expectFieldError(
  response: LightMyRequestResponse,
  field: string,
  code: string,
  params?: Record<string, string | number>,
): void {
  expect(response.statusCode).toBe(400);
  expect({ field, message: fieldMessage(response, field) }).toEqual({
    field,
    message: escapeHtml(en(`fields.${code}`, params)),
  });
}
