import type { AppError } from "../../platform/errors.ts";
import { ROLES } from "../../platform/permissions.ts";
import { CsrfField, ErrorSummary, type FormErrors, Select } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { Pagination } from "../../ui/pagination.tsx";
import { AdminLayout, ProblemNotice } from "./admin.pages.tsx";
import type { AdminUserView } from "./admin.presenter.ts";
import type { Paged } from "./admin.service.ts";
import { AdminTable } from "./admin-components.tsx";

const usersHref = (query: string, page: number) => {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `/admin/users?${text}` : "/admin/users";
};

export function UsersPage({
  ctx,
  result,
}: {
  ctx: PageContext;
  result: Paged<AdminUserView> & { query: string };
}) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t("admin.users.title")}>
      <form method="get" action="/admin/users" class="search-form">
        <div class="field">
          <label for="field-q">{t("admin.users.search")}</label>
          <input id="field-q" type="search" name="q" value={result.query} maxLength={200} />
        </div>
        <div class="actions">
          <button type="submit">{t("admin.users.searchButton")}</button>
        </div>
      </form>
      <p>{t("admin.users.count", { count: result.total })}</p>
      {result.items.length > 0 ? (
        <AdminTable
          id="users-caption"
          caption={t("admin.users.title")}
          columns={[
            t("admin.users.name"),
            t("admin.users.email"),
            t("admin.users.role"),
            t("admin.users.verified"),
            t("admin.users.organisation"),
            t("admin.users.created"),
          ]}
        >
          {result.items.map((user) => (
            <tr key={user.id}>
              <th scope="row">
                <a href={`/admin/users/${user.id}`}>{user.name}</a>
              </th>
              <td>{user.email}</td>
              <td>{t(`admin.role.${user.role}`)}</td>
              <td>{user.verified ? t("admin.yes") : t("admin.no")}</td>
              <td>{user.organisation ?? "—"}</td>
              <td>{ctx.formatDate(user.createdAt)}</td>
            </tr>
          ))}
        </AdminTable>
      ) : null}
      <Pagination
        ctx={ctx}
        page={result.page}
        pageCount={result.pageCount}
        hrefFor={(page) => usersHref(result.query, page)}
      />
    </AdminLayout>
  );
}

export function UserPage({
  ctx,
  user,
  role,
  errors,
  problem,
}: {
  ctx: PageContext;
  user: AdminUserView;
  role: string;
  errors: FormErrors;
  problem: AppError | null;
}) {
  const t = ctx.t;
  const isSelf = ctx.actor?.id === user.id;
  return (
    <AdminLayout
      ctx={ctx}
      title={user.name}
      crumbs={[{ href: "/admin/users", label: t("admin.users.title") }]}
    >
      <ProblemNotice ctx={ctx} problem={problem} />
      <dl class="fields">
        <dt>{t("admin.users.email")}</dt>
        <dd>{user.email}</dd>
        <dt>{t("admin.users.role")}</dt>
        <dd>{t(`admin.role.${user.role}`)}</dd>
        <dt>{t("admin.users.verified")}</dt>
        <dd>{user.verified ? t("admin.yes") : t("admin.no")}</dd>
        <dt>{t("admin.users.organisation")}</dt>
        <dd>{user.organisation ?? "—"}</dd>
        <dt>{t("admin.users.created")}</dt>
        <dd>{ctx.formatDateTime(user.createdAt)}</dd>
      </dl>
      <h2>{t("admin.users.changeRole")}</h2>
      {isSelf ? <p class="muted">{t("admin.users.selfHint")}</p> : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={`/admin/users/${user.id}/role`} class="stack">
        <CsrfField ctx={ctx} />
        <Select
          ctx={ctx}
          name="role"
          label={t("admin.users.role")}
          value={role}
          errors={errors}
          required
          options={ROLES.map((value) => ({ value, label: t(`admin.role.${value}`) }))}
          hint={t("admin.users.roleHint")}
        />
        <div class="actions">
          <button type="submit">{t("admin.users.saveRole")}</button>
        </div>
      </form>
    </AdminLayout>
  );
}
