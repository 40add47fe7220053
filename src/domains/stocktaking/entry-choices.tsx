import { Choice, describedBy, FieldNotes, type FormErrors, fieldId } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import type { Labels } from "./entries.presenter.ts";

/** What both pickers are given: the reference lists, their labels, and the codes already chosen. */
interface ChoicesProps {
  ctx: PageContext;
  ref: ReferenceData;
  labels: Labels;
  selected: readonly string[];
  errors: FormErrors;
}

/**
 * Countries as checkboxes grouped by region (a fieldset each) in one scrolling box, so the form
 * stays compact and works without JavaScript; the countries already chosen are listed above it.
 */
export function CountryChoices({ ctx, ref, labels, selected, errors }: ChoicesProps) {
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
      aria-describedby={describedBy("countries", true, error)}
      aria-invalid={error ? "true" : undefined}
    >
      <legend>{ctx.t("entries.field.countries")}</legend>
      <FieldNotes ctx={ctx} name="countries" hint={ctx.t("entries.form.countriesHint")} error={error} />
      {chosen.length > 0 ? (
        <p class="muted">{ctx.t("entries.form.countriesChosen", { countries: chosen.join(", ") })}</p>
      ) : null}
      <div class="country-list">
        {groups.map((group) => (
          <fieldset class="country-group" key={group.code || "other"}>
            <legend>{group.name}</legend>
            <div class="choices">
              {group.countries.map((country) => (
                <Choice
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
export function ActionLineChoices({ ctx, ref, labels, selected, errors }: ChoicesProps) {
  const error = errors.actionLines;
  const firstId = (code: string) =>
    code === ref.actionLines[0]?.code ? fieldId("actionLines") : `${fieldId("actionLines")}-${code}`;
  const box = (code: string) => (
    <Choice
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
      aria-describedby={describedBy("actionLines", false, error)}
      aria-invalid={error ? "true" : undefined}
    >
      <legend>{ctx.t("entries.field.actionLines")}</legend>
      <FieldNotes ctx={ctx} name="actionLines" error={error} />
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
