import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { randomToken } from "../../platform/crypto.ts";
import { ValidationError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { parseIdempotencyKey } from "../../platform/idempotency.ts";
import { type Actor, type Permission, requirePermission } from "../../platform/permissions.ts";
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

/** How many pages `total` rows fill, `pageSize` a page; an empty list still has its one page. */
export const pageCount = (total: number, pageSize: number): number =>
  Math.max(1, Math.ceil(total / pageSize));

/** What a list page shows of one page of rows: the rows, their total, the page and the page count. */
export function pageOf<R>(
  list: { rows: R[]; total: number; pageSize: number },
  page: number,
): { rows: R[]; total: number; page: number; pageCount: number } {
  return { rows: list.rows, total: list.total, page, pageCount: pageCount(list.total, list.pageSize) };
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

/** A form as a page shows it: the values in its fields, their errors, its idempotency key, the status. */
export interface FormState<V> {
  values: V;
  errors: FormErrors;
  key: string;
  status: number;
}

/** A form shown for the first time: `values`, no errors, a fresh key. */
export function freshForm<V>(values: V): FormState<V> {
  return { values, errors: {}, key: newIdempotencyKey(), status: 200 };
}

/**
 * A form shown again after field errors: what was typed, the errors, and status 400. It keeps the
 * posted idempotency key, so the corrected form still counts as the same request.
 */
export function refusedForm<V>(values: V, error: ValidationError, write: WriteOptions): FormState<V> {
  return {
    values,
    errors: toFormErrors(error.fieldErrors),
    key: write.idempotencyKey ?? newIdempotencyKey(),
    status: 400,
  };
}

/**
 * The course of every form post: `submit` writes with the form's idempotency key (a malformed key
 * is a 400 before anything) and answers, usually with a redirect and a flash; field errors
 * (`ValidationError`) go to `refused` instead, with what was typed, to show the form again.
 */
export async function submitForm<V>(
  request: FastifyRequest,
  values: V,
  submit: (write: Required<WriteOptions>) => Promise<FastifyReply>,
  refused: (form: FormState<V>) => Promise<FastifyReply> | FastifyReply,
): Promise<FastifyReply> {
  const write = formWriteOptions(request);
  try {
    return await submit(write);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return refused(refusedForm(values, error, write));
  }
}

/** A page at `/…/:id` whose one form posts back to the same address (a decision, a withdrawal). */
export interface FormPage<Target, V> {
  path: string;
  permission: Exclude<Permission, "public">;
  /** What `:id` names; one that names nothing throws (404). */
  target: (id: string) => Target;
  /** The form's values when first shown. */
  initial: V;
  /** The form's values as posted. */
  read: (body: unknown) => V;
  /** The page, with its form in the given state. */
  render: (
    request: FastifyRequest,
    reply: FastifyReply,
    target: Target,
    form: FormState<V>,
  ) => Promise<FastifyReply>;
  /** The one service call, and where it leads. */
  submit: (
    reply: FastifyReply,
    actor: Actor,
    target: Target,
    values: V,
    write: Required<WriteOptions>,
  ) => Promise<FastifyReply>;
}

/** Registers a form page's GET (a fresh form) and its POST (`submitForm`, then the page again on field errors). */
export function formPageRoutes<Target, V>(app: FastifyInstance, page: FormPage<Target, V>): void {
  app.get(page.path, { config: { permission: page.permission } }, async (request, reply) =>
    page.render(request, reply, page.target(idParam(request)), freshForm(page.initial)),
  );
  app.post(page.path, { config: { permission: page.permission } }, async (request, reply) => {
    const actor = requirePermission(request.actor, page.permission);
    const target = page.target(idParam(request));
    const values = page.read(request.body);
    return submitForm(
      request,
      values,
      (write) => page.submit(reply, actor, target, values, write),
      (form) => page.render(request, reply, target, form),
    );
  });
}

/** The `:id` route parameter, still unchecked (`parseEntryId` decides whether it names an entry). */
export function idParam(request: { params: unknown }): string {
  const id = (request.params as Record<string, unknown> | undefined)?.id;
  return typeof id === "string" ? id : "";
}
