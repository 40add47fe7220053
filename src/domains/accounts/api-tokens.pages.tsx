import {
  Choices,
  CsrfField,
  ErrorSummary,
  type FormErrors,
  Notice,
  TextInput,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { TableScroll } from "../taxonomy/taxonomy.pages.tsx";
import type { ApiTokenView } from "./api-tokens.presenter.ts";
import { type ApiScope, type CreatedToken, TOKEN_EXPIRIES, TOKEN_LIMITS } from "./api-tokens.service.ts";

/** Catalog keys cannot hold the scope's colon; each scope has a key-friendly name. */
const SCOPE_KEYS: Record<ApiScope, string> = {
  "entries:read": "entriesRead",
  "entries:write": "entriesWrite",
  "prizes:write": "prizesWrite",
  "forum:write": "forumWrite",
  moderation: "moderation",
};

/** What the create form holds: its defaults, or what was submitted when it comes back with errors. */
export interface TokenForm {
  name: string;
  scopes: string[];
  expiry: string;
}

export const EMPTY_TOKEN_FORM: TokenForm = { name: "", scopes: ["entries:read"], expiry: "90" };

function TokenTable({ ctx, tokens }: { ctx: PageContext; tokens: ApiTokenView[] }) {
  const { t } = ctx;
  const columns = [
    t("tokens.col.name"),
    t("tokens.col.scopes"),
    t("tokens.col.created"),
    t("tokens.col.lastUsed"),
    t("tokens.col.expires"),
    t("tokens.col.status"),
    t("tokens.col.actions"),
  ];
  return (
    <TableScroll labelledBy="tokens-caption">
      <table>
        <caption id="tokens-caption">{t("tokens.listTitle")}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">{token.name}</th>
              <td>
                <ul class="inline-list">
                  {token.scopes.map((scope) => (
                    <li key={scope}>
                      <code>{scope}</code>
                    </li>
                  ))}
                </ul>
              </td>
              <td>{ctx.formatDate(token.createdAt)}</td>
              <td>{token.lastUsedAt ? ctx.formatDateTime(token.lastUsedAt) : t("tokens.notUsed")}</td>
              <td>{token.expiresAt ? ctx.formatDate(token.expiresAt) : t("tokens.expiry.never")}</td>
              <td>{t(`tokens.status.${token.status}`)}</td>
              <td>
                {token.status === "revoked" ? null : (
                  <form method="post" action={`/account/tokens/${token.id}/revoke`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="danger">
                      {t("tokens.revoke")}
                      <span class="visually-hidden"> {token.name}</span>
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * The user's personal API tokens: the list with revoke buttons, the create form, and (right after
 * creating one) the new secret, shown this once. `scopes` are the ones this user may grant.
 */
export function TokensPage({
  ctx,
  tokens,
  scopes,
  form = EMPTY_TOKEN_FORM,
  errors = {},
  created = null,
}: {
  ctx: PageContext;
  tokens: ApiTokenView[];
  scopes: readonly ApiScope[];
  form?: TokenForm;
  errors?: FormErrors;
  created?: CreatedToken | null;
}) {
  const { t } = ctx;
  const labels: Record<string, string> = {
    name: t("tokens.field.name"),
    scopes: t("tokens.field.scopes"),
    expiry: t("tokens.field.expiry"),
  };
  return (
    <Layout ctx={ctx} title={t("tokens.title")}>
      <p>
        <a href="/account">{t("tokens.backToAccount")}</a>
      </p>
      <h1>{t("tokens.title")}</h1>
      <p class="lead">{t("tokens.lead")}</p>
      <p>
        <code dir="ltr">Authorization: Bearer wsis_…</code> · <a href="/api/docs">{t("tokens.docsLink")}</a>
      </p>
      {created ? (
        <Notice kind="ok">
          <h2>{t("tokens.created.title", { name: created.name })}</h2>
          <p>{t("tokens.created.once")}</p>
          <div class="field">
            <label for="new-token">{t("tokens.created.label")}</label>
            <input
              id="new-token"
              class="token-secret"
              type="text"
              readonly
              value={created.token}
              dir="ltr"
              spellcheck={false}
              autocomplete="off"
            />
          </div>
        </Notice>
      ) : null}
      {tokens.length > 0 ? <TokenTable ctx={ctx} tokens={tokens} /> : <p>{t("tokens.none")}</p>}
      <h2 id="create-token">{t("tokens.createTitle")}</h2>
      <form method="post" action="/account/tokens" class="stack" novalidate aria-labelledby="create-token">
        <ErrorSummary ctx={ctx} errors={errors} fieldLabel={(name) => labels[name]} />
        <CsrfField ctx={ctx} />
        <TextInput
          ctx={ctx}
          name="name"
          label={labels.name as string}
          hint={t("tokens.field.nameHint")}
          value={form.name}
          errors={errors}
          maxLength={TOKEN_LIMITS.nameMax}
          autocomplete="off"
          required
        />
        <Choices
          ctx={ctx}
          name="scopes"
          legend={labels.scopes as string}
          hint={t("tokens.field.scopesHint")}
          options={scopes.map((scope) => ({ value: scope, label: t(`tokens.scope.${SCOPE_KEYS[scope]}`) }))}
          selected={form.scopes}
          errors={errors}
        />
        <Choices
          ctx={ctx}
          type="radio"
          name="expiry"
          legend={labels.expiry as string}
          options={TOKEN_EXPIRIES.map((expiry) => ({ value: expiry, label: t(`tokens.expiry.${expiry}`) }))}
          selected={[form.expiry]}
          errors={errors}
        />
        <div class="actions">
          <button type="submit">{t("tokens.create")}</button>
        </div>
      </form>
    </Layout>
  );
}
