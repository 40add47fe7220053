import { Type } from "typebox";
import { DURATION_MAX, DURATION_MIN, PLACES_MAX, PLACES_MIN } from "./schedule-input.ts";

/** OpenAPI description of the secretariat's programme building (scope `moderation`). */

export const ScheduleYearParams = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100, description: "The edition's year.", examples: [2026] }),
});

export const ScheduleSessionParams = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100, description: "The edition's year.", examples: [2026] }),
  number: Type.Integer({ minimum: 1, maximum: 99999, description: "The session's number.", examples: [12] }),
});

export const SlotBody = Type.Object(
  {
    day: Type.String({ description: "A venue day of the edition, `YYYY-MM-DD`.", examples: ["2026-07-07"] }),
    start: Type.String({ description: "Start in venue time, `HH:MM` (24-hour).", examples: ["09:30"] }),
    duration: Type.Integer({
      minimum: 1,
      maximum: 100000,
      description: `Length in minutes (${DURATION_MIN}–${DURATION_MAX}; others are \`out_of_range\`).`,
      examples: [90],
    }),
    room: Type.Union([Type.String(), Type.Null()], {
      description: "The room's id; null only for a remote session.",
      examples: ["3"],
    }),
    saveAnyway: Type.Optional(
      Type.Boolean({
        description: "Save despite warnings (`speaker_busy`, `over_capacity`); refusals stay refusals.",
        default: false,
      }),
    ),
  },
  { additionalProperties: false },
);

const ConflictSchema = Type.Object({
  kind: Type.Union(
    [
      Type.Literal("room_double_booked"),
      Type.Literal("speaker_double_booked"),
      Type.Literal("over_capacity"),
      Type.Literal("outside_room_hours"),
    ],
    { description: "What is wrong." },
  ),
  sessions: Type.Array(Type.Integer(), {
    description: "The numbers of the sessions involved (earlier first).",
  }),
  room: Type.Optional(Type.String({ description: "The room's name (room, capacity and hours conflicts)." })),
  email: Type.Optional(
    Type.String({ description: "The speaker's address, lower-cased (speaker conflicts)." }),
  ),
  expected: Type.Optional(Type.Integer({ description: "Expected attendance (capacity conflicts)." })),
  capacity: Type.Optional(Type.Integer({ description: "The room's seats (capacity conflicts)." })),
});

export const ConflictsResponse = Type.Object({
  conflicts: Type.Array(ConflictSchema),
});

export const SlotResponse = Type.Object({
  number: Type.Integer({ description: "The session's number." }),
  startsAt: Type.String({ format: "date-time" }),
  endsAt: Type.String({ format: "date-time" }),
  conflicts: Type.Array(ConflictSchema, { description: "The warnings the session is in after saving." }),
});

export const PlacesBody = Type.Object(
  {
    limited: Type.Boolean({
      description: "Registration takes limited places with a waiting list.",
      examples: [true],
    }),
    capacity: Type.Optional(
      Type.Integer({
        description: `The number of places (${PLACES_MIN}–${PLACES_MAX}; others are \`out_of_range\`), required when \`limited\`. Without a limit, the audience planned for, compared with the room's seats; omit it for none.`,
        examples: [40],
      }),
    ),
    saveAnyway: Type.Optional(
      Type.Boolean({
        description: "Save despite warnings (`over_capacity`, `confirms_waitlist`); refusals stay refusals.",
        default: false,
      }),
    ),
  },
  { additionalProperties: false },
);

export const PlacesResponse = Type.Object({
  number: Type.Integer({ description: "The session's number." }),
  limited: Type.Boolean(),
  capacity: Type.Union([Type.Integer(), Type.Null()], { description: "The number of places as saved." }),
  confirmed: Type.Integer({ description: "Places taken after the change." }),
  waitlisted: Type.Integer({ description: "People still on the waiting list." }),
  promoted: Type.Integer({
    description: "Waitlisted people the change gave a place to (in order; each e-mailed).",
  }),
  conflicts: Type.Array(ConflictSchema, { description: "The warnings the session is in after saving." }),
});

export const PublishResponse = Type.Object({
  version: Type.Integer({ description: "The new version's number (1, 2, … per edition)." }),
  sessions: Type.Integer({ description: "How many scheduled sessions it holds." }),
});

export const PLACES_DESCRIPTION =
  "Sets whether registration to a session takes limited places with a waiting list, and how many; it runs under the same session lock as joins and leaves. Bad fields are 400 `validation_failed` with field codes: `capacity` `required` (limited without a number), `invalid_value` (not an integer), `out_of_range`, or `below_places_taken` when fewer places than people already hold one (always refused, nothing written). Raising the number gives the new places to the waiting list in order, each person once and e-mailed (`promoted`). Warnings, refused with their codes unless `saveAnyway` is true: lifting the limit while people wait confirms all of them (`limited` `confirms_waitlist`), and more people expected than the room seats (`capacity` `over_capacity`). A cancelled session is 409 `forum_session_cancelled`; an unknown year 404 `forum_edition_not_found`, an unknown session 404 `forum_session_not_found`.";

export const SLOT_DESCRIPTION =
  "Places or moves a session: a venue day, a start in venue time, a length and a room. Bad fields are 400 `validation_failed` with field codes; the room already taken then is `slot_overlap` and a time outside the room's daily hours `outside_room_hours` (always refused), a time skipped by a clock change `nonexistent_local_time`. A speaker (e-mail compared in lower case) in an overlapping session (`speaker_busy`) or more people expected than the room seats (`over_capacity`) are warnings: refused with those codes unless `saveAnyway` is true. An unknown year is 404 `forum_edition_not_found`, an unknown session 404 `forum_session_not_found`.";
