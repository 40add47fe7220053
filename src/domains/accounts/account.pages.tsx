import { Fragment } from "preact";
import { availableLanguages, LANGUAGE_NAMES } from "../../platform/i18n.ts";
import { CsrfField, ErrorSummary, type FormErrors, Select } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { AccountView } from "./accounts.presenter.ts";

/** Each language in its own name, as the language switcher lists them. */
const LANGUAGE_OPTIONS = availableLanguages.map((lang) => ({
  value: lang,
  label: LANGUAGE_NAMES[lang],
  lang,
}));

/**
 * The account's details and the language of its mail; `language` and `errors` are the submitted
 * value and its error when the language form is shown again.
 */
export function AccountPage({
  ctx,
  account,
  language = account.language,
  errors = {},
}: {
  ctx: PageContext;
  account: AccountView;
  language?: string;
  errors?: FormErrors;
}) {
  const { t } = ctx;
  const notGiven = t("accounts.account.notGiven");
  const rows: [string, string][] = [
    [t("accounts.field.name"), account.name],
    [t("accounts.field.email"), account.email],
    [t("accounts.field.role"), t(`accounts.role.${account.role}`)],
    [t("accounts.field.organisation"), account.organisation ?? notGiven],
    [t("accounts.field.stakeholderType"), account.stakeholderType ?? notGiven],
    [t("accounts.field.country"), account.country ?? notGiven],
    [
      t("accounts.field.emailConfirmed"),
      account.verified
        ? t("accounts.account.confirmedOn", { date: ctx.formatDate(account.verifiedAt) })
        : t("accounts.account.notConfirmed"),
    ],
    [t("accounts.field.memberSince"), ctx.formatDate(account.memberSince)],
  ];
  return (
    <Layout ctx={ctx} title={t("accounts.account.title")}>
      <h1>{t("accounts.account.title")}</h1>
      <ErrorSummary ctx={ctx} errors={errors} fieldLabel={() => t("accounts.field.mailLanguage")} />
      <dl class="fields">
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
      <form method="post" action="/account/language" class="stack" novalidate>
        <CsrfField ctx={ctx} />
        <Select
          ctx={ctx}
          name="language"
          label={t("accounts.field.mailLanguage")}
          hint={t("accounts.account.mailLanguageHint")}
          value={language}
          errors={errors}
          options={LANGUAGE_OPTIONS}
          required
        />
        <div class="actions">
          <button type="submit">{t("accounts.account.mailLanguageSave")}</button>
        </div>
      </form>
      <p>
        <a href="/account/tokens">{t("tokens.accountLink")}</a>
      </p>
      <form method="post" action="/sign-out">
        <CsrfField ctx={ctx} />
        <button type="submit" class="secondary">
          {t("accounts.account.signOut")}
        </button>
      </form>
    </Layout>
  );
}
