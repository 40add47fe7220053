import type { FastifyInstance } from "fastify";
import { SESSION_COOKIE, SESSION_TTL_MS } from "../../platform/auth/sessions.ts";
import { AppError, ValidationError } from "../../platform/errors.ts";
import { formText } from "../../platform/http/form-input.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { AccountPage } from "./account.pages.tsx";
import { requestMeta } from "./accounts.http.ts";
import { getAccount, setMailLanguage } from "./accounts.service.ts";
import { safeNextPath } from "./accounts.validation.ts";
import { SignInPage } from "./sign-in.pages.tsx";
import { signIn, signOut } from "./sign-in.service.ts";

const SIGN_IN_PROBLEMS = new Set(["invalid_credentials", "email_not_verified"]);

/** Sign-in, sign-out and the account page. */
export async function sessionRoutes(app: FastifyInstance): Promise<void> {
  const { deps } = app;

  app.get("/sign-in", { config: { permission: "public" } }, async (request, reply) => {
    const next = safeNextPath(formText(request.query, "next"));
    return sendPage(
      reply,
      <SignInPage ctx={pageContext(request, reply)} email="" next={next} errors={{}} problem={null} />,
    );
  });

  app.post("/sign-in", { config: { permission: "public" } }, async (request, reply) => {
    const body = request.body;
    const email = formText(body, "email");
    const next = safeNextPath(formText(body, "next"));
    let token: string;
    try {
      ({ token } = await signIn(
        deps,
        {
          email,
          password: formText(body, "password"),
          previousSessionToken: request.cookies[SESSION_COOKIE],
        },
        requestMeta(request),
      ));
    } catch (error) {
      const isProblem = error instanceof AppError && SIGN_IN_PROBLEMS.has(error.code);
      if (!(error instanceof ValidationError) && !isProblem) throw error;
      const ctx = pageContext(request, reply);
      const errors = error instanceof ValidationError ? toFormErrors(error.fieldErrors) : {};
      const problem = error instanceof ValidationError ? null : error.code;
      return sendPage(
        reply,
        <SignInPage ctx={ctx} email={email} next={next} errors={errors} problem={problem} />,
        error.status,
      );
    }
    reply.setCookie(SESSION_COOKIE, token, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: deps.config.secureCookies,
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
    return redirectWithFlash(reply, next ?? "/account", "flash.accounts.signedIn");
  });

  app.post("/sign-out", { config: { permission: "public" } }, async (request, reply) => {
    await signOut(deps, request.cookies[SESSION_COOKIE], requestMeta(request));
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return redirectWithFlash(reply, "/", "flash.accounts.signedOut");
  });

  app.get("/account", { config: { permission: "account.self" } }, async (request, reply) => {
    const ctx = pageContext(request, reply);
    const actor = requirePermission(request.actor, "account.self");
    const account = await getAccount(deps.db, actor.id, request.lang);
    return sendPage(reply, <AccountPage ctx={ctx} account={account} />);
  });

  app.post("/account/language", { config: { permission: "account.self" } }, async (request, reply) => {
    const actor = requirePermission(request.actor, "account.self");
    const language = formText(request.body, "language");
    try {
      await setMailLanguage(deps, actor.id, language, requestMeta(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const ctx = pageContext(request, reply);
      const account = await getAccount(deps.db, actor.id, request.lang);
      const errors = toFormErrors(error.fieldErrors);
      return sendPage(
        reply,
        <AccountPage ctx={ctx} account={account} language={language} errors={errors} />,
        400,
      );
    }
    return redirectWithFlash(reply, "/account", "flash.accounts.mailLanguageSaved");
  });
}
