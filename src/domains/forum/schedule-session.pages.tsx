import {
  CsrfField,
  describedBy,
  ErrorSummary,
  FieldLabel,
  FieldNotes,
  type FormErrors,
  fieldId,
  Notice,
  Select,
  TextInput,
} from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { Conflict } from "./conflicts.ts";
import { SPEAKER_ROLES, vocabularyLabel } from "./forum-vocabulary.ts";
import type { ScheduleSessionRow } from "./schedule.repo.ts";
import type { RoomRow, ScheduleEdition } from "./schedule.service.ts";
import {
  ConflictList,
  dayLabel,
  PlacesText,
  placeText,
  programmeBase,
  sessionUrl,
} from "./schedule-components.tsx";
import {
  DURATION_MAX,
  DURATION_MIN,
  PLACES_MAX,
  PLACES_MIN,
  SOFT_FIELD_CODES,
  speakerField,
  TITLE_MAX,
} from "./schedule-input.ts";
import type { PlaceCounts } from "./waitlist.repo.ts";

export interface SlotValues {
  day: string;
  start: string;
  duration: string;
  room: string;
}

export interface SpeakerValues {
  name: string;
  email: string;
  organisation: string;
  role: string;
}

export interface PlacesValues {
  limited: boolean;
  capacity: string;
}

export interface SessionForms {
  slot: { values: SlotValues; errors: FormErrors };
  details: { values: { title: string; speakers: SpeakerValues[] }; errors: FormErrors };
  /** `problem`: the code of a refusal that is not about a field (a cancelled session). */
  places: { values: PlacesValues; errors: FormErrors; problem?: string };
}

/** True when every problem is a warning the secretariat may override ("save anyway"). */
const onlyWarnings = (errors: FormErrors) => {
  const list = Object.values(errors).filter((error) => error !== undefined);
  return list.length > 0 && list.every((error) => SOFT_FIELD_CODES.has(error.code));
};

function SaveAnyway({ ctx, errors, id }: { ctx: PageContext; errors: FormErrors; id: string }) {
  if (!onlyWarnings(errors)) return null;
  return (
    <div class="choice schedule-override">
      <input type="checkbox" id={id} name="override" value="yes" />
      <label for={id}>{ctx.t("forum.schedule.saveAnyway")}</label>
    </div>
  );
}

function SpeakerRow({
  ctx,
  index,
  values,
  errors,
}: {
  ctx: PageContext;
  index: number;
  values: SpeakerValues;
  errors: FormErrors;
}) {
  const { t } = ctx;
  const role = speakerField(index, "role");
  return (
    <fieldset class="schedule-speaker">
      <legend>{t("forum.schedule.speaker", { number: index + 1 })}</legend>
      <TextInput
        ctx={ctx}
        name={speakerField(index, "name")}
        label={t("forum.schedule.speakerName")}
        value={values.name}
        errors={errors}
        maxLength={200}
      />
      <TextInput
        ctx={ctx}
        name={speakerField(index, "email")}
        type="email"
        label={t("forum.schedule.speakerEmail")}
        value={values.email}
        errors={errors}
      />
      <TextInput
        ctx={ctx}
        name={speakerField(index, "organisation")}
        label={t("forum.schedule.speakerOrganisation")}
        value={values.organisation}
        errors={errors}
        maxLength={300}
      />
      <Select
        ctx={ctx}
        name={role}
        label={t("forum.schedule.speakerRole")}
        value={values.role || "panellist"}
        errors={errors}
        options={SPEAKER_ROLES.map((code) => ({
          value: code,
          label: vocabularyLabel.speakerRole(ctx.t, code),
        }))}
        required
      />
    </fieldset>
  );
}

/**
 * One session for the secretariat: where it is, its places, its conflicts, the form that places or
 * moves it (day, start, length, room: the keyboard and no-script way to schedule), the form for its
 * places and the form for its title and speakers. Warnings come back next to their fields with a
 * "save anyway" box.
 */
export function ScheduleSessionPage({
  ctx,
  edition,
  session,
  rooms,
  conflicts,
  sessions,
  places,
  forms,
}: {
  ctx: PageContext;
  edition: ScheduleEdition;
  session: ScheduleSessionRow;
  rooms: RoomRow[];
  conflicts: Conflict[];
  sessions: ScheduleSessionRow[];
  places: PlaceCounts;
  forms: SessionForms;
}) {
  const { t } = ctx;
  const url = sessionUrl(edition, session.number);
  const title = t("forum.schedule.sessionName", { number: session.number, title: session.title });
  const slot = forms.slot;
  const startError = slot.errors.start;
  const remote = session.mode === "remote";
  const room = rooms.find((item) => item.id === session.room_id);
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={programmeBase(edition)}>{t("forum.schedule.backToGrid")}</a>
      </p>
      <h1>{title}</h1>
      <dl class="fields">
        <dt>{t("forum.schedule.type")}</dt>
        <dd>{vocabularyLabel.sessionType(t, session.session_type)}</dd>
        <dt>{t("forum.schedule.mode")}</dt>
        <dd>{vocabularyLabel.sessionMode(t, session.mode)}</dd>
        <dt>{t("forum.schedule.status")}</dt>
        <dd>{t(`forum.schedule.status.${session.status}`)}</dd>
        <dt>{t("forum.schedule.place")}</dt>
        <dd>
          {placeText(ctx, edition, session)}
          {room ? `, ${room.name}` : ""}
        </dd>
        <dt>{t("forum.schedule.places")}</dt>
        <dd>
          <PlacesText ctx={ctx} session={session} room={room} counts={places} />
        </dd>
      </dl>
      <h2>{t("forum.schedule.sessionConflicts", { count: conflicts.length })}</h2>
      <ConflictList ctx={ctx} edition={edition} conflicts={conflicts} sessions={sessions} rooms={rooms} />
      {session.status === "cancelled" ? (
        <p>{t("forum.schedule.cancelled")}</p>
      ) : (
        <>
          <form method="post" action={`${url}/slot`} class="stack" noValidate>
            <h2>{t("forum.schedule.slotTitle")}</h2>
            <p class="muted">{t("forum.schedule.slotLead", { zone: edition.timeZone })}</p>
            <CsrfField ctx={ctx} />
            <ErrorSummary ctx={ctx} errors={slot.errors} />
            <Select
              ctx={ctx}
              name="day"
              label={t("forum.schedule.day")}
              value={slot.values.day}
              errors={slot.errors}
              options={edition.days.map((day) => ({ value: day, label: dayLabel(ctx, day) }))}
              required
            />
            <div class="field">
              <FieldLabel
                ctx={ctx}
                name="start"
                label={t("forum.schedule.start")}
                required
                hint={t("forum.schedule.startHint")}
                error={startError}
              />
              <input
                type="time"
                id={fieldId("start")}
                name="start"
                value={slot.values.start}
                required
                aria-invalid={startError ? "true" : undefined}
                aria-describedby={describedBy("start", true, startError)}
              />
            </div>
            <TextInput
              ctx={ctx}
              name="duration"
              type="number"
              label={t("forum.schedule.duration", { min: DURATION_MIN, max: DURATION_MAX })}
              value={slot.values.duration}
              errors={slot.errors}
              required
            />
            <Select
              ctx={ctx}
              name="room"
              label={t("forum.schedule.room")}
              value={slot.values.room}
              errors={slot.errors}
              options={rooms.map((room) => ({
                value: room.id,
                label: t("forum.schedule.roomOption", {
                  room: room.name,
                  count: room.capacity,
                  opens: room.opens_at.slice(0, 5),
                  closes: room.closes_at.slice(0, 5),
                }),
              }))}
              required={!remote}
              {...(remote ? { placeholder: t("forum.schedule.noRoom") } : {})}
            />
            <SaveAnyway ctx={ctx} errors={slot.errors} id="field-override-slot" />
            <div class="actions">
              <button type="submit" class="button">
                {t("forum.schedule.saveSlot")}
              </button>
            </div>
          </form>
          {session.status === "scheduled" ? (
            <form method="post" action={`${url}/unschedule`} class="stack">
              <CsrfField ctx={ctx} />
              <div class="actions">
                <button type="submit" class="button button--secondary">
                  {t("forum.schedule.unschedule")}
                </button>
              </div>
            </form>
          ) : null}
          <PlacesForm ctx={ctx} url={url} forms={forms} taken={places.confirmed} />
        </>
      )}
      <DetailsForm ctx={ctx} url={url} forms={forms} />
    </Layout>
  );
}

/**
 * Whether registration takes limited places with a waiting list, and how many. Raising the number
 * seats the first people waiting; lifting the limit seats them all (the service says so first).
 */
function PlacesForm({
  ctx,
  url,
  forms,
  taken,
}: {
  ctx: PageContext;
  url: string;
  forms: SessionForms;
  taken: number;
}) {
  const { t } = ctx;
  const { values, errors, problem } = forms.places;
  const limitedError = errors.limited;
  return (
    <form method="post" action={`${url}/places`} class="stack" noValidate>
      <h2>{t("forum.schedule.placesTitle")}</h2>
      <p class="muted">{t("forum.schedule.placesLead")}</p>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={errors} />
      {problem ? <Notice kind="error">{t(`errors.${problem}`)}</Notice> : null}
      <div class="field">
        <FieldNotes ctx={ctx} name="limited" error={limitedError} />
        <div class="choice">
          <input
            type="checkbox"
            id={fieldId("limited")}
            name="limited"
            value="yes"
            checked={values.limited}
            aria-invalid={limitedError ? "true" : undefined}
            aria-describedby={describedBy("limited", false, limitedError)}
          />
          <label for={fieldId("limited")}>{t("forum.schedule.placesLimited")}</label>
        </div>
      </div>
      <TextInput
        ctx={ctx}
        name="capacity"
        type="number"
        label={t("forum.schedule.placesNumber", { min: PLACES_MIN, max: PLACES_MAX })}
        hint={t("forum.schedule.placesHint", { taken })}
        value={values.capacity}
        errors={errors}
      />
      <SaveAnyway ctx={ctx} errors={errors} id="field-override-places" />
      <div class="actions">
        <button type="submit" class="button">
          {t("forum.schedule.savePlaces")}
        </button>
      </div>
    </form>
  );
}

function DetailsForm({ ctx, url, forms }: { ctx: PageContext; url: string; forms: SessionForms }) {
  const { t } = ctx;
  const { values, errors } = forms.details;
  return (
    <form method="post" action={`${url}/details`} class="stack" noValidate>
      <h2>{t("forum.schedule.detailsTitle")}</h2>
      <CsrfField ctx={ctx} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <TextInput
        ctx={ctx}
        name="title"
        label={t("forum.schedule.sessionTitle")}
        value={values.title}
        errors={errors}
        maxLength={TITLE_MAX}
        required
      />
      <p class="muted">{t("forum.schedule.speakersHint")}</p>
      <input type="hidden" name="rows" value={String(values.speakers.length)} />
      {values.speakers.map((speaker, index) => (
        <SpeakerRow key={String(index)} ctx={ctx} index={index} values={speaker} errors={errors} />
      ))}
      <SaveAnyway ctx={ctx} errors={errors} id="field-override-details" />
      <div class="actions">
        <button type="submit" class="button">
          {t("forum.schedule.saveDetails")}
        </button>
      </div>
    </form>
  );
}
