import type { FormErrors } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import type { Labels } from "./entries.presenter.ts";

const fieldId = (name: string) => `field-${name}`;

function FieldError({ ctx, name, errors }: { ctx: PageContext; name: string; errors: FormErrors }) {
  const error = errors[name];
  if (!error) return null;
  return (
    <span class="field-error" id={`${name}-error`}>
      {ctx.t(`fields.${error.code}`, error.params)}
    </span>
  );
}

function Checkbox({
  name,
  value,
  label,
  checked,
  id,
}: {
  name: string;
  value: string;
  label: string;
  checked: boolean;
  id: string;
}) {
  return (
    <div class="choice">
      <input type="checkbox" id={id} name={name} value={value} checked={checked} />
      <label for={id}>{label}</label>
    </div>
  );
}

/**
 * Countries as checkboxes grouped by region (a fieldset each) in one scrolling box, so the form
 * stays compact and works without JavaScript; the countries already chosen are listed above it.
 */
export function CountryChoices({
  ctx,
  ref,
  labels,
  selected,
  errors,
}: {
  ctx: PageContext;
  ref: ReferenceData;
  labels: Labels;
  selected: readonly string[];
  errors: FormErrors;
}) {
  const error = errors.countries;
  const collator = new Intl.Collator(ctx.lang);
  const groups = [
    ...ref.regions.map((region) => ({ code: region.code, name: labels.region(region.code) })),
    { code: "", name: ctx.t("entries.form.otherCountries") },
  ]
    .map((group) => ({
      ...group,
      countries: ref.countries
        .filter((country) => (country.region_code ?? "") === group.code)
        .map((country) => ({ code: country.code, name: labels.country(country.code) }))
        .sort((a, b) => collator.compare(a.name, b.name)),
    }))
    .filter((group) => group.countries.length > 0);
  const chosen = selected.map((code) => labels.country(code));
  return (
    <fieldset
      class="field"
      id={fieldId("countries")}
      tabIndex={-1}
      aria-describedby={`countries-hint${error ? " countries-error" : ""}`}
      aria-invalid={error ? "true" : undefined}
    >
      <legend>{ctx.t("entries.field.countries")}</legend>
      <span class="hint" id="countries-hint">
        {ctx.t("entries.form.countriesHint")}
      </span>
      <FieldError ctx={ctx} name="countries" errors={errors} />
      {chosen.length > 0 ? (
        <p class="muted">{ctx.t("entries.form.countriesChosen", { countries: chosen.join(", ") })}</p>
      ) : null}
      <div class="country-list">
        {groups.map((group) => (
          <fieldset class="country-group" key={group.code || "other"}>
            <legend>{group.name}</legend>
            <div class="choices">
              {group.countries.map((country) => (
                <Checkbox
                  key={country.code}
                  id={`${fieldId("countries")}-${country.code}`}
                  name="countries"
                  value={country.code}
                  label={country.name}
                  checked={selected.includes(country.code)}
                />
              ))}
            </div>
          </fieldset>
        ))}
      </div>
    </fieldset>
  );
}

/** Action Lines as checkboxes; the eight C7 lines sit in their own group under C7. */
export function ActionLineChoices({
  ctx,
  ref,
  labels,
  selected,
  errors,
}: {
  ctx: PageContext;
  ref: ReferenceData;
  labels: Labels;
  selected: readonly string[];
  errors: FormErrors;
}) {
  const error = errors.actionLines;
  const firstId = (code: string) =>
    code === ref.actionLines[0]?.code ? fieldId("actionLines") : `${fieldId("actionLines")}-${code}`;
  const box = (code: string) => (
    <Checkbox
      key={code}
      id={firstId(code)}
      name="actionLines"
      value={code}
      label={`${code} ${labels.actionLine(code)}`}
      checked={selected.includes(code)}
    />
  );
  const groups = new Map<string, string[]>();
  for (const line of ref.actionLines) {
    if (line.group_code) groups.set(line.group_code, [...(groups.get(line.group_code) ?? []), line.code]);
  }
  const ordered: Array<{ code: string; members: string[] | null }> = [];
  for (const line of ref.actionLines) {
    if (!line.group_code) ordered.push({ code: line.code, members: null });
    else if (!ordered.some((item) => item.code === line.group_code))
      ordered.push({ code: line.group_code, members: groups.get(line.group_code) ?? [] });
  }
  return (
    <fieldset
      class="field"
      aria-describedby={error ? "actionLines-error" : undefined}
      aria-invalid={error ? "true" : undefined}
    >
      <legend>{ctx.t("entries.field.actionLines")}</legend>
      <FieldError ctx={ctx} name="actionLines" errors={errors} />
      <div class="stack">
        {ordered.map((item) =>
          item.members ? (
            <fieldset key={item.code} class="action-line-group">
              <legend>{ctx.t("entries.form.actionLineGroup", { code: item.code })}</legend>
              <div class="choices">{item.members.map(box)}</div>
            </fieldset>
          ) : (
            box(item.code)
          ),
        )}
      </div>
    </fieldset>
  );
}
