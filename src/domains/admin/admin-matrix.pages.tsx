import { CsrfField, ErrorSummary, type FormErrors, Select, TextArea } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { REFERENCE_LIMITS } from "../taxonomy/taxonomy.validation.ts";
import { AdminLayout } from "./admin.pages.tsx";
import { AdminTable, EditForm, EditLink } from "./admin-components.tsx";
import type { ActionLineEditView, MatrixLinkEditView } from "./admin-reference.presenter.ts";

export function MatrixAdminPage({ ctx, lines }: { ctx: PageContext; lines: ActionLineEditView[] }) {
  const t = ctx.t;
  const total = lines.reduce((sum, line) => sum + line.linkCount, 0);
  return (
    <AdminLayout ctx={ctx} title={t("admin.matrix.title")}>
      <p class="lead">{t("admin.matrix.lead", { count: total })}</p>
      <AdminTable
        id="matrix-admin-caption"
        caption={t("admin.matrix.title")}
        columns={[t("admin.code"), t("admin.name"), t("admin.matrix.linkCount"), t("admin.actions")]}
      >
        {lines.map((line) => (
          <tr key={line.code}>
            <th scope="row">{line.code}</th>
            <td>{line.label}</td>
            <td>{ctx.formatNumber(line.linkCount)}</td>
            <td>
              <a href={`/admin/sdg-matrix/${line.code}`}>
                {t("admin.matrix.editLinks")}
                <span class="visually-hidden"> {line.code}</span>
              </a>
            </td>
          </tr>
        ))}
      </AdminTable>
    </AdminLayout>
  );
}

/** Why an Action Line serves an SDG; the same field when a link is added and when it is edited. */
function RationaleInput({ ctx, value, errors }: { ctx: PageContext; value: string; errors: FormErrors }) {
  return (
    <TextArea
      ctx={ctx}
      name="rationale"
      label={ctx.t("admin.matrix.rationale")}
      hint={ctx.t("admin.matrix.rationaleHint")}
      value={value}
      errors={errors}
      maxLength={REFERENCE_LIMITS.rationaleMax}
    />
  );
}

const sdgText = (ctx: PageContext, link: { sdg: number; sdgLabel: string }) =>
  ctx.t("taxonomy.sdgLabel", { number: link.sdg, name: link.sdgLabel });

/** One Action Line's links, each editable, and a form to add one. */
export function MatrixLinePage({
  ctx,
  line,
  links,
  available,
  values,
  errors,
}: {
  ctx: PageContext;
  line: ActionLineEditView;
  links: MatrixLinkEditView[];
  available: { sdg: number; sdgLabel: string }[];
  values: { sdg: string; rationale: string };
  errors: FormErrors;
}) {
  const t = ctx.t;
  return (
    <AdminLayout
      ctx={ctx}
      title={t("admin.matrix.lineTitle", { code: line.code })}
      crumbs={[{ href: "/admin/sdg-matrix", label: t("admin.matrix.title") }]}
    >
      <p class="lead">{line.label}</p>
      {links.length === 0 ? (
        <p>{t("admin.matrix.noLinks")}</p>
      ) : (
        <AdminTable
          id="links-caption"
          caption={t("admin.matrix.lineTitle", { code: line.code })}
          columns={[t("admin.matrix.sdg"), t("admin.matrix.rationale"), t("admin.actions")]}
        >
          {links.map((link) => (
            <tr key={link.sdg}>
              <th scope="row">{sdgText(ctx, link)}</th>
              <td>{link.rationale || <span class="muted">{t("taxonomy.matrix.noRationale")}</span>}</td>
              <td>
                <EditLink
                  ctx={ctx}
                  href={`/admin/sdg-matrix/${line.code}/${link.sdg}`}
                  what={`SDG ${link.sdg}`}
                />
              </td>
            </tr>
          ))}
        </AdminTable>
      )}
      <h2 id="add-link">{t("admin.matrix.addTitle")}</h2>
      {available.length === 0 ? (
        <p>{t("admin.matrix.allLinked")}</p>
      ) : (
        <>
          <ErrorSummary ctx={ctx} errors={errors} />
          <form method="post" action={`/admin/sdg-matrix/${line.code}/links`} class="stack">
            <CsrfField ctx={ctx} />
            <Select
              ctx={ctx}
              name="sdg"
              label={t("admin.matrix.sdg")}
              value={values.sdg}
              errors={errors}
              required
              options={available.map((item) => ({ value: String(item.sdg), label: sdgText(ctx, item) }))}
            />
            <RationaleInput ctx={ctx} value={values.rationale} errors={errors} />
            <div class="actions">
              <button type="submit">{t("admin.matrix.add")}</button>
            </div>
          </form>
        </>
      )}
    </AdminLayout>
  );
}

/** One link: its rationale, and removing it. */
export function MatrixLinkPage({
  ctx,
  line,
  link,
  values,
  errors,
}: {
  ctx: PageContext;
  line: ActionLineEditView;
  link: MatrixLinkEditView;
  values: { rationale: string };
  errors: FormErrors;
}) {
  const t = ctx.t;
  const base = `/admin/sdg-matrix/${line.code}`;
  return (
    <AdminLayout
      ctx={ctx}
      title={t("admin.matrix.linkTitle", { code: line.code, sdg: link.sdg })}
      crumbs={[
        { href: "/admin/sdg-matrix", label: t("admin.matrix.title") },
        { href: base, label: t("admin.matrix.lineTitle", { code: line.code }) },
      ]}
    >
      <p class="lead">
        {line.label} · {sdgText(ctx, link)}
      </p>
      <EditForm ctx={ctx} action={`${base}/${link.sdg}`} errors={errors} cancel={base}>
        <RationaleInput ctx={ctx} value={values.rationale} errors={errors} />
      </EditForm>
      <h2>{t("admin.matrix.removeTitle")}</h2>
      <p>{t("admin.matrix.removeHelp")}</p>
      <form method="post" action={`${base}/${link.sdg}/delete`}>
        <CsrfField ctx={ctx} />
        <button type="submit" class="danger">
          {t("admin.matrix.remove", { code: line.code, sdg: link.sdg })}
        </button>
      </form>
    </AdminLayout>
  );
}
