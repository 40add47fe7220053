import type { AppError } from "../../platform/errors.ts";
import { LANGUAGE_NAMES, UN_LANGUAGES } from "../../platform/i18n.ts";
import { CsrfField, ErrorSummary, type FormErrors, Notice, TextInput } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import {
  CAPACITY_MAX,
  ROOM_NAME_MAX,
  type RoomForm,
  TRACK_NAME_MAX,
  type TrackForm,
  trackNameField,
} from "./edition-rooms.service.ts";

/** The admin forms of a room and of a special track, each with its removal button when editing. */

/** Why a removal was refused: the message and its stable code, for people and for support. */
function Problem({ ctx, problem }: { ctx: PageContext; problem: AppError | null }) {
  if (!problem) return null;
  return (
    <Notice kind="error">
      <p>
        {ctx.t(`errors.${problem.code}`, problem.params)} <code>{problem.code}</code>
      </p>
    </Notice>
  );
}

function RemoveForm({ ctx, action, label }: { ctx: PageContext; action: string; label: string }) {
  return (
    <form method="post" action={action} class="actions">
      <CsrfField ctx={ctx} />
      <button type="submit" class="button button--danger">
        {label}
      </button>
    </form>
  );
}

export function RoomFormPage({
  ctx,
  year,
  zone,
  id,
  values,
  errors,
  problem = null,
}: {
  ctx: PageContext;
  year: number;
  zone: string;
  id: string | null;
  values: RoomForm;
  errors: FormErrors;
  problem?: AppError | null;
}) {
  const { t } = ctx;
  const base = `/admin/forum/${year}`;
  const title = id
    ? t("forum.editions.rooms.editTitle", { year })
    : t("forum.editions.rooms.newTitle", { year });
  const label = (name: string) => t(`forum.editions.rooms.${name}`);
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={base}>{t("forum.editions.admin.backToEdition")}</a>
      </p>
      <h1>{title}</h1>
      <Problem ctx={ctx} problem={problem} />
      <ErrorSummary ctx={ctx} errors={errors} fieldLabel={label} />
      <form method="post" action={id ? `${base}/rooms/${id}` : `${base}/rooms`} class="stack" noValidate>
        <CsrfField ctx={ctx} />
        <TextInput
          ctx={ctx}
          name="name"
          label={label("name")}
          value={values.name}
          errors={errors}
          required
          maxLength={ROOM_NAME_MAX}
        />
        <TextInput
          ctx={ctx}
          name="capacity"
          type="number"
          label={label("capacity")}
          hint={t("forum.editions.rooms.capacityHint", { max: CAPACITY_MAX })}
          value={values.capacity}
          errors={errors}
          required
        />
        <TextInput
          ctx={ctx}
          name="opensAt"
          label={label("opensAt")}
          hint={t("forum.editions.rooms.timeHint", { zone })}
          value={values.opensAt}
          errors={errors}
          required
          maxLength={8}
        />
        <TextInput
          ctx={ctx}
          name="closesAt"
          label={label("closesAt")}
          hint={t("forum.editions.rooms.timeHint", { zone })}
          value={values.closesAt}
          errors={errors}
          required
          maxLength={8}
        />
        <div class="actions">
          <button type="submit" class="button">
            {t("forum.editions.form.save")}
          </button>
        </div>
      </form>
      {id ? (
        <RemoveForm
          ctx={ctx}
          action={`${base}/rooms/${id}/delete`}
          label={t("forum.editions.rooms.remove")}
        />
      ) : null}
    </Layout>
  );
}

export function TrackFormPage({
  ctx,
  year,
  id,
  values,
  errors,
  problem = null,
}: {
  ctx: PageContext;
  year: number;
  id: string | null;
  values: TrackForm;
  errors: FormErrors;
  problem?: AppError | null;
}) {
  const { t } = ctx;
  const base = `/admin/forum/${year}`;
  const title = id
    ? t("forum.editions.tracks.editTitle", { year })
    : t("forum.editions.tracks.newTitle", { year });
  const fieldLabel = (name: string) => {
    if (name === "code") return t("forum.editions.tracks.code");
    const lang = /^name_([a-z]{2})$/.exec(name)?.[1];
    return lang ? t("forum.editions.tracks.nameIn", { language: LANGUAGE_NAMES[lang as "en"] }) : undefined;
  };
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={base}>{t("forum.editions.admin.backToEdition")}</a>
      </p>
      <h1>{title}</h1>
      <Problem ctx={ctx} problem={problem} />
      <ErrorSummary ctx={ctx} errors={errors} fieldLabel={fieldLabel} />
      <form method="post" action={id ? `${base}/tracks/${id}` : `${base}/tracks`} class="stack" noValidate>
        <CsrfField ctx={ctx} />
        <TextInput
          ctx={ctx}
          name="code"
          label={t("forum.editions.tracks.code")}
          hint={t("forum.editions.tracks.codeHint")}
          value={values.code}
          errors={errors}
          required
          maxLength={40}
        />
        <fieldset>
          <legend>{t("forum.editions.tracks.names")}</legend>
          {UN_LANGUAGES.map((lang) => (
            <TextInput
              key={lang}
              ctx={ctx}
              name={trackNameField(lang)}
              label={t("forum.editions.tracks.nameIn", { language: LANGUAGE_NAMES[lang] })}
              value={values.names[lang]}
              errors={errors}
              required={lang === "en"}
              maxLength={TRACK_NAME_MAX}
              lang={lang}
              dir="auto"
            />
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit" class="button">
            {t("forum.editions.form.save")}
          </button>
        </div>
      </form>
      {id ? (
        <RemoveForm
          ctx={ctx}
          action={`${base}/tracks/${id}/delete`}
          label={t("forum.editions.tracks.remove")}
        />
      ) : null}
    </Layout>
  );
}
