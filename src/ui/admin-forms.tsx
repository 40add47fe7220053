import type { ComponentChildren } from "preact";
import { LANGUAGE_NAMES, type Language, UN_LANGUAGES } from "../platform/i18n.ts";
import { CsrfField, ErrorSummary, type FormErrors, TextInput } from "./components.tsx";
import { Layout } from "./layout.tsx";
import type { PageContext } from "./page-context.ts";

/** The frame and the fields the set-up forms of editions, rooms, tracks and special prizes share. */

/** The longest code of a track or a special prize: their services' patterns allow 40 characters. */
const CODE_MAX = 40;

/**
 * A set-up form on a page of its own: a link back, the title, a notice (a refused removal), the
 * error summary, the form with its save button, and what follows it (a remove button).
 */
export function AdminFormPage({
  ctx,
  title,
  back,
  action,
  errors,
  fieldLabel,
  submit,
  notice,
  after,
  children,
}: {
  ctx: PageContext;
  title: string;
  back: { href: string; label: string };
  action: string;
  errors: FormErrors;
  fieldLabel: (name: string) => string | undefined;
  submit: string;
  notice?: ComponentChildren;
  after?: ComponentChildren;
  children: ComponentChildren;
}) {
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={back.href}>{back.label}</a>
      </p>
      <h1>{title}</h1>
      {notice}
      <ErrorSummary ctx={ctx} errors={errors} fieldLabel={fieldLabel} />
      <form method="post" action={action} class="stack" noValidate>
        <CsrfField ctx={ctx} />
        {children}
        <div class="actions">
          <button type="submit" class="button">
            {submit}
          </button>
        </div>
      </form>
      {after}
    </Layout>
  );
}

/** One text per UN language (a theme, a name), each field marked with its language. */
export function LanguageFields({
  ctx,
  legend,
  name,
  label,
  values,
  errors,
  maxLength,
  englishRequired,
}: {
  ctx: PageContext;
  legend: string;
  name: (lang: Language) => string;
  label: (lang: Language) => string;
  values: Readonly<Record<string, string>>;
  errors: FormErrors;
  maxLength: number;
  englishRequired: boolean;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {UN_LANGUAGES.map((lang) => (
        <TextInput
          key={lang}
          ctx={ctx}
          name={name(lang)}
          label={label(lang)}
          value={values[lang]}
          errors={errors}
          required={englishRequired && lang === "en"}
          maxLength={maxLength}
          lang={lang}
          dir="auto"
        />
      ))}
    </fieldset>
  );
}

/**
 * A `datetime-local` field as a form gives it: a wall-clock time in an edition's zone. Each domain's
 * wrapper adds the hint that names the zone, in its own wording.
 */
export interface DateTimeFieldProps {
  ctx: PageContext;
  name: string;
  label: string;
  value: string;
  errors: FormErrors;
}

/** The catalog keys of an edition form, each domain's own wording. */
export interface EditionFormMessages {
  newTitle: string;
  /** Takes `year`. */
  editTitle: string;
  back: string;
  year: string;
  theme: string;
  /** Takes `language`. */
  themeIn: string;
  create: string;
  save: string;
}

/**
 * The form of a yearly edition (Prizes, Forum) under `base`: new (`year` null: the year is asked,
 * posted to the list) or edit (posted to `…/edit`), the theme in each language first, then the
 * domain's own fields.
 */
export function EditionFormFrame({
  ctx,
  base,
  year,
  values,
  errors,
  fieldLabel,
  messages,
  themeField,
  themeMax,
  themeRequired,
  children,
}: {
  ctx: PageContext;
  base: string;
  year: number | null;
  values: { year: string; theme: Readonly<Record<string, string>> };
  errors: FormErrors;
  fieldLabel: (name: string) => string | undefined;
  messages: EditionFormMessages;
  /** The theme's field name in one language, as the domain's form reader expects it. */
  themeField: (lang: Language) => string;
  themeMax: number;
  /** The English theme is required. */
  themeRequired: boolean;
  children: ComponentChildren;
}) {
  const { t } = ctx;
  return (
    <AdminFormPage
      ctx={ctx}
      title={year === null ? t(messages.newTitle) : t(messages.editTitle, { year })}
      back={{ href: year === null ? base : `${base}/${year}`, label: t(messages.back) }}
      action={year === null ? base : `${base}/${year}/edit`}
      errors={errors}
      fieldLabel={fieldLabel}
      submit={year === null ? t(messages.create) : t(messages.save)}
    >
      {year === null ? (
        <TextInput
          ctx={ctx}
          name="year"
          type="number"
          label={t(messages.year)}
          value={values.year}
          errors={errors}
          required
        />
      ) : null}
      <LanguageFields
        ctx={ctx}
        legend={t(messages.theme)}
        name={themeField}
        label={(lang) => t(messages.themeIn, { language: LANGUAGE_NAMES[lang] })}
        values={values.theme}
        errors={errors}
        maxLength={themeMax}
        englishRequired={themeRequired}
      />
      {children}
    </AdminFormPage>
  );
}

/** A code (short, stable, for links and exports) and a name in each language, English required. */
export function CodeAndNames({
  ctx,
  values,
  errors,
  codeLabel,
  codeHint,
  legend,
  nameField,
  nameLabel,
  nameMax,
}: {
  ctx: PageContext;
  values: { code: string; names: Readonly<Record<string, string>> };
  errors: FormErrors;
  codeLabel: string;
  codeHint: string;
  legend: string;
  nameField: (lang: Language) => string;
  nameLabel: (lang: Language) => string;
  nameMax: number;
}) {
  return (
    <>
      <TextInput
        ctx={ctx}
        name="code"
        label={codeLabel}
        hint={codeHint}
        value={values.code}
        errors={errors}
        required
        maxLength={CODE_MAX}
      />
      <LanguageFields
        ctx={ctx}
        legend={legend}
        name={nameField}
        label={nameLabel}
        values={values.names}
        errors={errors}
        maxLength={nameMax}
        englishRequired
      />
    </>
  );
}
