import { LANGUAGE_NAMES, type Language } from "../../platform/i18n.ts";
import {
  CsrfField,
  ErrorSummary,
  type FormErrors,
  Select,
  TextArea,
  TextInput,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { ENTRY_LANGUAGES, ENTRY_LIMITS, type EntryTranslation } from "./entry-fields.ts";
import type { ReadingText } from "./entry-translations.presenter.ts";

const languageName = (ctx: PageContext, code: string): string => ctx.t(`entries.language.${code}`);

/** A language's own name ("Français"), marked with its language so screen readers say it right. */
function Autonym({ code }: { code: string }) {
  const name = LANGUAGE_NAMES[code as Language];
  return name ? <span lang={code}>{name}</span> : code;
}

/**
 * Under an entry's title: whether the reader sees a translation or the original in another
 * language, and every other language the entry can be read in (`?text=`).
 */
export function ReadingNote({
  ctx,
  entryId,
  reading,
}: {
  ctx: PageContext;
  entryId: string;
  reading: ReadingText;
}) {
  const { t } = ctx;
  const original = reading.originalLanguage;
  const others = reading.versions.filter((version) => version.language !== reading.language);
  let note: string | null = null;
  if (!reading.isOriginal) note = t("entries.reading.translated", { language: languageName(ctx, original) });
  else if (original && original !== ctx.lang)
    note = t("entries.reading.original", { language: languageName(ctx, original) });
  if (note === null && others.length === 0) return null;
  return (
    <div class="reading-note">
      {note ? <p>{note}</p> : null}
      {others.length > 0 ? (
        <nav aria-label={t("entries.reading.versions")}>
          <span>{t("entries.reading.readIn")}</span>{" "}
          <ul class="inline-list">
            {others.map((version) => (
              <li key={version.language}>
                <a href={`/entries/${entryId}?text=${version.language}`} hreflang={version.language}>
                  <Autonym code={version.language} />
                  {version.isOriginal ? ` ${t("entries.reading.originalTag")}` : null}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}

/** The edit page's pointer to the translations, which have a page of their own. */
export function TranslationsSummary({
  ctx,
  entryId,
  translations,
}: {
  ctx: PageContext;
  entryId: string;
  translations: readonly EntryTranslation[];
}) {
  const { t } = ctx;
  return (
    <section id="translations" aria-labelledby="translations-title" class="stack">
      <h2 id="translations-title">{t("entries.translations.title")}</h2>
      <p>
        {translations.length === 0
          ? t("entries.translations.none")
          : t("entries.translations.list", {
              languages: translations.map((item) => languageName(ctx, item.language)).join(", "),
            })}
      </p>
      <p>
        <a href={`/entries/${entryId}/translations`}>{t("entries.translations.manage")}</a>
      </p>
    </section>
  );
}

/** The translation form's values: as typed after a refusal, or the translation being changed. */
export interface TranslationFormValues {
  language: string;
  title: string;
  description: string;
}

export interface TranslationsPageProps {
  ctx: PageContext;
  entryId: string;
  title: string;
  originalLanguage: string;
  translations: readonly EntryTranslation[];
  values: TranslationFormValues;
  errors: FormErrors;
  idempotencyKey: string;
  removeKeyFor: (language: string) => string;
}

/**
 * The owner's translations of one entry: each with a change link and a remove button, and one form
 * that adds a translation or replaces the one in the chosen language.
 */
export function TranslationsPage({
  ctx,
  entryId,
  title,
  originalLanguage,
  translations,
  values,
  errors,
  idempotencyKey,
  removeKeyFor,
}: TranslationsPageProps) {
  const { t } = ctx;
  // First-strong isolates keep an Arabic title from reordering the words of an English heading.
  const heading = t("entries.translations.pageTitle", { title: `\u2068${title}\u2069` });
  const editing = translations.some((item) => item.language === values.language);
  const options = ENTRY_LANGUAGES.filter((code) => code !== originalLanguage).map((code) => ({
    value: code,
    label: languageName(ctx, code),
  }));
  const fieldLabels: Record<string, string> = {
    language: t("entries.translations.language"),
    title: t("entries.translations.translatedTitle"),
    description: t("entries.translations.translatedDescription"),
  };
  const typedIn = (ENTRY_LANGUAGES as readonly string[]).includes(values.language)
    ? values.language
    : undefined;
  return (
    <Layout ctx={ctx} title={heading}>
      <h1>{heading}</h1>
      <p>
        <a href={`/entries/${entryId}/edit`}>{t("entries.translations.backToEdit")}</a>
      </p>
      <p>{t("entries.translations.intro", { language: languageName(ctx, originalLanguage) })}</p>
      <h2>{t("entries.translations.existing")}</h2>
      {translations.length === 0 ? (
        <p class="muted">{t("entries.translations.none")}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">{t("entries.translations.existing")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("entries.translations.language")}</th>
                <th scope="col">{t("entries.translations.translatedTitle")}</th>
                <th scope="col">{t("entries.mine.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {translations.map((item) => (
                <tr key={item.language}>
                  <td>{languageName(ctx, item.language)}</td>
                  <td lang={item.language} dir="auto">
                    {item.title}
                  </td>
                  <td>
                    <div class="actions">
                      <a href={`/entries/${entryId}/translations?language=${item.language}#translation-form`}>
                        {t("entries.translations.change", { language: languageName(ctx, item.language) })}
                      </a>
                      <form
                        method="post"
                        action={`/entries/${entryId}/translations/${item.language}/remove`}
                        class="inline-form"
                      >
                        <CsrfField ctx={ctx} />
                        <input type="hidden" name="idempotencyKey" value={removeKeyFor(item.language)} />
                        <button type="submit" class="secondary">
                          {t("entries.translations.remove", { language: languageName(ctx, item.language) })}
                        </button>
                      </form>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        id="translation-form"
        method="post"
        action={`/entries/${entryId}/translations`}
        class="stack"
        noValidate
        aria-labelledby="translation-form-title"
      >
        <h2 id="translation-form-title">
          {editing
            ? t("entries.translations.change", { language: languageName(ctx, values.language) })
            : t("entries.translations.addTitle")}
        </h2>
        <ErrorSummary ctx={ctx} errors={errors} fieldLabel={(name) => fieldLabels[name]} />
        <CsrfField ctx={ctx} />
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <Select
          ctx={ctx}
          name="language"
          label={fieldLabels.language as string}
          hint={t("entries.translations.languageHint")}
          value={values.language}
          errors={errors}
          options={options}
          required
        />
        <TextInput
          ctx={ctx}
          name="title"
          label={fieldLabels.title as string}
          value={values.title}
          errors={errors}
          required
          maxLength={ENTRY_LIMITS.titleMax}
          lang={typedIn}
          dir="auto"
        />
        <TextArea
          ctx={ctx}
          name="description"
          label={fieldLabels.description as string}
          hint={t("entries.translations.descriptionHint", {
            min: ENTRY_LIMITS.descriptionMin,
            max: ENTRY_LIMITS.descriptionMax,
          })}
          value={values.description}
          errors={errors}
          required
          maxLength={ENTRY_LIMITS.descriptionMax}
          lang={typedIn}
          dir="auto"
        />
        <p class="hint">{t("entries.translations.reviewHint")}</p>
        <div class="actions">
          <button type="submit">{t("entries.translations.save")}</button>
        </div>
      </form>
    </Layout>
  );
}
