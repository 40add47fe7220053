import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { Layout } from "../../ui/layout.tsx";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { AppError, ERROR_CODES, type ErrorCode, type FieldError, ValidationError } from "../errors.ts";
import type { Translate } from "../i18n.ts";
import { isApiRequest } from "./request-context.ts";

/** Fastify's own failures, mapped onto our stable codes. */
function fromFastifyError(error: FastifyError): AppError {
  if (error.validation) {
    const fields: FieldError[] = error.validation.map((issue) => {
      const path = issue.instancePath.replace(/^\//, "").replace(/\//g, ".");
      const missing = (issue.params as { missingProperty?: string } | undefined)?.missingProperty;
      const field = missing
        ? path
          ? `${path}.${missing}`
          : missing
        : path || error.validationContext || "body";
      const limit = (issue.params as { limit?: number } | undefined)?.limit;
      if (issue.keyword === "required") return { field, code: "required" };
      if (issue.keyword === "maxLength" && limit !== undefined)
        return { field, code: "too_long", params: { max: limit } };
      if (issue.keyword === "maxItems" && limit !== undefined)
        return { field, code: "too_many", params: { max: limit } };
      return { field, code: "invalid_value" };
    });
    return new ValidationError(fields);
  }
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError("unsupported_media_type", 415);
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AppError("invalid_json", 400);
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new AppError("payload_too_large", 413);
    case "FST_CSRF_INVALID_TOKEN":
    case "FST_CSRF_MISSING_SECRET":
      return new AppError("csrf_invalid", 403);
  }
  if (error.statusCode === 429) return new AppError("rate_limited", 429);
  if (error instanceof SyntaxError && error.statusCode === 400) return new AppError("invalid_json", 400);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)
    return new AppError("bad_request", error.statusCode);
  return new AppError("internal_error", 500);
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return fromFastifyError(error as FastifyError);
}

export function problemTitle(
  t: Translate,
  code: string,
  params: Record<string, string | number> = {},
): string {
  return t(`errors.${code}`, params);
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const t = request.t;
  const body: Record<string, unknown> = {
    type: `/api/errors#${error.code}`,
    title: problemTitle(t, error.code, error.params),
    status: error.status,
    code: error.code,
    instance: request.url.split("?")[0],
  };
  if (error instanceof ValidationError) {
    body.errors = error.fieldErrors.map((field) => ({
      field: field.field,
      code: field.code,
      message: t(`fields.${field.code}`, field.params),
    }));
  }
  return reply.code(error.status).headers(error.headers).type("application/problem+json").send(body);
}

function ErrorPage({
  request,
  reply,
  error,
}: {
  request: FastifyRequest;
  reply: FastifyReply;
  error: AppError;
}) {
  const ctx = pageContext(request, reply);
  const title = ctx.t(`errors.${error.code}`, error.params);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{ctx.t("errorPage.help")}</p>
      <p>
        <a href="/">{ctx.t("errorPage.home")}</a>
      </p>
    </Layout>
  );
}

/**
 * The single place where failures become responses. Nothing unexpected leaks: a 500 shows a
 * generic message and the details go to the log only.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((raw, request, reply) => {
    const error = toAppError(raw);
    if (error.status >= 500) request.log.error({ err: raw }, "unhandled error");
    if (!(error.code in ERROR_CODES))
      request.log.warn({ code: error.code as ErrorCode }, "error code missing from ERROR_CODES");
    if (isApiRequest(request)) return sendProblem(request, reply, error);
    if (error.status === 401)
      return reply.code(303).redirect(`/sign-in?next=${encodeURIComponent(request.url)}`);
    reply.headers(error.headers);
    return sendPage(reply, <ErrorPage request={request} reply={reply} error={error} />, error.status);
  });

  app.setNotFoundHandler((request, reply) => {
    const error = new AppError("not_found", 404);
    if (isApiRequest(request)) return sendProblem(request, reply, error);
    return sendPage(reply, <ErrorPage request={request} reply={reply} error={error} />, 404);
  });
}
