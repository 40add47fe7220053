import { Type } from "typebox";
import { OCP_PHASES } from "./forum-vocabulary.ts";

/** API shapes of the Forum editions (`listForumEditions`, `getForumEdition`). */

const Phase = Type.Enum([...OCP_PHASES], {
  description:
    "`launch` → `consultation` → `submissions` (official submissions and binding requests) → `final_brief`.",
});
const Instant = (description: string) =>
  Type.Union([Type.String({ format: "date-time" }), Type.Null()], { description });
const Day = (description: string) => Type.String({ format: "date", description });

const FigureSchema = Type.Object(
  {
    value: Type.Number({ minimum: 0 }),
    qualifier: Type.Enum(["exact", "at_least", "about"], {
      description:
        '`exact` (1,200), `at_least` ("1,500+") or `about` ("~200"): the source\'s precision, kept.',
    }),
  },
  { description: "A figure as the source gives it." },
);

export const PastForumFiguresSchema = Type.Union(
  [
    Type.Object(
      {
        participants: Type.Object(
          {
            total: Type.Optional(FigureSchema),
            onsite: Type.Optional(FigureSchema),
            remote: Type.Optional(FigureSchema),
            virtual: Type.Optional(FigureSchema),
          },
          {
            description:
              "As the source splits them: a total, or onsite and remote (hybrid editions), or virtual (online-only editions).",
          },
        ),
        countries: Type.Optional(FigureSchema),
        sessions: Type.Optional(FigureSchema),
        datesRecorded: Type.Boolean({
          description: "False when the sources give no dates for this edition.",
        }),
      },
      { description: "Real figures of an edition run before this platform (2009–2024)." },
    ),
    Type.Null(),
  ],
  { description: "Null for editions run on this platform." },
);

const EditionProperties = {
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  theme: Type.String({ description: "In the request's language, else English; empty when not recorded." }),
  startsOn: Day("The venue's first day."),
  endsOn: Day("The venue's last day."),
  datesRecorded: Type.Boolean({ description: "False for past editions whose dates are not recorded." }),
  timeZone: Type.String({ description: "The venue's IANA time zone; every time is shown in it." }),
  venue: Type.String(),
  city: Type.String(),
  chair: Type.String({ description: "Empty when not recorded." }),
  timing: Type.Enum(["upcoming", "current", "past"], { description: "By the venue's calendar day today." }),
  ocp: Type.Array(
    Type.Object({
      phase: Phase,
      startsAt: Type.String({ format: "date-time", description: "Opens at this instant (included)." }),
      endsAt: Type.String({ format: "date-time", description: "Closes at this instant (excluded)." }),
    }),
    { description: "The Open Consultation Process's steps in order; empty for past editions." },
  ),
  openOcpPhase: Type.Union([Phase, Type.Null()], { description: "The step open now by the server's clock." }),
  registration: Type.Object({
    opensAt: Instant("Registration opens (null: not set)."),
    closesAt: Instant("Registration closes (null: not set)."),
    accreditationDeadline: Instant("Last moment for onsite accreditation requests (null: not set)."),
  }),
  pastFigures: PastForumFiguresSchema,
  outcomesPublished: Type.Boolean({ description: "Whether the Outcome Document is published." }),
  links: Type.Object({ self: Type.String(), html: Type.String() }),
};

const EXAMPLE = {
  year: 2026,
  theme: "The theme of the 2026 edition",
  startsOn: "2026-07-06",
  endsOn: "2026-07-10",
  datesRecorded: true,
  timeZone: "Europe/Zurich",
  venue: "CICG",
  city: "Geneva",
  chair: "",
  timing: "upcoming",
  ocp: [
    { phase: "launch", startsAt: "2025-11-03T08:00:00.000Z", endsAt: "2025-12-01T08:00:00.000Z" },
    { phase: "submissions", startsAt: "2025-12-01T08:00:00.000Z", endsAt: "2026-02-27T22:59:00.000Z" },
  ],
  openOcpPhase: "submissions",
  registration: {
    opensAt: "2026-03-02T08:00:00.000Z",
    closesAt: "2026-07-03T15:00:00.000Z",
    accreditationDeadline: "2026-06-05T15:00:00.000Z",
  },
  pastFigures: null,
  outcomesPublished: false,
  links: { self: "/api/v1/forum/editions/2026", html: "/forum/2026" },
};

export const ForumEditionListSchema = Type.Object(
  {
    items: Type.Array(Type.Object(EditionProperties), {
      description: "Running and upcoming editions first (soonest first), then past ones (newest first).",
    }),
  },
  {
    examples: [
      {
        items: [
          EXAMPLE,
          {
            ...EXAMPLE,
            year: 2024,
            theme: "",
            startsOn: "2024-05-27",
            endsOn: "2024-05-31",
            timing: "past",
            ocp: [],
            openOcpPhase: null,
            registration: { opensAt: null, closesAt: null, accreditationDeadline: null },
            pastFigures: {
              participants: { total: { value: 4000, qualifier: "at_least" } },
              countries: { value: 160, qualifier: "exact" },
              sessions: { value: 200, qualifier: "about" },
              datesRecorded: true,
            },
            links: { self: "/api/v1/forum/editions/2024", html: "/forum/2024" },
          },
        ],
      },
    ],
  },
);

export const ForumEditionDetailSchema = Type.Object(
  {
    ...EditionProperties,
    rooms: Type.Array(
      Type.Object({
        name: Type.String(),
        capacity: Type.Integer({ minimum: 1 }),
        opensAt: Type.String({ description: "Daily opening, `HH:MM` venue time." }),
        closesAt: Type.String({ description: "Daily closing, `HH:MM` venue time." }),
      }),
    ),
    tracks: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  },
  {
    examples: [
      {
        ...EXAMPLE,
        rooms: [{ name: "Room A", capacity: 300, opensAt: "08:00", closesAt: "20:00" }],
        tracks: [{ code: "youth", name: "ICTs and youth" }],
      },
    ],
  },
);

export const ForumYearParamsSchema = Type.Object({
  year: Type.String({ pattern: "^[0-9]{4}$", description: "The edition's year.", examples: ["2026"] }),
});
