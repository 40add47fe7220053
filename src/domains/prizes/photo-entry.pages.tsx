import type { FieldError } from "../../platform/errors.ts";
import {
  Choices,
  CsrfField,
  FieldNotes,
  type FormErrors,
  fieldErrorText,
  Notice,
  TextInput,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { PHOTO_TYPES } from "./photo-files.ts";
import { PHOTO_LICENCES, PHOTO_LIMITS, type PhotoForm } from "./photo-input.ts";
import { ContestStatusLine, PhotoFigure } from "./photos.pages.tsx";
import type { ContestStatus, PresentedPhoto } from "./photos.presenter.ts";

const MB = 1024 * 1024;
/** The own-photos list shows small cells, about 16rem wide. */
const MINE_SIZES = "16rem";

export interface MyPhotosProps {
  year: number;
  status: ContestStatus;
  photos: PresentedPhoto[];
  form: PhotoForm;
  errors: FormErrors;
  maxBytes: number;
  sdgOptions: Array<{ value: string; label: string }>;
}

/** File errors get their own wording (the shared `fields.too_long` speaks of characters). */
function errorText(ctx: PageContext, name: string, error: FieldError, maxBytes: number): string {
  if (name !== "file") return fieldErrorText(ctx, error);
  const params = error.code === "too_long" ? { max: Math.round((maxBytes / MB) * 10) / 10 } : error.params;
  return ctx.t(`prizes.photos.fileError.${error.code}`, params);
}

/** A single required checkbox (a consent), with its message under it. */
function ConsentBox({
  ctx,
  name,
  label,
  checked,
  error,
}: {
  ctx: PageContext;
  name: string;
  label: string;
  checked: boolean;
  error: FieldError | undefined;
}) {
  return (
    <div class="field">
      <FieldNotes ctx={ctx} name={name} error={error} />
      <div class="choice">
        <input
          type="checkbox"
          id={`field-${name}`}
          name={name}
          value="yes"
          checked={checked}
          required
          aria-invalid={error ? "true" : undefined}
          aria-describedby={error ? `${name}-error` : undefined}
        />
        <label for={`field-${name}`}>{label}</label>
      </div>
    </div>
  );
}

function EntryForm({ ctx, year, form, errors, maxBytes, sdgOptions }: MyPhotosProps & { ctx: PageContext }) {
  const { t } = ctx;
  const fileError = errors.file;
  const labels: Record<string, string> = {
    file: t("prizes.photos.form.file"),
    caption: t("prizes.photos.form.caption"),
    sdgs: t("prizes.photos.form.sdgs"),
    licence: t("prizes.photos.form.licence"),
    ownsRights: t("prizes.photos.form.ownsRightsShort"),
    personsConsented: t("prizes.photos.form.personsConsentedShort"),
    birthDate: t("prizes.photos.form.birthDate"),
  };
  return (
    <form
      method="post"
      action={`/prizes/${year}/photos`}
      enctype="multipart/form-data"
      class="stack"
      noValidate
      aria-labelledby="photo-form-title"
    >
      <h2 id="photo-form-title">{t("prizes.photos.form.title")}</h2>
      {Object.keys(errors).length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autofocus>
          <h3 id="error-summary-title">{t("form.errorSummary", { count: Object.keys(errors).length })}</h3>
          <ul>
            {Object.entries(errors).map(([name, error]) =>
              error ? (
                <li key={name}>
                  <a href={`#field-${name}`}>
                    {t("form.fieldError", {
                      field: labels[name] ?? name,
                      message: errorText(ctx, name, error, maxBytes),
                    })}
                  </a>
                </li>
              ) : null,
            )}
          </ul>
        </div>
      ) : null}
      {/* The token comes first, so it is read before the file. */}
      <CsrfField ctx={ctx} />
      <div class="field">
        <label for="field-file">{labels.file}</label>
        <span class="hint" id="file-hint">
          {t("prizes.photos.form.fileHint", {
            max: Math.round((maxBytes / MB) * 10) / 10,
            side: PHOTO_LIMITS.maxSide,
          })}
        </span>
        {fileError ? (
          <span class="field-error" id="file-error">
            {errorText(ctx, "file", fileError, maxBytes)}
          </span>
        ) : null}
        <input
          id="field-file"
          name="file"
          type="file"
          accept={PHOTO_TYPES.join(",")}
          required
          aria-invalid={fileError ? "true" : undefined}
          aria-describedby={fileError ? "file-hint file-error" : "file-hint"}
        />
      </div>
      <TextInput
        ctx={ctx}
        name="caption"
        label={labels.caption as string}
        hint={t("prizes.photos.form.captionHint", { max: PHOTO_LIMITS.captionMax })}
        value={form.caption}
        errors={errors}
        required
        maxLength={PHOTO_LIMITS.captionMax}
      />
      <Choices
        ctx={ctx}
        name="sdgs"
        legend={labels.sdgs as string}
        hint={t("prizes.photos.form.sdgsHint")}
        options={sdgOptions}
        selected={form.sdgs}
        errors={errors}
      />
      <Choices
        ctx={ctx}
        name="licence"
        type="radio"
        legend={labels.licence as string}
        hint={t("prizes.photos.form.licenceHint")}
        options={PHOTO_LICENCES.map((licence) => ({
          value: licence,
          label: t(`prizes.photos.licenceOption.${licence}`),
        }))}
        selected={[form.licence]}
        errors={errors}
      />
      <fieldset class="field">
        <legend>{t("prizes.photos.form.consents")}</legend>
        <ConsentBox
          ctx={ctx}
          name="ownsRights"
          label={t("prizes.photos.form.ownsRights")}
          checked={form.ownsRights}
          error={errors.ownsRights}
        />
        <ConsentBox
          ctx={ctx}
          name="personsConsented"
          label={t("prizes.photos.form.personsConsented")}
          checked={form.personsConsented}
          error={errors.personsConsented}
        />
      </fieldset>
      <TextInput
        ctx={ctx}
        name="birthDate"
        type="date"
        label={labels.birthDate as string}
        hint={t("prizes.photos.form.birthDateHint", { age: PHOTO_LIMITS.minAge })}
        value={form.birthDate}
        errors={errors}
        required
        autocomplete="bday"
      />
      <p class="hint">{t("prizes.photos.form.publicNotice")}</p>
      <div class="actions">
        <button type="submit">{t("prizes.photos.form.submit")}</button>
      </div>
    </form>
  );
}

/** The entrant's own page: their photos (removable while entries are open) and the entry form. */
export function MyPhotosPage(props: MyPhotosProps & { ctx: PageContext }) {
  const { ctx, year, status, photos } = props;
  const { t } = ctx;
  const open = status.state === "open";
  const full = photos.length >= PHOTO_LIMITS.perEntrant;
  const title = t("prizes.photos.mine.title", { year });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/prizes/${year}/photos`}>{t("prizes.photos.mine.backToGallery", { year })}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">
        {t("prizes.photos.mine.lead", { max: PHOTO_LIMITS.perEntrant, age: PHOTO_LIMITS.minAge })}
      </p>
      <ContestStatusLine ctx={ctx} status={status} />
      <section aria-labelledby="my-photos-title" class="stack">
        <h2 id="my-photos-title">
          {t("prizes.photos.mine.count", { count: photos.length, max: PHOTO_LIMITS.perEntrant })}
        </h2>
        {photos.length === 0 ? (
          <p class="muted">{t("prizes.photos.mine.none")}</p>
        ) : (
          <ol class="photo-grid photo-grid--small">
            {photos.map((photo, index) => (
              <li key={photo.id}>
                <PhotoFigure ctx={ctx} photo={photo} sizes={MINE_SIZES}>
                  {photo.shortlisted ? <span class="tag">{t("prizes.photos.shortlisted")}</span> : null}
                  {open ? (
                    <form
                      method="post"
                      action={`/prizes/${year}/photos/${photo.id}/remove`}
                      class="inline-form"
                    >
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="secondary">
                        {t("prizes.photos.mine.remove", { number: index + 1 })}
                      </button>
                    </form>
                  ) : null}
                </PhotoFigure>
              </li>
            ))}
          </ol>
        )}
      </section>
      {!open ? (
        <Notice>{t("prizes.photos.mine.closed")}</Notice>
      ) : full ? (
        <Notice>{t("prizes.photos.mine.full", { max: PHOTO_LIMITS.perEntrant })}</Notice>
      ) : (
        <EntryForm {...props} />
      )}
    </Layout>
  );
}
