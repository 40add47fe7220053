import { type FormErrors, Select } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { AdminLayout } from "./admin.pages.tsx";
import { AdminTable, EditForm, EditLink, EnglishNameInput } from "./admin-components.tsx";
import type { CountryEditView, RegionEditView } from "./admin-reference.presenter.ts";

type CountryItem = { code: string; name: string };

function CountryList({ ctx, countries }: { ctx: PageContext; countries: CountryItem[] }) {
  return (
    <ul class="country-list">
      {countries.map((country) => (
        <li key={country.code}>
          <a href={`/admin/countries/${country.code}`}>{country.name}</a>{" "}
          <span class="muted">
            <span class="visually-hidden">{ctx.t("admin.code")} </span>
            {country.code}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function RegionsAdminPage({
  ctx,
  regions,
  unmapped,
}: {
  ctx: PageContext;
  regions: RegionEditView[];
  unmapped: CountryItem[];
}) {
  const t = ctx.t;
  return (
    <AdminLayout ctx={ctx} title={t("admin.regions.title")}>
      <p class="lead">{t("admin.regions.lead")}</p>
      <AdminTable
        id="regions-caption"
        caption={t("admin.regions.title")}
        columns={[t("admin.code"), t("admin.name"), t("admin.regions.countryCount"), t("admin.actions")]}
      >
        {regions.map((region) => (
          <tr key={region.code}>
            <th scope="row">{region.code}</th>
            <td>{region.label}</td>
            <td>{ctx.formatNumber(region.countries.length)}</td>
            <td>
              <EditLink ctx={ctx} href={`/admin/regions/${region.code}`} what={region.label} />
            </td>
          </tr>
        ))}
      </AdminTable>
      <h2>{t("admin.regions.countries")}</h2>
      <p>{t("admin.regions.countriesHelp")}</p>
      {regions.map((region) => (
        <details key={region.code} class="region-countries">
          <summary>
            {t("admin.regions.summary", { name: region.label, count: region.countries.length })}
          </summary>
          <CountryList ctx={ctx} countries={region.countries} />
        </details>
      ))}
      {unmapped.length > 0 ? (
        <details class="region-countries" open>
          <summary>{t("admin.regions.unmapped", { count: unmapped.length })}</summary>
          <CountryList ctx={ctx} countries={unmapped} />
        </details>
      ) : null}
    </AdminLayout>
  );
}

export function RegionEditPage({
  ctx,
  region,
  values,
  errors,
}: {
  ctx: PageContext;
  region: RegionEditView;
  values: { name: string };
  errors: FormErrors;
}) {
  const t = ctx.t;
  return (
    <AdminLayout
      ctx={ctx}
      title={t("admin.regions.edit", { code: region.code })}
      crumbs={[{ href: "/admin/regions", label: t("admin.regions.title") }]}
    >
      <EditForm ctx={ctx} action={`/admin/regions/${region.code}`} errors={errors} cancel="/admin/regions">
        <EnglishNameInput ctx={ctx} item={region} value={values.name} errors={errors} />
      </EditForm>
    </AdminLayout>
  );
}

export function CountryEditPage({
  ctx,
  country,
  regions,
  values,
  errors,
}: {
  ctx: PageContext;
  country: CountryEditView;
  regions: RegionEditView[];
  values: { region: string };
  errors: FormErrors;
}) {
  const t = ctx.t;
  return (
    <AdminLayout
      ctx={ctx}
      title={t("admin.countries.edit", { name: country.name, code: country.code })}
      crumbs={[{ href: "/admin/regions", label: t("admin.regions.title") }]}
    >
      <p>{t("admin.countries.help")}</p>
      <EditForm ctx={ctx} action={`/admin/countries/${country.code}`} errors={errors} cancel="/admin/regions">
        <Select
          ctx={ctx}
          name="region"
          label={t("admin.countries.region")}
          value={values.region}
          errors={errors}
          required
          options={regions.map((region) => ({ value: region.code, label: region.label }))}
        />
      </EditForm>
    </AdminLayout>
  );
}
