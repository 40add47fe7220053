import type { FastifyInstance } from "fastify";
import { SESSION_COOKIE } from "../../platform/auth/sessions.ts";
import { ValidationError } from "../../platform/errors.ts";
import { formText } from "../../platform/http/form-input.ts";
import { toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { isLinkError, requestMeta } from "./accounts.http.ts";
import { checkResetLink, requestPasswordReset, resetPassword } from "./password-reset.service.ts";
import {
  ForgotPasswordPage,
  ForgotSentPage,
  ResetLinkProblemPage,
  ResetPasswordPage,
} from "./sign-in.pages.tsx";

/** Forgotten password: ask for a link, then choose a new password through it. */
export async function passwordResetRoutes(app: FastifyInstance): Promise<void> {
  const { deps } = app;

  app.get("/forgot-password", { config: { permission: "public" } }, async (request, reply) =>
    sendPage(reply, <ForgotPasswordPage ctx={pageContext(request, reply)} email="" errors={{}} />),
  );

  app.post("/forgot-password", { config: { permission: "public" } }, async (request, reply) => {
    const email = formText(request.body, "email");
    try {
      await requestPasswordReset(deps, email, requestMeta(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const ctx = pageContext(request, reply);
      return sendPage(
        reply,
        <ForgotPasswordPage ctx={ctx} email={email} errors={toFormErrors(error.fieldErrors)} />,
        400,
      );
    }
    return reply.code(303).redirect("/forgot-password/sent");
  });

  app.get("/forgot-password/sent", { config: { permission: "public" } }, async (request, reply) =>
    sendPage(reply, <ForgotSentPage ctx={pageContext(request, reply)} />),
  );

  app.get("/reset-password", { config: { permission: "public" } }, async (request, reply) => {
    const token = formText(request.query, "token");
    try {
      await checkResetLink(deps, token);
    } catch (error) {
      if (!isLinkError(error)) throw error;
      return sendPage(
        reply,
        <ResetLinkProblemPage ctx={pageContext(request, reply)} code={error.code} />,
        error.status,
      );
    }
    return sendPage(reply, <ResetPasswordPage ctx={pageContext(request, reply)} token={token} errors={{}} />);
  });

  app.post("/reset-password", { config: { permission: "public" } }, async (request, reply) => {
    const body = request.body;
    const token = formText(body, "token");
    try {
      await resetPassword(
        deps,
        { token, password: formText(body, "password"), confirmPassword: formText(body, "confirmPassword") },
        requestMeta(request),
      );
    } catch (error) {
      const ctx = pageContext(request, reply);
      if (isLinkError(error))
        return sendPage(reply, <ResetLinkProblemPage ctx={ctx} code={error.code} />, error.status);
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(
        reply,
        <ResetPasswordPage ctx={ctx} token={token} errors={toFormErrors(error.fieldErrors)} />,
        400,
      );
    }
    // Every session of the account is gone; drop this browser's stale cookie too.
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return redirectWithFlash(reply, "/sign-in", "flash.accounts.passwordReset");
  });
}
