import type { ForumSpeakerRole } from "../../db/schema.ts";
import { formText } from "../../platform/http/form-input.ts";
import { cleanLine, FieldErrors } from "../../platform/validation.ts";
import { localToInstant } from "../../platform/zoned-time.ts";
import { SPEAKER_ROLES } from "./forum-vocabulary.ts";

/** A session's length on the grid, in minutes. */
export const DURATION_MIN = 5;
export const DURATION_MAX = 720;
export const TITLE_MAX = 300;
export const SPEAKERS_MAX = 30;
/** A session's places, as the `forum_sessions.capacity` check allows. */
export const PLACES_MIN = 1;
export const PLACES_MAX = 100_000;

/**
 * Field codes that warn rather than refuse: the slot, the speakers or the places are saved when
 * the secretariat ticks "save anyway". Room double bookings (`slot_overlap`) and times outside the
 * room's hours (`outside_room_hours`) are always refused: the first cannot happen in a real room,
 * and the second would put people in a closed building. Places below those already taken
 * (`below_places_taken`) are refused too: people hold them.
 */
export const SOFT_FIELD_CODES: ReadonlySet<string> = new Set([
  "over_capacity",
  "speaker_busy",
  "confirms_waitlist",
]);

/** The venue days of an edition, `YYYY-MM-DD`, first to last. */
export function editionDays(startsOn: string, endsOn: string): string[] {
  const days: string[] = [];
  const last = Date.parse(`${endsOn}T00:00:00Z`);
  for (let day = Date.parse(`${startsOn}T00:00:00Z`); day <= last && days.length < 366; day += 86_400_000)
    days.push(new Date(day).toISOString().slice(0, 10));
  return days;
}

export interface SlotInput {
  day?: unknown;
  start?: unknown;
  duration?: unknown;
  room?: unknown;
}

export interface Slot {
  roomId: string | null;
  startsAt: Date;
  endsAt: Date;
}

/**
 * A slot typed as people read it: a venue day, a local start time, a length in minutes and a room
 * (optional only for remote sessions). The start is turned into an instant in the venue's zone; a
 * time skipped by a clock change is refused (`nonexistent_local_time`) rather than moved.
 */
export function readSlot(
  input: SlotInput,
  context: { days: readonly string[]; roomIds: ReadonlySet<string>; timeZone: string; remote: boolean },
): Slot {
  const errors = new FieldErrors();
  const day = errors.choice("day", formText(input, "day").trim(), context.days, { code: "invalid_value" });
  const start = formText(input, "start").trim();
  if (start === "") errors.add("start", "required");
  else if (!/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(start)) errors.add("start", "invalid_value");
  const rawDuration = formText(input, "duration").trim();
  let minutes = 0;
  if (rawDuration === "") errors.add("duration", "required");
  else if (!/^[0-9]{1,5}$/.test(rawDuration)) errors.add("duration", "invalid_value");
  else if (Number(rawDuration) < DURATION_MIN || Number(rawDuration) > DURATION_MAX)
    errors.add("duration", "out_of_range", { min: DURATION_MIN, max: DURATION_MAX });
  else minutes = Number(rawDuration);
  const roomId = errors.choice("room", formText(input, "room").trim(), context.roomIds, {
    required: !context.remote,
  });
  let startsAt: Date | null = null;
  if (day && !errors.has("start")) {
    const local = localToInstant(`${day}T${start}`, context.timeZone);
    if (local.ok) startsAt = local.instant;
    else errors.add("start", local.reason === "nonexistent" ? "nonexistent_local_time" : "invalid_value");
  }
  errors.throwIfAny();
  const from = startsAt as Date;
  return { roomId, startsAt: from, endsAt: new Date(from.getTime() + minutes * 60_000) };
}

export interface PlacesInput {
  /** "yes" when registration takes limited places with a waiting list. */
  limited?: unknown;
  capacity?: unknown;
}

export interface Places {
  limited: boolean;
  /** The number of places; without a limit, the planned attendance (optional). */
  capacity: number | null;
}

/**
 * A session's places as typed: a whole number from PLACES_MIN to PLACES_MAX, required when places
 * are limited. Without a limit the number stays optional: it is the attendance the secretariat
 * plans for, which the over-capacity check compares with the room's seats.
 */
export function readPlaces(input: PlacesInput): Places {
  const errors = new FieldErrors();
  const limited = input.limited === "yes";
  const raw = formText(input, "capacity").trim();
  let capacity: number | null = null;
  if (raw === "") {
    if (limited) errors.add("capacity", "required");
  } else if (!/^-?[0-9]{1,9}$/.test(raw)) errors.add("capacity", "not_whole_number");
  else if (Number(raw) < PLACES_MIN || Number(raw) > PLACES_MAX)
    errors.add("capacity", "out_of_range", { min: PLACES_MIN, max: PLACES_MAX });
  else capacity = Number(raw);
  errors.throwIfAny();
  return { limited, capacity };
}

export interface SpeakerInput {
  name: string;
  email: string | null;
  organisation: string;
  role: ForumSpeakerRole;
}

/** The fields of speaker row `index` on the form. */
export const speakerField = (index: number, part: "name" | "email" | "organisation" | "role") =>
  `speaker-${index}-${part}`;

/**
 * A session's title and speakers from the form's rows (`speaker-<i>-name|email|organisation|role`);
 * a row left blank is dropped. E-mail addresses are optional, kept as typed, and compared in lower
 * case: the same address twice in one session is a `duplicate`.
 */
export function readDetails(
  body: Record<string, unknown>,
  rows: number,
): { title: string; speakers: SpeakerInput[]; rowOf: number[] } {
  const errors = new FieldErrors();
  const title = errors.line("title", formText(body, "title"), TITLE_MAX);
  const speakers: SpeakerInput[] = [];
  const rowOf: number[] = [];
  const seen = new Set<string>();
  for (let index = 0; index < Math.min(rows, SPEAKERS_MAX + 5); index += 1) {
    const raw = {
      name: formText(body, speakerField(index, "name")),
      email: formText(body, speakerField(index, "email")).trim(),
      organisation: formText(body, speakerField(index, "organisation")),
      role: formText(body, speakerField(index, "role")).trim(),
    };
    if (cleanLine(raw.name) === "" && raw.email === "" && cleanLine(raw.organisation) === "") continue;
    if (speakers.length === SPEAKERS_MAX) {
      errors.add(speakerField(index, "name"), "too_many", { max: SPEAKERS_MAX });
      continue;
    }
    const name = errors.line(speakerField(index, "name"), raw.name, 200);
    const organisation = errors.line(speakerField(index, "organisation"), raw.organisation, 300, false);
    const emailField = speakerField(index, "email");
    errors.email(emailField, raw.email, false);
    // `add` keeps the first problem: a malformed address is not also called a duplicate.
    if (raw.email !== "" && seen.has(raw.email.toLowerCase())) errors.add(emailField, "duplicate");
    if (raw.email !== "") seen.add(raw.email.toLowerCase());
    const role = errors.choice(speakerField(index, "role"), raw.role, SPEAKER_ROLES, {
      code: "invalid_value",
    });
    speakers.push({
      name,
      email: raw.email === "" ? null : raw.email,
      organisation,
      role: role ?? "panellist",
    });
    rowOf.push(index);
  }
  errors.throwIfAny();
  return { title, speakers, rowOf };
}
