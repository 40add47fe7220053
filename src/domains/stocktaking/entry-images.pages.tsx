import type { FieldError } from "../../platform/errors.ts";
import { CsrfField, type FormErrors, fieldErrorText, Notice, TextInput } from "../../ui/components.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { PresentedImage } from "./entries.presenter.ts";
import { IMAGE_LIMITS } from "./entry-images.service.ts";
import { IMAGE_TYPES } from "./image-format.ts";

/**
 * How wide an entry page shows an image: the full width of a narrow screen, at most the 40rem
 * column otherwise. Browsers pick the rendition from this before any CSS is loaded.
 */
const ENTRY_IMAGE_SIZES = "(max-width: 40rem) 100vw, 40rem";
/** The edit page's thumbnails are at most 10rem high in a grid of about 12rem wide cells. */
const THUMBNAIL_SIZES = "16rem";

/**
 * An entry's images as figures; the alt text is what a screen reader says, so no caption repeats
 * it. Browsers take a WebP rendition of the right width from `srcset`; `src` stays the original.
 */
export function EntryImages({ images, class: className }: { images: PresentedImage[]; class?: string }) {
  if (images.length === 0) return null;
  return (
    <div class={className ? `entry-images ${className}` : "entry-images"}>
      {images.map((image) => (
        <figure key={image.id}>
          <img
            src={image.url}
            alt={image.alt}
            width={image.width}
            height={image.height}
            loading="lazy"
            decoding="async"
            srcset={image.srcset ?? undefined}
            sizes={image.srcset ? ENTRY_IMAGE_SIZES : undefined}
          />
        </figure>
      ))}
    </div>
  );
}

const MB = 1024 * 1024;

/** File errors get their own wording (the shared `fields.too_long` speaks of characters). */
function imageErrorText(ctx: PageContext, name: string, error: FieldError): string {
  if (name !== "file") return fieldErrorText(ctx, error);
  const params =
    error.code === "too_long" ? { max: Math.round(Number(error.params?.max ?? 0) / MB) } : error.params;
  return ctx.t(`entries.images.fileError.${error.code}`, params);
}

/**
 * The upload form's own error summary (the page's main form has one too). Without the form (the
 * entry is full) its items are plain text, as there is no field to link to.
 */
function ImageErrorSummary({
  ctx,
  errors,
  linked,
}: {
  ctx: PageContext;
  errors: FormErrors;
  linked: boolean;
}) {
  const items = Object.entries(errors).filter((item): item is [string, FieldError] => item[1] !== undefined);
  if (items.length === 0) return null;
  return (
    // Focused on load like the main form's summary; the two never show together (separate posts).
    <div
      class="error-summary"
      role="alert"
      aria-labelledby="image-error-summary-title"
      tabIndex={-1}
      autofocus
    >
      <h3 id="image-error-summary-title">{ctx.t("form.errorSummary", { count: items.length })}</h3>
      <ul>
        {items.map(([name, error]) => (
          <li key={name}>
            {linked ? (
              <a href={`#field-${name}`}>{imageErrorText(ctx, name, error)}</a>
            ) : (
              imageErrorText(ctx, name, error)
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A file input laid out and described like the shared form components. */
function FileInput({ ctx, errors }: { ctx: PageContext; errors: FormErrors }) {
  const error = errors.file;
  return (
    <div class="field">
      <label for="field-file">{ctx.t("entries.images.file")}</label>
      <span class="hint" id="file-hint">
        {ctx.t("entries.images.fileHint", {
          max: IMAGE_LIMITS.maxBytes / MB,
          side: IMAGE_LIMITS.maxSide,
        })}
      </span>
      {error ? (
        <span class="field-error" id="file-error">
          {imageErrorText(ctx, "file", error)}
        </span>
      ) : null}
      <input
        id="field-file"
        name="file"
        type="file"
        accept={IMAGE_TYPES.join(",")}
        required
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? "file-hint file-error" : "file-hint"}
      />
    </div>
  );
}

export interface ImagesPanelProps {
  ctx: PageContext;
  entryId: string;
  images: PresentedImage[];
  /** The alt text as typed, kept when the upload failed. */
  alt: string;
  errors: FormErrors;
  idempotencyKey: string;
  removeKeyFor: (imageId: string) => string;
}

/**
 * The edit page's images: the draft's current images, each with its alt text and a remove
 * button, and a separate upload form (multipart, so it cannot share the entry form).
 */
export function ImagesPanel({
  ctx,
  entryId,
  images,
  alt,
  errors,
  idempotencyKey,
  removeKeyFor,
}: ImagesPanelProps) {
  const { t } = ctx;
  const full = images.length >= IMAGE_LIMITS.perEntry;
  return (
    <section id="images" aria-labelledby="images-title" class="stack">
      <h2 id="images-title">{t("entries.images.title")}</h2>
      <p class="hint">{t("entries.images.intro", { max: IMAGE_LIMITS.perEntry })}</p>
      {images.length === 0 ? (
        <p class="muted">{t("entries.images.none")}</p>
      ) : (
        <ol class="image-list">
          {images.map((image, index) => (
            <li key={image.id}>
              <figure>
                <img
                  src={image.url}
                  alt={image.alt}
                  width={image.width}
                  height={image.height}
                  loading="lazy"
                  decoding="async"
                  srcset={image.srcset ?? undefined}
                  sizes={image.srcset ? THUMBNAIL_SIZES : undefined}
                />
                <figcaption>{t("entries.images.altShown", { alt: image.alt })}</figcaption>
              </figure>
              <form
                method="post"
                action={`/entries/${entryId}/images/${image.id}/remove`}
                class="inline-form"
              >
                <CsrfField ctx={ctx} />
                <input type="hidden" name="idempotencyKey" value={removeKeyFor(image.id)} />
                <button type="submit" class="secondary">
                  {t("entries.images.remove", { number: index + 1 })}
                </button>
              </form>
            </li>
          ))}
        </ol>
      )}
      <ImageErrorSummary ctx={ctx} errors={errors} linked={!full} />
      {full ? (
        <Notice>{t("entries.images.full", { max: IMAGE_LIMITS.perEntry })}</Notice>
      ) : (
        <form
          method="post"
          action={`/entries/${entryId}/images`}
          enctype="multipart/form-data"
          class="stack"
          noValidate
        >
          {/* The token comes first, so it is read before the file. */}
          <CsrfField ctx={ctx} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <FileInput ctx={ctx} errors={errors} />
          <TextInput
            ctx={ctx}
            name="alt"
            label={t("entries.images.alt")}
            hint={t("entries.images.altHint", { max: IMAGE_LIMITS.altMax })}
            value={alt}
            errors={errors}
            required
            maxLength={IMAGE_LIMITS.altMax}
          />
          <div class="actions">
            <button type="submit">{t("entries.images.add")}</button>
          </div>
        </form>
      )}
    </section>
  );
}
