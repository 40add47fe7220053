import type { FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import { AppError, ValidationError } from "../../platform/errors.ts";
import { formText } from "../../platform/http/form-input.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { type Permission, requirePermission } from "../../platform/permissions.ts";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import { redirectWithFlash, sendPage } from "../../ui/render.tsx";
import type { Editor } from "../taxonomy/taxonomy.edit.service.ts";

/** Small HTTP helpers shared by the admin routes. */

/** A page number from the query: anything odd means page 1, and deep pages are capped. */
export function pageNumber(query: unknown, max = 10_000): number {
  const raw = formText(query, "page");
  if (!/^\d{1,6}$/.test(raw)) return 1;
  return Math.min(Math.max(Number(raw), 1), max);
}

/** The signed-in admin as the audit log records them; the route's permission guard has already run. */
export function editorOf(request: FastifyRequest, permission: Exclude<Permission, "public">): Editor {
  const actor = requirePermission(request.actor, permission);
  return { actorId: actor.id, ip: clientIp(request) };
}

/**
 * Post/redirect/get for admin forms: on success a 303 with a flash message; on field errors the
 * form again, with the input kept and status 400; on a listed conflict code the page again with
 * that message. Anything else goes to the error handler.
 */
export async function handleForm<T>(
  reply: FastifyReply,
  action: () => Promise<T>,
  success: (result: T) => { location: string; flash: string },
  rerender: (errors: FormErrors, problem: AppError | null) => VNode | Promise<VNode>,
  problemCodes: readonly string[] = [],
): Promise<FastifyReply> {
  let result: T;
  try {
    result = await action();
  } catch (error) {
    if (error instanceof ValidationError)
      return sendPage(reply, await rerender(toFormErrors(error.fieldErrors), null), error.status);
    if (error instanceof AppError && problemCodes.includes(error.code))
      return sendPage(reply, await rerender({}, error), error.status);
    throw error;
  }
  const { location, flash } = success(result);
  return redirectWithFlash(reply, location, flash);
}
