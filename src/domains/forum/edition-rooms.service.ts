import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import { formText } from "../../platform/http/form-input.ts";
import { type Language, UN_LANGUAGES } from "../../platform/i18n.ts";
import { FieldErrors, isRowId } from "../../platform/validation.ts";
import type { Editor } from "../taxonomy/taxonomy.edit.service.ts";
import {
  deleteRoom,
  deleteTrack,
  findRoom,
  findTrack,
  insertRoom,
  insertTrack,
  type RoomValues,
  roomNameTaken,
  sessionsUsing,
  type TrackValues,
  trackCodeTaken,
  updateRoom,
  updateTrack,
} from "./editions.repo.ts";
import { requireForumEdition } from "./editions.service.ts";

/**
 * The venue's rooms (capacity, daily hours in venue time) and the edition's special tracks:
 * added, edited and removed by admins, each change audited. A room or track a session uses
 * cannot be removed (409 `forum_room_in_use` / `forum_track_in_use`): the session would lose it.
 */

export const ROOM_NAME_MAX = 120;
export const CAPACITY_MAX = 100_000;
export const TRACK_NAME_MAX = 200;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::00)?$/;
const TRACK_CODE = /^[a-z][a-z0-9_]{0,39}$/;

export interface RoomForm {
  name: string;
  capacity: string;
  opensAt: string;
  closesAt: string;
}

export interface TrackForm {
  code: string;
  names: Record<Language, string>;
}

export const trackNameField = (lang: Language) => `name_${lang}`;

export const readRoomForm = (body: unknown): RoomForm => ({
  name: formText(body, "name"),
  capacity: formText(body, "capacity"),
  opensAt: formText(body, "opensAt"),
  closesAt: formText(body, "closesAt"),
});

export const readTrackForm = (body: unknown): TrackForm => ({
  code: formText(body, "code"),
  names: Object.fromEntries(
    UN_LANGUAGES.map((lang) => [lang, formText(body, trackNameField(lang))]),
  ) as Record<Language, string>,
});

export const blankRoomForm = (): RoomForm => ({
  name: "",
  capacity: "",
  opensAt: "08:00",
  closesAt: "20:00",
});
export const blankTrackForm = (): TrackForm => readTrackForm({});

/** `HH:MM` (from the database's `HH:MM:SS` too). */
const hhmm = (time: string) => time.slice(0, 5);

export function roomForm(row: {
  name: string;
  capacity: number;
  opens_at: string;
  closes_at: string;
}): RoomForm {
  return {
    name: row.name,
    capacity: String(row.capacity),
    opensAt: hhmm(row.opens_at),
    closesAt: hhmm(row.closes_at),
  };
}

export function trackForm(row: { code: string; names: Record<string, string> }): TrackForm {
  return {
    code: row.code,
    names: Object.fromEntries(UN_LANGUAGES.map((lang) => [lang, row.names[lang] ?? ""])) as Record<
      Language,
      string
    >,
  };
}

function time(errors: FieldErrors, field: string, raw: string): string | null {
  const value = raw.trim();
  if (value === "") errors.add(field, "required");
  else if (!TIME.test(value)) errors.add(field, "invalid_value");
  else return hhmm(value);
  return null;
}

async function validateRoom(
  db: Kysely<Database>,
  editionId: string,
  form: RoomForm,
  exceptId: string | null,
): Promise<RoomValues> {
  const errors = new FieldErrors();
  const name = errors.line("name", form.name, ROOM_NAME_MAX);
  if (name && !errors.has("name") && (await roomNameTaken(db, editionId, name, exceptId)))
    errors.add("name", "duplicate");
  const raw = form.capacity.trim();
  if (raw === "") errors.add("capacity", "required");
  else if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1 || Number(raw) > CAPACITY_MAX)
    errors.add("capacity", "out_of_range", { min: 1, max: CAPACITY_MAX });
  const opensAt = time(errors, "opensAt", form.opensAt);
  const closesAt = time(errors, "closesAt", form.closesAt);
  if (opensAt && closesAt && closesAt <= opensAt) errors.add("closesAt", "end_before_start");
  errors.throwIfAny();
  return { name, capacity: Number(raw), opensAt: opensAt as string, closesAt: closesAt as string };
}

async function validateTrack(
  db: Kysely<Database>,
  editionId: string,
  form: TrackForm,
  exceptId: string | null,
): Promise<TrackValues> {
  const errors = new FieldErrors();
  const code = form.code.trim();
  if (code === "") errors.add("code", "required");
  else if (!TRACK_CODE.test(code)) errors.add("code", "invalid_value");
  else if (await trackCodeTaken(db, editionId, code, exceptId)) errors.add("code", "duplicate");
  const names: Record<string, string> = {};
  for (const lang of UN_LANGUAGES) {
    const value = errors.line(trackNameField(lang), form.names[lang] ?? "", TRACK_NAME_MAX, lang === "en");
    if (value) names[lang] = value;
  }
  errors.throwIfAny();
  return { code, names };
}

/** The room `id` of the edition of `year`, or 404 `forum_room_not_found`. */
export async function requireRoom(db: Kysely<Database>, year: number, id: string) {
  const edition = await requireForumEdition(db, year);
  const room = isRowId(id) ? await findRoom(db, edition.id, id) : undefined;
  if (!room) throw notFound("forum_room_not_found");
  return { edition, room };
}

export async function requireTrack(db: Kysely<Database>, year: number, id: string) {
  const edition = await requireForumEdition(db, year);
  const track = isRowId(id) ? await findTrack(db, edition.id, id) : undefined;
  if (!track) throw notFound("forum_track_not_found");
  return { edition, track };
}

/** Adds a room (`id` null) or saves one. */
export async function saveRoom(
  db: Kysely<Database>,
  editor: Editor,
  year: number,
  id: string | null,
  form: RoomForm,
): Promise<void> {
  const { edition, before } = id
    ? await requireRoom(db, year, id).then(({ edition, room }) => ({ edition, before: room }))
    : { edition: await requireForumEdition(db, year), before: null };
  const values = await validateRoom(db, edition.id, form, id);
  await db.transaction().execute(async (trx) => {
    const roomId = id ?? (await insertRoom(trx, edition.id, values)).id;
    if (id) await updateRoom(trx, id, values);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: id ? "forum_room.update" : "forum_room.create",
      subjectType: "forum_room",
      subjectId: roomId,
      before: before ?? undefined,
      after: { editionYear: year, ...values },
      ip: editor.ip,
    });
  });
}

/** Removes a room no session uses; else 409 `forum_room_in_use` with the count. */
export async function removeRoom(
  db: Kysely<Database>,
  editor: Editor,
  year: number,
  id: string,
): Promise<void> {
  const { room } = await requireRoom(db, year, id);
  await db.transaction().execute(async (trx) => {
    const used = await sessionsUsing(trx, "room_id", room.id);
    if (used > 0) throw conflict("forum_room_in_use", { count: used });
    await deleteRoom(trx, room.id);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "forum_room.delete",
      subjectType: "forum_room",
      subjectId: room.id,
      before: room,
      ip: editor.ip,
    });
  });
}

export async function saveTrack(
  db: Kysely<Database>,
  editor: Editor,
  year: number,
  id: string | null,
  form: TrackForm,
): Promise<void> {
  const { edition, before } = id
    ? await requireTrack(db, year, id).then(({ edition, track }) => ({ edition, before: track }))
    : { edition: await requireForumEdition(db, year), before: null };
  const values = await validateTrack(db, edition.id, form, id);
  await db.transaction().execute(async (trx) => {
    const trackId = id ?? (await insertTrack(trx, edition.id, values)).id;
    if (id) await updateTrack(trx, id, values);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: id ? "forum_track.update" : "forum_track.create",
      subjectType: "forum_track",
      subjectId: trackId,
      before: before ?? undefined,
      after: { editionYear: year, ...values },
      ip: editor.ip,
    });
  });
}

export async function removeTrack(
  db: Kysely<Database>,
  editor: Editor,
  year: number,
  id: string,
): Promise<void> {
  const { track } = await requireTrack(db, year, id);
  await db.transaction().execute(async (trx) => {
    const used = await sessionsUsing(trx, "track_id", track.id);
    if (used > 0) throw conflict("forum_track_in_use", { count: used });
    await deleteTrack(trx, track.id);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "forum_track.delete",
      subjectType: "forum_track",
      subjectId: track.id,
      before: track,
      ip: editor.ip,
    });
  });
}
