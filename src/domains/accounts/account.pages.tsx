import { Fragment } from "preact";
import { CsrfField } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { AccountView } from "./accounts.presenter.ts";

export function AccountPage({ ctx, account }: { ctx: PageContext; account: AccountView }) {
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
      <dl class="fields">
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
      <form method="post" action="/sign-out">
        <CsrfField ctx={ctx} />
        <button type="submit" class="secondary">
          {t("accounts.account.signOut")}
        </button>
      </form>
    </Layout>
  );
}
