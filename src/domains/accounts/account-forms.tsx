import type { ComponentChildren } from "preact";
import { PASSWORD_MIN } from "../../platform/auth/passwords.ts";
import { EMAIL_MAX } from "../../platform/validation.ts";
import {
  CsrfField,
  describedBy,
  FieldLabel,
  type FormErrors,
  fieldId,
  TextInput,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
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
  return (
    <div class="field">
      <FieldLabel ctx={ctx} name={name} label={label} required hint={hint} error={error} />
      <input
        id={fieldId(name)}
        name={name}
        type="text"
        value={value}
        list={`${name}-suggestions`}
        autocomplete="organization"
        required
        maxLength={maxLength}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(name, hint, error)}
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
          maxLength={EMAIL_MAX}
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

/**
 * A new password and its confirmation, as registration and password reset ask for them; the
 * `new-password` hint lets password managers offer a generated one.
 */
export function NewPasswordFields({
  ctx,
  errors,
  label,
  confirmLabel,
}: {
  ctx: PageContext;
  errors: FormErrors;
  label: string;
  confirmLabel: string;
}) {
  return (
    <>
      <TextInput
        ctx={ctx}
        name="password"
        type="password"
        label={label}
        hint={ctx.t("accounts.register.passwordHint", { min: PASSWORD_MIN })}
        errors={errors}
        required
        autocomplete="new-password"
      />
      <TextInput
        ctx={ctx}
        name="confirmPassword"
        type="password"
        label={confirmLabel}
        errors={errors}
        required
        autocomplete="new-password"
      />
    </>
  );
}

/**
 * An expired, used or broken one-time link: names the problem and, for a used link, points to
 * signing in (it most likely worked the first time). `otherwise` explains the other problems;
 * `children` offer the way on (a new link).
 */
export function LinkProblemPage({
  ctx,
  code,
  otherwise,
  children,
}: {
  ctx: PageContext;
  code: string;
  otherwise?: ComponentChildren;
  children: ComponentChildren;
}) {
  const { t } = ctx;
  const title = t(`errors.${code}`);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {code === "link_used" ? (
        <p>
          {t("accounts.link.usedHelp")} <a href="/sign-in">{t("accounts.signIn.title")}</a>
        </p>
      ) : (
        (otherwise ?? null)
      )}
      {children}
    </Layout>
  );
}
