import type { FormErrors } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { makeLabels } from "../stocktaking/entries.presenter.ts";
import { EntryCoreFields, EntryProjectFields } from "../stocktaking/entry-form.pages.tsx";
import type { EntryFormValues } from "../stocktaking/entry-input.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";

/**
 * The stocktaking entry's fields for a project that is not in the database yet, the entry form's
 * own field groups. The title is the submission's (asked once, above); target groups and the
 * contact are not asked here. The stocktaking service checks them; a moderator screens the entry
 * as any other.
 */
export function NewEntryFields({
  ctx,
  ref,
  values,
  errors,
}: {
  ctx: PageContext;
  ref: ReferenceData;
  values: EntryFormValues;
  errors: FormErrors;
}) {
  const labels = makeLabels(ref, ctx.t, ctx.lang);
  return (
    <fieldset class="stack">
      <legend>{ctx.t("prizes.submissions.newEntry.legend")}</legend>
      <p class="hint">{ctx.t("prizes.submissions.newEntry.hint")}</p>
      <EntryCoreFields ctx={ctx} ref={ref} labels={labels} values={values} errors={errors} />
      <EntryProjectFields ctx={ctx} values={values} errors={errors} />
    </fieldset>
  );
}
