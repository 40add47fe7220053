import type { ComponentChildren } from "preact";
import { CsrfField, ErrorSummary, type FormErrors, TextInput } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";

/**
 * The secretariat's form naming an existing account to a prize role by its email (experts,
 * Photo Contest jurors). `children` are the role's other fields (an expert's category).
 */
export function AssignByEmailForm({
  ctx,
  action,
  title,
  label,
  hint,
  submitLabel,
  email,
  errors,
  children,
}: {
  ctx: PageContext;
  action: string;
  title: string;
  label: string;
  hint: string;
  submitLabel: string;
  /** The email as typed, kept when the form comes back with errors. */
  email: string;
  errors: FormErrors;
  children?: ComponentChildren;
}) {
  return (
    <form method="post" action={action} class="stack" noValidate>
      <h2>{title}</h2>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <TextInput
        ctx={ctx}
        name="email"
        type="email"
        label={label}
        hint={hint}
        value={email}
        errors={errors}
        autocomplete="off"
        required
      />
      {children}
      <div class="actions">
        <button type="submit" class="button">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/**
 * A one-button form ending an assignment. `who` says whose, for screen readers: every row of the
 * list has such a button, and "Remove" alone would not say which.
 */
export function UnassignForm({
  ctx,
  action,
  fields,
  label,
  who,
}: {
  ctx: PageContext;
  action: string;
  /** The hidden fields naming the assignment. */
  fields: Record<string, string>;
  label: string;
  who: string;
}) {
  return (
    <form method="post" action={action}>
      <CsrfField ctx={ctx} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class="button button--secondary">
        {label}
        <span class="visually-hidden"> {who}</span>
      </button>
    </form>
  );
}
