import type { ComponentChildren } from "preact";
import type { AppError } from "../../platform/errors.ts";
import { LANGUAGE_NAMES } from "../../platform/i18n.ts";
import { AdminFormPage, CodeAndNames } from "../../ui/admin-forms.tsx";
import { CsrfField, type FormErrors, Notice, TextInput } from "../../ui/components.tsx";
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

/** What both forms are drawn from; `id` null: a new one. */
interface ItemFormProps<Form> {
  ctx: PageContext;
  year: number;
  id: string | null;
  values: Form;
  errors: FormErrors;
  problem?: AppError | null;
}

/** The frame of both forms: back to the edition, saved to the list or the item, removable once saved. */
function EditionItemForm({
  ctx,
  year,
  id,
  errors,
  problem = null,
  path,
  title,
  removeLabel,
  fieldLabel,
  children,
}: Omit<ItemFormProps<unknown>, "values"> & {
  path: "rooms" | "tracks";
  title: string;
  removeLabel: string;
  fieldLabel: (name: string) => string | undefined;
  children: ComponentChildren;
}) {
  const base = `/admin/forum/${year}`;
  return (
    <AdminFormPage
      ctx={ctx}
      title={title}
      back={{ href: base, label: ctx.t("forum.editions.admin.backToEdition") }}
      action={id ? `${base}/${path}/${id}` : `${base}/${path}`}
      errors={errors}
      fieldLabel={fieldLabel}
      submit={ctx.t("forum.editions.form.save")}
      notice={<Problem ctx={ctx} problem={problem} />}
      after={id ? <RemoveForm ctx={ctx} action={`${base}/${path}/${id}/delete`} label={removeLabel} /> : null}
    >
      {children}
    </AdminFormPage>
  );
}

export function RoomFormPage(props: ItemFormProps<RoomForm> & { zone: string }) {
  const { ctx, year, id, values, errors, zone } = props;
  const { t } = ctx;
  const label = (name: string) => t(`forum.editions.rooms.${name}`);
  return (
    <EditionItemForm
      {...props}
      path="rooms"
      title={
        id ? t("forum.editions.rooms.editTitle", { year }) : t("forum.editions.rooms.newTitle", { year })
      }
      removeLabel={t("forum.editions.rooms.remove")}
      fieldLabel={label}
    >
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
      {(["opensAt", "closesAt"] as const).map((name) => (
        <TextInput
          key={name}
          ctx={ctx}
          name={name}
          label={label(name)}
          hint={t("forum.editions.rooms.timeHint", { zone })}
          value={values[name]}
          errors={errors}
          required
          maxLength={8}
        />
      ))}
    </EditionItemForm>
  );
}

export function TrackFormPage(props: ItemFormProps<TrackForm>) {
  const { ctx, year, id, values, errors } = props;
  const { t } = ctx;
  const nameLabel = (language: string) => t("forum.editions.tracks.nameIn", { language });
  const fieldLabel = (name: string) => {
    if (name === "code") return t("forum.editions.tracks.code");
    const lang = /^name_([a-z]{2})$/.exec(name)?.[1];
    return lang ? nameLabel(LANGUAGE_NAMES[lang as "en"]) : undefined;
  };
  return (
    <EditionItemForm
      {...props}
      path="tracks"
      title={
        id ? t("forum.editions.tracks.editTitle", { year }) : t("forum.editions.tracks.newTitle", { year })
      }
      removeLabel={t("forum.editions.tracks.remove")}
      fieldLabel={fieldLabel}
    >
      <CodeAndNames
        ctx={ctx}
        values={values}
        errors={errors}
        codeLabel={t("forum.editions.tracks.code")}
        codeHint={t("forum.editions.tracks.codeHint")}
        legend={t("forum.editions.tracks.names")}
        nameField={trackNameField}
        nameLabel={(lang) => nameLabel(LANGUAGE_NAMES[lang])}
        nameMax={TRACK_NAME_MAX}
      />
    </EditionItemForm>
  );
}
