import { type FormErrors, TextArea, TextInput } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { SdgSwatch } from "../taxonomy/taxonomy.pages.tsx";
import { REFERENCE_LIMITS } from "../taxonomy/taxonomy.validation.ts";
import { AdminLayout } from "./admin.pages.tsx";
import { AdminTable, EditForm, EditLink, EnglishNameInput } from "./admin-components.tsx";
import type { ActionLineEditView, SdgEditView } from "./admin-reference.presenter.ts";

export function ActionLinesAdminPage({ ctx, lines }: { ctx: PageContext; lines: ActionLineEditView[] }) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t("admin.actionLines.title")}>
      <p class="lead">{t("admin.actionLines.lead")}</p>
      <AdminTable
        id="action-lines-caption"
        caption={t("admin.actionLines.title")}
        columns={[t("admin.code"), t("admin.name"), t("taxonomy.facilitator"), t("admin.actions")]}
      >
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
      </AdminTable>
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
      <EditForm
        ctx={ctx}
        action={`/admin/action-lines/${line.code}`}
        errors={errors}
        cancel="/admin/action-lines"
      >
        <EnglishNameInput
          ctx={ctx}
          item={line}
          value={values.name}
          errors={errors}
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
      </EditForm>
    </AdminLayout>
  );
}

export function SdgsAdminPage({ ctx, sdgs }: { ctx: PageContext; sdgs: SdgEditView[] }) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t("admin.sdgs.title")}>
      <AdminTable
        id="sdgs-caption"
        caption={t("admin.sdgs.title")}
        columns={[t("admin.sdgs.number"), t("admin.name"), t("admin.sdgs.colour"), t("admin.actions")]}
      >
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
      </AdminTable>
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
      <EditForm ctx={ctx} action={`/admin/sdgs/${sdg.number}`} errors={errors} cancel="/admin/sdgs">
        <EnglishNameInput ctx={ctx} item={sdg} value={values.name} errors={errors} />
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
      </EditForm>
    </AdminLayout>
  );
}
