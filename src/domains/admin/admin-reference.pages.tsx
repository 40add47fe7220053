import { CsrfField, ErrorSummary, type FormErrors, TextArea, TextInput } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { SdgSwatch, TableScroll } from "../taxonomy/taxonomy.pages.tsx";
import { REFERENCE_LIMITS } from "../taxonomy/taxonomy.validation.ts";
import { AdminLayout } from "./admin.pages.tsx";
import type { ActionLineEditView, EditableNames, SdgEditView } from "./admin-reference.presenter.ts";

/** Forms post English text; this says so, and which translations the edit leaves alone. */
export function englishNameHint(ctx: PageContext, item: EditableNames): string {
  return item.otherLanguages.length > 0
    ? ctx.t("admin.reference.nameHintTranslations", { languages: item.otherLanguages.join(", ") })
    : ctx.t("admin.reference.nameHint");
}

/** "Edit" plus the item's name for screen readers, so a column of links is not a column of "Edit". */
export function EditLink({ ctx, href, what }: { ctx: PageContext; href: string; what: string }) {
  return (
    <a href={href}>
      {ctx.t("admin.edit")}
      <span class="visually-hidden"> {what}</span>
    </a>
  );
}

export function FormActions({ ctx, cancel }: { ctx: PageContext; cancel: string }) {
  return (
    <div class="actions">
      <button type="submit">{ctx.t("admin.save")}</button>
      <a href={cancel}>{ctx.t("admin.cancel")}</a>
    </div>
  );
}

export function ActionLinesAdminPage({ ctx, lines }: { ctx: PageContext; lines: ActionLineEditView[] }) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t("admin.actionLines.title")}>
      <p class="lead">{t("admin.actionLines.lead")}</p>
      <TableScroll labelledBy="action-lines-caption">
        <table>
          <caption id="action-lines-caption" class="visually-hidden">
            {t("admin.actionLines.title")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.code")}</th>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("taxonomy.facilitator")}</th>
              <th scope="col">{t("admin.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.code}>
                <th scope="row">{line.code}</th>
                <td>{line.label}</td>
                <td>{line.facilitator}</td>
                <td>
                  <EditLink ctx={ctx} href={`/admin/action-lines/${line.code}`} what={line.code} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </AdminLayout>
  );
}

export function ActionLineEditPage({
  ctx,
  line,
  values,
  errors,
}: {
  ctx: PageContext;
  line: ActionLineEditView;
  values: { name: string; facilitator: string; description: string };
  errors: FormErrors;
}) {
  const t = ctx.t;
  return (
    <AdminLayout
      ctx={ctx}
      title={t("admin.actionLines.edit", { code: line.code })}
      crumbs={[{ href: "/admin/action-lines", label: t("admin.actionLines.title") }]}
    >
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={`/admin/action-lines/${line.code}`} class="stack">
        <CsrfField ctx={ctx} />
        <TextInput
          ctx={ctx}
          name="name"
          label={t("admin.nameEnglish")}
          hint={englishNameHint(ctx, line)}
          value={values.name}
          errors={errors}
          required
          maxLength={REFERENCE_LIMITS.nameMax}
        />
        <TextInput
          ctx={ctx}
          name="facilitator"
          label={t("taxonomy.facilitator")}
          value={values.facilitator}
          errors={errors}
          required
          maxLength={REFERENCE_LIMITS.facilitatorMax}
        />
        <TextArea
          ctx={ctx}
          name="description"
          label={t("admin.description")}
          value={values.description}
          errors={errors}
          maxLength={REFERENCE_LIMITS.descriptionMax}
        />
        <FormActions ctx={ctx} cancel="/admin/action-lines" />
      </form>
    </AdminLayout>
  );
}

export function SdgsAdminPage({ ctx, sdgs }: { ctx: PageContext; sdgs: SdgEditView[] }) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t("admin.sdgs.title")}>
      <TableScroll labelledBy="sdgs-caption">
        <table>
          <caption id="sdgs-caption" class="visually-hidden">
            {t("admin.sdgs.title")}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.sdgs.number")}</th>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.sdgs.colour")}</th>
              <th scope="col">{t("admin.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {sdgs.map((sdg) => (
              <tr key={sdg.number}>
                <th scope="row">{sdg.number}</th>
                <td>{sdg.label}</td>
                <td>
                  <SdgSwatch colour={sdg.colour} /> <code>{sdg.colour}</code>
                </td>
                <td>
                  <EditLink ctx={ctx} href={`/admin/sdgs/${sdg.number}`} what={`SDG ${sdg.number}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </AdminLayout>
  );
}

export function SdgEditPage({
  ctx,
  sdg,
  values,
  errors,
}: {
  ctx: PageContext;
  sdg: SdgEditView;
  values: { name: string; colour: string };
  errors: FormErrors;
}) {
  const t = ctx.t;
  return (
    <AdminLayout
      ctx={ctx}
      title={t("admin.sdgs.edit", { number: sdg.number })}
      crumbs={[{ href: "/admin/sdgs", label: t("admin.sdgs.title") }]}
    >
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={`/admin/sdgs/${sdg.number}`} class="stack">
        <CsrfField ctx={ctx} />
        <TextInput
          ctx={ctx}
          name="name"
          label={t("admin.nameEnglish")}
          hint={englishNameHint(ctx, sdg)}
          value={values.name}
          errors={errors}
          required
          maxLength={REFERENCE_LIMITS.shortNameMax}
        />
        <TextInput
          ctx={ctx}
          name="colour"
          label={t("admin.sdgs.colour")}
          hint={t("admin.sdgs.colourHint")}
          value={values.colour}
          errors={errors}
          required
          maxLength={7}
        />
        <FormActions ctx={ctx} cancel="/admin/sdgs" />
      </form>
    </AdminLayout>
  );
}
