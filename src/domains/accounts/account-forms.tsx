import { CsrfField, type FormErrors, fieldErrorText, TextInput } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";

/**
 * A text input with suggestions from a `<datalist>`: people pick an existing name or type a new
 * one, and it works without script. Same markup contract as `TextInput` (ids, aria links).
 */
export function SuggestInput({
  ctx,
  name,
  label,
  value,
  errors,
  hint,
  suggestions,
  maxLength,
}: {
  ctx: PageContext;
  name: string;
  label: string;
  value: string;
  errors: FormErrors;
  hint: string;
  suggestions: string[];
  maxLength: number;
}) {
  const error = errors[name];
  const describedBy = [`${name}-hint`, error ? `${name}-error` : null].filter(Boolean).join(" ");
  return (
    <div class="field">
      <label for={`field-${name}`}>{label}</label>
      <span class="hint" id={`${name}-hint`}>
        {hint}
      </span>
      {error ? (
        <span class="field-error" id={`${name}-error`}>
          {fieldErrorText(ctx, error)}
        </span>
      ) : null}
      <input
        id={`field-${name}`}
        name={name}
        type="text"
        value={value}
        list={`${name}-suggestions`}
        autocomplete="organization"
        required
        maxLength={maxLength}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy}
      />
      <datalist id={`${name}-suggestions`}>
        {suggestions.map((suggestion) => (
          <option key={suggestion} value={suggestion} />
        ))}
      </datalist>
    </div>
  );
}

/** A failure that belongs to the whole form (wrong password, unconfirmed address), announced on load. */
export function FormProblem({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div class="notice notice--error" role="alert">
      {message}
    </div>
  );
}

/**
 * Asks for a new confirmation link; shown on its own page and after a failed link. At sign-in the
 * address is already known, so it travels hidden (a second visible email field would repeat ids).
 */
export function ResendVerificationForm({
  ctx,
  email,
  errors,
  hiddenEmail = false,
}: {
  ctx: PageContext;
  email: string;
  errors: FormErrors;
  hiddenEmail?: boolean;
}) {
  return (
    <form method="post" action="/verify-email/resend" class="stack" novalidate>
      <CsrfField ctx={ctx} />
      {hiddenEmail ? (
        <input type="hidden" name="email" value={email} />
      ) : (
        <TextInput
          ctx={ctx}
          name="email"
          type="email"
          label={ctx.t("accounts.field.email")}
          value={email}
          errors={errors}
          required
          autocomplete="email"
          maxLength={254}
        />
      )}
      <div class="actions">
        <button type="submit" class={hiddenEmail ? "secondary" : undefined}>
          {ctx.t("accounts.resend.submit")}
        </button>
      </div>
    </form>
  );
}
