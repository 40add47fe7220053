import type { FastifyInstance } from "fastify";
import { ValidationError } from "../../platform/errors.ts";
import { formText } from "../../platform/http/form-input.ts";
import { toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { isLinkError, requestMeta } from "./accounts.http.ts";
import { registrationOptions } from "./accounts.service.ts";
import {
  CheckEmailPage,
  EMPTY_REGISTRATION,
  RegisterPage,
  ResendPage,
  VerifiedPage,
  VerifyLinkProblemPage,
} from "./registration.pages.tsx";
import { registerUser, resendVerification, verifyEmail } from "./registration.service.ts";

/** Registration, the confirmation link and asking for a new one. */
export async function registrationRoutes(app: FastifyInstance): Promise<void> {
  const { deps } = app;

  app.get("/register", { config: { permission: "public" } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const options = await registrationOptions(deps.db, request.lang);
    return sendPage(
      reply,
      <RegisterPage ctx={ctx} options={options} values={EMPTY_REGISTRATION} errors={{}} />,
    );
  });

  app.post("/register", { config: { permission: "public" } }, async (request, reply) => {
    const body = request.body;
    const input = {
      name: formText(body, "name"),
      email: formText(body, "email"),
      password: formText(body, "password"),
      confirmPassword: formText(body, "confirmPassword"),
      organisation: formText(body, "organisation"),
      stakeholderType: formText(body, "stakeholderType"),
      country: formText(body, "country"),
    };
    try {
      await registerUser(deps, input, requestMeta(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const ctx = pageContext(request, reply);
      const options = await registrationOptions(deps.db, request.lang);
      const { password: _password, confirmPassword: _confirm, ...values } = input;
      return sendPage(
        reply,
        <RegisterPage ctx={ctx} options={options} values={values} errors={toFormErrors(error.fieldErrors)} />,
        400,
      );
    }
    return reply.code(303).redirect("/register/check-email");
  });

  app.get("/register/check-email", { config: { permission: "public" } }, async (request, reply) =>
    sendPage(reply, <CheckEmailPage ctx={pageContext(request, reply)} />),
  );

  app.get("/verify-email", { config: { permission: "public" } }, async (request, reply) => {
    const token = formText(request.query, "token");
    try {
      const { alreadyVerified } = await verifyEmail(deps, token, requestMeta(request));
      return sendPage(
        reply,
        <VerifiedPage ctx={pageContext(request, reply)} alreadyVerified={alreadyVerified} />,
      );
    } catch (error) {
      if (!isLinkError(error)) throw error;
      return sendPage(
        reply,
        <VerifyLinkProblemPage ctx={pageContext(request, reply)} code={error.code} />,
        error.status,
      );
    }
  });

  app.get("/verify-email/resend", { config: { permission: "public" } }, async (request, reply) =>
    sendPage(reply, <ResendPage ctx={pageContext(request, reply)} email="" errors={{}} />),
  );

  app.post("/verify-email/resend", { config: { permission: "public" } }, async (request, reply) => {
    const email = formText(request.body, "email");
    try {
      await resendVerification(deps, email, requestMeta(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const ctx = pageContext(request, reply);
      return sendPage(
        reply,
        <ResendPage ctx={ctx} email={email} errors={toFormErrors(error.fieldErrors)} />,
        400,
      );
    }
    return redirectWithFlash(reply, "/verify-email/resend", "flash.accounts.resendSent");
  });
}
