import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import { redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { AppError, ValidationError } from "../errors.ts";
import type { Permission } from "../permissions.ts";

/** Post/redirect/get for server-rendered forms. */

/**
 * Runs a form's action: on success a 303 with a flash message; on field errors the form again,
 * with the input kept and status 400; on a listed conflict code the page again with that message.
 * Anything else goes to the error handler.
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

type ParamsOf<P> = { Params: P };

/** What a form page is drawn from: the thing it edits (`context`), the values shown, the outcome. */
export interface FormRender<P, C, V> {
  request: FastifyRequest<ParamsOf<P>>;
  reply: FastifyReply;
  context: C;
  values: V;
  errors: FormErrors;
  problem: AppError | null;
}

export interface FormRouteSpec<P, C, V, R> {
  permission: Exclude<Permission, "public">;
  /** Where the form is shown (GET). */
  page: string;
  /** Where it posts: the page's own address when left out (a new thing posts to its list). */
  action?: string;
  /**
   * What both requests need before anything else (the edition, the room…), read first so an
   * unknown one is a 404 whatever the body.
   */
  load: (request: FastifyRequest<ParamsOf<P>>) => C | Promise<C>;
  /** The values the form starts with. */
  initial: (context: C) => V | Promise<V>;
  /** The values as posted, kept as typed. */
  read: (body: unknown, context: C) => V;
  save: (request: FastifyRequest<ParamsOf<P>>, context: C, values: V) => Promise<R>;
  /** Where a saved form goes, and the flash message it shows there. */
  done: (result: R, context: C) => { location: string; flash: string };
  render: (page: FormRender<P, C, V>) => VNode | Promise<VNode>;
  /** Refusals shown on the form instead of the error page (see `handleForm`). */
  problemCodes?: readonly string[];
}

/** A form's two routes: GET draws it with its starting values, POST saves it (see `handleForm`). */
export function formRoute<P, C, V, R>(app: FastifyInstance, spec: FormRouteSpec<P, C, V, R>): void {
  const config = { permission: spec.permission };
  app.get<ParamsOf<P>>(spec.page, { config }, async (request, reply) => {
    const context = await spec.load(request);
    const values = await spec.initial(context);
    return sendPage(reply, await spec.render({ request, reply, context, values, errors: {}, problem: null }));
  });
  app.post<ParamsOf<P>>(spec.action ?? spec.page, { config }, async (request, reply) => {
    const context = await spec.load(request);
    const values = spec.read(request.body, context);
    return handleForm(
      reply,
      () => spec.save(request, context, values),
      (result) => spec.done(result, context),
      (errors, problem) => spec.render({ request, reply, context, values, errors, problem }),
      spec.problemCodes,
    );
  });
}
