import type { ComponentChildren } from "preact";
import { CsrfField, ErrorSummary, type FormErrors, TextInput } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { TableScroll } from "../taxonomy/taxonomy.pages.tsx";
import { REFERENCE_LIMITS } from "../taxonomy/taxonomy.validation.ts";
import type { EditableNames } from "./admin-reference.presenter.ts";

/** Pieces the admin pages share, so every list and edit screen looks and behaves the same. */

/**
 * A list as a table in a keyboard-scrollable region, named by its caption (hidden: the page
 * heading already says it visually). `children` are the body rows.
 */
export function AdminTable({
  id,
  caption,
  columns,
  className,
  children,
}: {
  id: string;
  caption: string;
  columns: string[];
  className?: string;
  children: ComponentChildren;
}) {
  return (
    <TableScroll labelledBy={id}>
      <table class={className}>
        <caption id={id} class="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
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

/** An edit form: problems first, the fields, then save, or cancel back to `cancel`. */
export function EditForm({
  ctx,
  action,
  errors,
  cancel,
  children,
}: {
  ctx: PageContext;
  action: string;
  errors: FormErrors;
  cancel: string;
  children: ComponentChildren;
}) {
  return (
    <>
      <ErrorSummary ctx={ctx} errors={errors} />
      <form method="post" action={action} class="stack">
        <CsrfField ctx={ctx} />
        {children}
        <FormActions ctx={ctx} cancel={cancel} />
      </form>
    </>
  );
}

/** Forms post English text; this says so, and which translations the edit leaves alone. */
export function englishNameHint(ctx: PageContext, item: EditableNames): string {
  return item.otherLanguages.length > 0
    ? ctx.t("admin.reference.nameHintTranslations", { languages: item.otherLanguages.join(", ") })
    : ctx.t("admin.reference.nameHint");
}

/** The English name of a reference item, with the hint about its other languages. */
export function EnglishNameInput({
  ctx,
  item,
  value,
  errors,
  maxLength = REFERENCE_LIMITS.shortNameMax,
}: {
  ctx: PageContext;
  item: EditableNames;
  value: string;
  errors: FormErrors;
  maxLength?: number;
}) {
  return (
    <TextInput
      ctx={ctx}
      name="name"
      label={ctx.t("admin.nameEnglish")}
      hint={englishNameHint(ctx, item)}
      value={value}
      errors={errors}
      required
      maxLength={maxLength}
    />
  );
}
