import { EMAIL_MAX } from "../../platform/validation.ts";
import { CsrfField, ErrorSummary, type FormErrors, TextInput } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { FormProblem, LinkProblemPage, NewPasswordFields, ResendVerificationForm } from "./account-forms.tsx";

export function SignInPage({
  ctx,
  email,
  next,
  errors,
  problem,
}: {
  ctx: PageContext;
  email: string;
  next: string | null;
  errors: FormErrors;
  /** A whole-form failure code: invalid_credentials or email_not_verified. */
  problem: string | null;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("accounts.signIn.title")}>
      <h1>{t("accounts.signIn.title")}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <FormProblem message={problem ? t(`errors.${problem}`) : null} />
      {problem === "email_not_verified" ? (
        <>
          <p>{t("accounts.signIn.notVerifiedHelp")}</p>
          <ResendVerificationForm ctx={ctx} email={email} errors={{}} hiddenEmail />
        </>
      ) : null}
      <form method="post" action="/sign-in" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <TextInput
          ctx={ctx}
          name="email"
          type="email"
          label={t("accounts.field.email")}
          value={email}
          errors={errors}
          required
          autocomplete="username"
          maxLength={EMAIL_MAX}
        />
        <TextInput
          ctx={ctx}
          name="password"
          type="password"
          label={t("accounts.field.password")}
          errors={errors}
          required
          autocomplete="current-password"
        />
        <div class="actions">
          <button type="submit">{t("accounts.signIn.submit")}</button>
          <a href="/forgot-password">{t("accounts.signIn.forgot")}</a>
        </div>
      </form>
      <p>
        {t("accounts.signIn.noAccount")} <a href="/register">{t("accounts.signIn.registerLink")}</a>
      </p>
    </Layout>
  );
}

export function ForgotPasswordPage({
  ctx,
  email,
  errors,
}: {
  ctx: PageContext;
  email: string;
  errors: FormErrors;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("accounts.forgot.title")}>
      <h1>{t("accounts.forgot.title")}</h1>
      <p class="lead">{t("accounts.forgot.lead")}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/forgot-password" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <TextInput
          ctx={ctx}
          name="email"
          type="email"
          label={t("accounts.field.email")}
          value={email}
          errors={errors}
          required
          autocomplete="email"
          maxLength={EMAIL_MAX}
        />
        <div class="actions">
          <button type="submit">{t("accounts.forgot.submit")}</button>
        </div>
      </form>
    </Layout>
  );
}

export function ForgotSentPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("accounts.forgotSent.title")}>
      <h1>{t("accounts.forgotSent.title")}</h1>
      <p class="lead">{t("accounts.forgotSent.body")}</p>
      <p>
        <a href="/sign-in">{t("accounts.signIn.title")}</a>
      </p>
    </Layout>
  );
}

export function ResetPasswordPage({
  ctx,
  token,
  errors,
}: {
  ctx: PageContext;
  token: string;
  errors: FormErrors;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("accounts.reset.title")}>
      <h1>{t("accounts.reset.title")}</h1>
      <p class="lead">{t("accounts.reset.lead")}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/reset-password" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="token" value={token} />
        <NewPasswordFields
          ctx={ctx}
          errors={errors}
          label={t("accounts.field.newPassword")}
          confirmLabel={t("accounts.field.confirmNewPassword")}
        />
        <div class="actions">
          <button type="submit">{t("accounts.reset.submit")}</button>
        </div>
      </form>
    </Layout>
  );
}

/** An expired, used or broken reset link; the way on is a new link. */
export function ResetLinkProblemPage({ ctx, code }: { ctx: PageContext; code: string }) {
  const { t } = ctx;
  return (
    <LinkProblemPage ctx={ctx} code={code} otherwise={<p>{t("accounts.link.resetHelp")}</p>}>
      <p>
        <a class="button" href="/forgot-password">
          {t("accounts.reset.newLink")}
        </a>
      </p>
    </LinkProblemPage>
  );
}
