import { Type } from "typebox";
import { SESSION_MODES, SESSION_TYPES, SPEAKER_ROLES } from "./forum-vocabulary.ts";
import { FILTER_LIMITS } from "./programme-filters.ts";

/** OpenAPI description of the public programme (`listForumSessions`) and the agenda (`getMyAgenda`). */

export const PROGRAMME_PAGE_SIZE = 50;

export const SessionsQuery = Type.Object({
  year: Type.String({ pattern: "^[0-9]{4}$", description: "The edition's year.", examples: ["2026"] }),
  day: Type.Optional(
    Type.String({
      maxLength: 10,
      description: "A venue day of the edition, `YYYY-MM-DD`.",
      examples: ["2026-07-07"],
    }),
  ),
  track: Type.Optional(
    Type.String({ maxLength: 40, description: "A special track's code.", examples: ["youth"] }),
  ),
  type: Type.Optional(
    Type.String({
      maxLength: 40,
      description: `One of ${SESSION_TYPES.join(", ")}.`,
      examples: ["thematic_workshop"],
    }),
  ),
  actionLine: Type.Optional(
    Type.String({ maxLength: 20, description: "An Action Line code.", examples: ["C5"] }),
  ),
  sdg: Type.Optional(Type.String({ maxLength: 2, description: "An SDG number (1–17).", examples: ["9"] })),
  speaker: Type.Optional(
    Type.String({
      maxLength: FILTER_LIMITS.speaker,
      description: "Part of a speaker's name, compared without case or accents.",
      examples: ["diallo"],
    }),
  ),
  q: Type.Optional(
    Type.String({
      maxLength: FILTER_LIMITS.q,
      description:
        'Full-text search over title, organisers and description (web search syntax: words, "a phrase", -excluded, or).',
      examples: ["community networks"],
    }),
  ),
  page: Type.Optional(
    Type.String({
      pattern: "^[0-9]{1,5}$",
      description: `1-based page of ${PROGRAMME_PAGE_SIZE} sessions.`,
      default: "1",
    }),
  ),
});

const ProgrammeSessionSchema = Type.Object({
  number: Type.Integer({ description: "The session's public number in the edition." }),
  title: Type.String(),
  type: Type.Enum([...SESSION_TYPES]),
  typeName: Type.String({ description: "In the language asked for (`?lang=` or Accept-Language)." }),
  track: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  mode: Type.Enum([...SESSION_MODES]),
  room: Type.Union([Type.String(), Type.Null()], { description: "Null for a remote session." }),
  startsAt: Type.String({ format: "date-time" }),
  endsAt: Type.String({ format: "date-time" }),
  speakers: Type.Array(
    Type.Object({ name: Type.String(), organisation: Type.String(), role: Type.Enum([...SPEAKER_ROLES]) }),
  ),
  actionLines: Type.Array(Type.String()),
  sdgs: Type.Array(Type.Integer({ minimum: 1, maximum: 17 })),
  url: Type.String({ description: "The session's page." }),
});

const SESSION_EXAMPLE = {
  number: 112,
  title: "Closing the rural connectivity gap with community networks",
  type: "thematic_workshop",
  typeName: "Thematic workshop",
  track: { code: "youth", name: "Youth" },
  mode: "hybrid",
  room: "Room C",
  startsAt: "2026-07-07T07:00:00.000Z",
  endsAt: "2026-07-07T08:30:00.000Z",
  speakers: [{ name: "Amina Diallo", organisation: "Community Networks Alliance", role: "moderator" }],
  actionLines: ["C2", "C4"],
  sdgs: [9, 10],
  url: "/forum/2026/sessions/112",
};

export const SessionsResponse = Type.Object(
  {
    year: Type.Integer(),
    timeZone: Type.String({ description: "The venue's IANA time zone; instants are UTC." }),
    version: Type.Union([Type.Integer(), Type.Null()], {
      description: "The published programme version listed; null before the first publication.",
    }),
    publishedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
    total: Type.Integer({ description: "Sessions matching the filters." }),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    items: Type.Array(ProgrammeSessionSchema, { description: "By start time, then number." }),
  },
  {
    examples: [
      {
        year: 2026,
        timeZone: "Europe/Zurich",
        version: 3,
        publishedAt: "2026-06-20T09:00:00.000Z",
        total: 1,
        page: 1,
        pageSize: PROGRAMME_PAGE_SIZE,
        items: [SESSION_EXAMPLE],
      },
    ],
  },
);

const SessionRef = Type.Object({ year: Type.Integer(), number: Type.Integer() });

export const AgendaResponse = Type.Object(
  {
    clashes: Type.Integer({ description: "How many starred sessions overlap another starred one." }),
    items: Type.Array(
      Type.Object({
        year: Type.Integer(),
        number: Type.Integer(),
        title: Type.String(),
        inProgramme: Type.Boolean({
          description: "False when the session is no longer in the edition's published programme.",
        }),
        startsAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
        endsAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
        room: Type.Union([Type.String(), Type.Null()]),
        timeZone: Type.String({ description: "The venue's IANA time zone." }),
        url: Type.String(),
        clashesWith: Type.Array(SessionRef, { description: "Starred sessions overlapping this one." }),
      }),
      { description: "Starred sessions by start; those out of the programme last." },
    ),
  },
  {
    examples: [
      {
        clashes: 2,
        items: [
          {
            year: 2026,
            number: 112,
            title: "Closing the rural connectivity gap with community networks",
            inProgramme: true,
            startsAt: "2026-07-07T07:00:00.000Z",
            endsAt: "2026-07-07T08:30:00.000Z",
            room: "Room C",
            timeZone: "Europe/Zurich",
            url: "/forum/2026/sessions/112",
            clashesWith: [{ year: 2026, number: 140 }],
          },
        ],
      },
    ],
  },
);
