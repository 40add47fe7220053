import { EMAIL_MAX } from "../../platform/validation.ts";
import { CsrfField, ErrorSummary, type FormErrors, Select, TextInput } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import {
  LinkProblemPage,
  NewPasswordFields,
  ResendVerificationForm,
  SuggestInput,
} from "./account-forms.tsx";
import type { RegistrationOptions } from "./accounts.presenter.ts";
import { NAME_MAX, ORGANISATION_MAX } from "./accounts.validation.ts";

/** What the registration form shows again after a failed attempt; never the password. */
export interface RegistrationValues {
  name: string;
  email: string;
  organisation: string;
  stakeholderType: string;
  country: string;
}

export const EMPTY_REGISTRATION: RegistrationValues = {
  name: "",
  email: "",
  organisation: "",
  stakeholderType: "",
  country: "",
};

export function RegisterPage({
  ctx,
  options,
  values,
  errors,
}: {
  ctx: PageContext;
  options: RegistrationOptions;
  values: RegistrationValues;
  errors: FormErrors;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("accounts.register.title")}>
      <h1>{t("accounts.register.title")}</h1>
      <p class="lead">{t("accounts.register.lead")}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action="/register" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <TextInput
          ctx={ctx}
          name="name"
          label={t("accounts.field.name")}
          value={values.name}
          errors={errors}
          required
          autocomplete="name"
          maxLength={NAME_MAX}
        />
        <TextInput
          ctx={ctx}
          name="email"
          type="email"
          label={t("accounts.field.email")}
          hint={t("accounts.register.emailHint")}
          value={values.email}
          errors={errors}
          required
          autocomplete="email"
          maxLength={EMAIL_MAX}
        />
        <NewPasswordFields
          ctx={ctx}
          errors={errors}
          label={t("accounts.field.password")}
          confirmLabel={t("accounts.field.confirmPassword")}
        />
        <SuggestInput
          ctx={ctx}
          name="organisation"
          label={t("accounts.field.organisation")}
          hint={t("accounts.register.organisationHint")}
          value={values.organisation}
          errors={errors}
          suggestions={options.organisations}
          maxLength={ORGANISATION_MAX}
        />
        <Select
          ctx={ctx}
          name="stakeholderType"
          label={t("accounts.field.stakeholderType")}
          hint={t("accounts.register.stakeholderTypeHint")}
          value={values.stakeholderType}
          errors={errors}
          options={options.stakeholderTypes}
          required
        />
        <Select
          ctx={ctx}
          name="country"
          label={t("accounts.field.country")}
          value={values.country}
          errors={errors}
          options={options.countries}
          required
        />
        <div class="actions">
          <button type="submit">{t("accounts.register.submit")}</button>
        </div>
      </form>
      <p>
        {t("accounts.register.haveAccount")} <a href="/sign-in">{t("accounts.signIn.title")}</a>
      </p>
    </Layout>
  );
}

export function CheckEmailPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("accounts.checkEmail.title")}>
      <h1>{t("accounts.checkEmail.title")}</h1>
      <p class="lead">{t("accounts.checkEmail.body")}</p>
      <p>
        {t("accounts.checkEmail.notReceived")} <a href="/verify-email/resend">{t("accounts.resend.title")}</a>
      </p>
    </Layout>
  );
}

export function VerifiedPage({ ctx, alreadyVerified }: { ctx: PageContext; alreadyVerified: boolean }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("accounts.verified.title")}>
      <h1>{t("accounts.verified.title")}</h1>
      <p class="lead">{t(alreadyVerified ? "accounts.verified.alreadyBody" : "accounts.verified.body")}</p>
      <p>
        <a class="button" href="/sign-in">
          {t("accounts.signIn.title")}
        </a>
      </p>
    </Layout>
  );
}

/**
 * An expired, used or broken confirmation link: says which, and offers what helps next (a new
 * link, or signing in when it was already used).
 */
export function VerifyLinkProblemPage({ ctx, code }: { ctx: PageContext; code: string }) {
  const { t } = ctx;
  return (
    <LinkProblemPage ctx={ctx} code={code}>
      <h2>{t("accounts.resend.title")}</h2>
      <p>{t("accounts.link.verifyHelp")}</p>
      <ResendVerificationForm ctx={ctx} email="" errors={{}} />
    </LinkProblemPage>
  );
}

export function ResendPage({ ctx, email, errors }: { ctx: PageContext; email: string; errors: FormErrors }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("accounts.resend.title")}>
      <h1>{t("accounts.resend.title")}</h1>
      <p class="lead">{t("accounts.resend.lead")}</p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <ResendVerificationForm ctx={ctx} email={email} errors={errors} />
    </Layout>
  );
}
