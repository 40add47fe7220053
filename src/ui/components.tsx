import type { ComponentChildren, InputHTMLAttributes } from "preact";
import type { FieldError } from "../platform/errors.ts";
import type { PageContext } from "./page-context.ts";

/** Field errors keyed by field name, ready for the form components. */
export type FormErrors = Record<string, FieldError | undefined>;

export function toFormErrors(errors: FieldError[]): FormErrors {
  const out: FormErrors = {};
  for (const error of errors) out[error.field] ??= error;
  return out;
}

export function fieldErrorText(ctx: PageContext, error: FieldError): string {
  return ctx.t(`fields.${error.code}`, error.params);
}

const errorId = (name: string) => `${name}-error`;
const hintId = (name: string) => `${name}-hint`;
/** The id of a field's control; the error summary links to it. */
export const fieldId = (name: string) => `field-${name}`;

/** The hint and error ids a field's control (or fieldset) names in `aria-describedby`. */
export function describedBy(name: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? hintId(name) : null, error ? errorId(name) : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/**
 * The errors of a form, listed at the top of the failed form, each linked to its field. With
 * `fieldLabel`, each names its field too, so a list of "Enter a value" still says where. The summary
 * takes the focus when the page loads (`autofocus` on a focusable element, no script needed), so
 * keyboard and screen-reader users start from it instead of from the top of the page.
 */
export function ErrorSummary({
  ctx,
  errors,
  fieldLabel,
}: {
  ctx: PageContext;
  errors: FormErrors;
  fieldLabel?: (name: string) => string | undefined;
}) {
  const items = Object.entries(errors).filter((item): item is [string, FieldError] => item[1] !== undefined);
  if (items.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autofocus>
      <h2 id="error-summary-title">{ctx.t("form.errorSummary", { count: items.length })}</h2>
      <ul>
        {items.map(([name, error]) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`}>
              {fieldLabel?.(name)
                ? ctx.t("form.fieldError", {
                    field: fieldLabel(name) as string,
                    message: fieldErrorText(ctx, error),
                  })
                : fieldErrorText(ctx, error)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function FieldMessage({
  ctx,
  name,
  error,
}: {
  ctx: PageContext;
  name: string;
  error: FieldError | undefined;
}) {
  if (!error) return null;
  return (
    <span class="field-error" id={errorId(name)}>
      {fieldErrorText(ctx, error)}
    </span>
  );
}

/** A field's hint and error message, as a fieldset shows them under its legend. */
export function FieldNotes({
  ctx,
  name,
  hint,
  error,
}: {
  ctx: PageContext;
  name: string;
  hint?: string | undefined;
  error: FieldError | undefined;
}) {
  return (
    <>
      {hint ? (
        <span class="hint" id={hintId(name)}>
          {hint}
        </span>
      ) : null}
      <FieldMessage ctx={ctx} name={name} error={error} />
    </>
  );
}

/** A field's label, marked "(optional)" unless required, then its hint and error message. */
export function FieldLabel({
  ctx,
  name,
  label,
  required,
  hint,
  error,
}: {
  ctx: PageContext;
  name: string;
  label: string;
  required?: boolean | undefined;
  hint?: string | undefined;
  error: FieldError | undefined;
}) {
  return (
    <>
      <label for={fieldId(name)}>
        {label}
        {required ? null : <span class="hint"> {ctx.t("form.optional")}</span>}
      </label>
      <FieldNotes ctx={ctx} name={name} hint={hint} error={error} />
    </>
  );
}

/** One checkbox or radio button with its label. */
export function Choice({
  type = "checkbox",
  id,
  name,
  value,
  label,
  checked,
}: {
  type?: "checkbox" | "radio";
  id: string;
  name: string;
  value: string;
  label: string;
  checked: boolean;
}) {
  return (
    <div class="choice">
      <input type={type} id={id} name={name} value={value} checked={checked} />
      <label for={id}>{label}</label>
    </div>
  );
}

interface InputProps {
  ctx: PageContext;
  name: string;
  label: string;
  value?: string | null | undefined;
  errors: FormErrors;
  type?: "text" | "email" | "password" | "url" | "date" | "datetime-local" | "number" | "search";
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  maxLength?: number;
  /** The value's language when it is not the page's (a translation being typed), for spelling and speech. */
  lang?: string;
  /** `auto` for text that may run either way (a title in another script). */
  dir?: "auto";
}

export function TextInput({
  ctx,
  name,
  label,
  value,
  errors,
  type = "text",
  hint,
  required,
  autocomplete,
  maxLength,
  lang,
  dir,
}: InputProps) {
  const error = errors[name];
  return (
    <div class="field">
      <FieldLabel ctx={ctx} name={name} label={label} required={required} hint={hint} error={error} />
      <input
        {...({
          id: fieldId(name),
          name,
          type,
          value: type === "password" ? undefined : (value ?? ""),
          required,
          autocomplete,
          maxLength,
          lang,
          dir,
          "aria-invalid": error ? "true" : undefined,
          "aria-describedby": describedBy(name, hint, error),
          // Preact 11 types each input type separately; the spread keeps one component for all.
        } as InputHTMLAttributes<HTMLInputElement>)}
      />
    </div>
  );
}

export function TextArea({
  ctx,
  name,
  label,
  value,
  errors,
  hint,
  required,
  maxLength,
  lang,
  dir,
}: Omit<InputProps, "type">) {
  const error = errors[name];
  return (
    <div class="field">
      <FieldLabel ctx={ctx} name={name} label={label} required={required} hint={hint} error={error} />
      <textarea
        id={fieldId(name)}
        name={name}
        required={required}
        maxLength={maxLength}
        lang={lang}
        dir={dir}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        {value ?? ""}
      </textarea>
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
  /** The label's language when it differs from the page's (a language's own name), for screen readers. */
  lang?: string;
}

export function Select({
  ctx,
  name,
  label,
  value,
  errors,
  options,
  hint,
  required,
  placeholder,
}: Omit<InputProps, "type"> & { options: Option[]; placeholder?: string }) {
  const error = errors[name];
  return (
    <div class="field">
      <FieldLabel ctx={ctx} name={name} label={label} required={required} hint={hint} error={error} />
      <select
        id={fieldId(name)}
        name={name}
        required={required}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        <option value="">{placeholder ?? ctx.t("form.choose")}</option>
        {options.map((option) => (
          <option
            key={option.value}
            value={option.value}
            selected={option.value === value}
            lang={option.lang}
          >
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes (or radios) in a fieldset; the first box carries the field id for error links. */
export function Choices({
  ctx,
  name,
  legend,
  options,
  selected,
  errors,
  hint,
  type = "checkbox",
}: {
  ctx: PageContext;
  name: string;
  legend: string;
  options: Option[];
  selected: readonly string[];
  errors: FormErrors;
  hint?: string;
  type?: "checkbox" | "radio";
}) {
  const error = errors[name];
  return (
    <fieldset
      class="field"
      aria-describedby={describedBy(name, hint, error)}
      aria-invalid={error ? "true" : undefined}
    >
      <legend>{legend}</legend>
      <FieldNotes ctx={ctx} name={name} hint={hint} error={error} />
      <div class="choices">
        {options.map((option, index) => {
          const id = index === 0 ? fieldId(name) : `${fieldId(name)}-${option.value}`;
          return (
            <Choice
              key={option.value}
              type={type}
              id={id}
              name={name}
              value={option.value}
              label={option.label}
              checked={selected.includes(option.value)}
            />
          );
        })}
      </div>
    </fieldset>
  );
}

export function CsrfField({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

export function Notice({
  kind = "info",
  children,
}: {
  kind?: "info" | "ok" | "error";
  children: ComponentChildren;
}) {
  return <div class={`notice notice--${kind}`}>{children}</div>;
}
