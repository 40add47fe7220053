import type { AppError } from "../../platform/errors.ts";
import { CsrfField, ErrorSummary, type FormErrors, TextInput } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { REFERENCE_LIMITS } from "../taxonomy/taxonomy.validation.ts";
import { AdminLayout, ProblemNotice } from "./admin.pages.tsx";
import { AdminTable, EditForm, EditLink, EnglishNameInput } from "./admin-components.tsx";
import type { CodeListEditView } from "./admin-reference.presenter.ts";

/** Stakeholder types and target groups share one screen; `base` is their admin path. */
export interface CodeListScreen {
  base: string;
  /** Catalog keys of the screen's title and of its "add" heading. */
  titleKey: string;
  addKey: string;
}

export function CodeListAdminPage({
  ctx,
  screen,
  items,
  values,
  errors,
  problem,
}: {
  ctx: PageContext;
  screen: CodeListScreen;
  items: CodeListEditView[];
  values: { code: string; name: string };
  errors: FormErrors;
  problem: { error: AppError; name: string } | null;
}) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t(screen.titleKey)}>
      <ProblemNotice
        ctx={ctx}
        problem={problem?.error ?? null}
        text={problem ? t("admin.codeList.inUse", { name: problem.name }) : undefined}
      />
      <AdminTable
        id="code-list-caption"
        caption={t(screen.titleKey)}
        columns={[t("admin.code"), t("admin.name"), t("admin.actions")]}
      >
        {items.map((item) => (
          <tr key={item.code}>
            <th scope="row">
              <code>{item.code}</code>
            </th>
            <td>{item.label}</td>
            <td>
              <div class="actions">
                <EditLink ctx={ctx} href={`${screen.base}/${item.code}`} what={item.label} />
                <form method="post" action={`${screen.base}/${item.code}/delete`}>
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="danger">
                    {t("admin.delete")}
                    <span class="visually-hidden"> {item.label}</span>
                  </button>
                </form>
              </div>
            </td>
          </tr>
        ))}
      </AdminTable>
      <p class="muted">{t("admin.codeList.deleteHelp")}</p>
      <h2>{t(screen.addKey)}</h2>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={screen.base} class="stack">
        <CsrfField ctx={ctx} />
        <TextInput
          ctx={ctx}
          name="code"
          label={t("admin.code")}
          hint={t("admin.codeList.codeHint")}
          value={values.code}
          errors={errors}
          required
          maxLength={REFERENCE_LIMITS.codeMax}
        />
        <TextInput
          ctx={ctx}
          name="name"
          label={t("admin.nameEnglish")}
          value={values.name}
          errors={errors}
          required
          maxLength={REFERENCE_LIMITS.shortNameMax}
        />
        <div class="actions">
          <button type="submit">{t("admin.add")}</button>
        </div>
      </form>
    </AdminLayout>
  );
}

export function CodeListItemPage({
  ctx,
  screen,
  item,
  values,
  errors,
}: {
  ctx: PageContext;
  screen: CodeListScreen;
  item: CodeListEditView;
  values: { name: string };
  errors: FormErrors;
}) {
  const t = ctx.t;
  return (
    <AdminLayout
      ctx={ctx}
      title={t("admin.codeList.rename", { code: item.code })}
      crumbs={[{ href: screen.base, label: t(screen.titleKey) }]}
    >
      <EditForm ctx={ctx} action={`${screen.base}/${item.code}`} errors={errors} cancel={screen.base}>
        <EnglishNameInput ctx={ctx} item={item} value={values.name} errors={errors} />
      </EditForm>
    </AdminLayout>
  );
}
