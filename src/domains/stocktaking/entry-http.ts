import type { FastifyRequest } from "fastify";
import { randomToken } from "../../platform/crypto.ts";
import type { ValidationError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { parseIdempotencyKey } from "../../platform/idempotency.ts";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import type { WriteOptions } from "./entries.service.ts";

/** A fresh key per rendered form, so a double-clicked or re-sent form acts once. */
export const newIdempotencyKey = (): string => randomToken(18);

/** `?page=` as a positive integer; anything else is the first page. */
export function pageParam(query: unknown): number {
  const raw = (query as Record<string, unknown> | undefined)?.page;
  const page = typeof raw === "string" && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return Math.max(1, page);
}

/** One text field of a urlencoded form body; a missing or repeated field reads as "". */
export function formField(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : "";
}

/**
 * What a form post passes to a write: the form's idempotency key (a malformed one is a 400) and
 * the client's address.
 */
export function formWriteOptions(request: FastifyRequest): Required<WriteOptions> {
  return {
    idempotencyKey: parseIdempotencyKey(formField(request.body, "idempotencyKey")),
    ip: clientIp(request),
  };
}

/**
 * A form shown again after field errors: what was typed, the errors, and status 400. It keeps the
 * posted idempotency key, so the corrected form still counts as the same request.
 */
export function refusedForm<V>(
  values: V,
  error: ValidationError,
  write: WriteOptions,
): { values: V; errors: FormErrors; key: string; status: number } {
  return {
    values,
    errors: toFormErrors(error.fieldErrors),
    key: write.idempotencyKey ?? newIdempotencyKey(),
    status: 400,
  };
}

/** The `:id` route parameter, still unchecked (`parseEntryId` decides whether it names an entry). */
export function idParam(request: { params: unknown }): string {
  const id = (request.params as Record<string, unknown> | undefined)?.id;
  return typeof id === "string" ? id : "";
}
