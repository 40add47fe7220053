import { Type } from "typebox";
import { PRIZE_PHASES } from "./prize-phases.ts";

/** API shapes of the prize editions (`listPrizeEditions`, `getPrizeEdition`). */

const Phase = Type.Enum([...PRIZE_PHASES], {
  description: "`submission` → `review` → `nomination` → `voting` → `evaluation` → `results`.",
});
const Instant = (description: string) => Type.String({ format: "date-time", description });

const FigureSchema = Type.Object(
  {
    value: Type.Number({ minimum: 0 }),
    qualifier: Type.Enum(["exact", "at_least", "about"], {
      description: '`exact` (973), `at_least` ("1,000+") or `about` ("~500"): the source\'s precision, kept.',
    }),
  },
  { description: "A figure as the source gives it." },
);
const ShareSchema = Type.Object({
  code: Type.String({
    description:
      "A region code (`AFR` …) or `international`, or a stakeholder type code (`government` …) or `others` (every other type together).",
  }),
  percent: Type.Number({ minimum: 0, maximum: 100 }),
});

export const PastFiguresSchema = Type.Union(
  [
    Type.Object(
      {
        submissions: Type.Optional(FigureSchema),
        nominated: Type.Optional(FigureSchema),
        voters: Type.Optional(FigureSchema),
        votes: Type.Optional(FigureSchema),
        submissionsByRegion: Type.Optional(Type.Array(ShareSchema)),
        nominatedByStakeholder: Type.Optional(Type.Array(ShareSchema)),
        toDate: Type.Optional(
          Type.Object(
            {
              submissions: Type.Optional(FigureSchema),
              winners: Type.Optional(FigureSchema),
              champions: Type.Optional(FigureSchema),
            },
            { description: "Totals over every edition up to this one." },
          ),
        ),
      },
      { description: "Real figures of an edition run before this platform (2012–2025)." },
    ),
    Type.Null(),
  ],
  { description: "Null for editions run on this platform (their figures are in the results)." },
);

const EditionProperties = {
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  theme: Type.String({ description: "In the request's language, else English; empty when unknown." }),
  timeZone: Type.String({ description: "The IANA zone the edition's dates are set and shown in." }),
  phases: Type.Array(
    Type.Object({
      phase: Phase,
      startsAt: Instant("Opens at this instant (included)."),
      endsAt: Instant("Closes at this instant (excluded)."),
    }),
    { description: "In phase order; empty for past editions." },
  ),
  openPhase: Type.Union([Phase, Type.Null()], {
    description: "The phase open now by the server's clock; null between phases, before and after.",
  }),
  nextPhase: Type.Union([Type.Object({ phase: Phase, startsAt: Instant("When it opens.") }), Type.Null()], {
    description: "The next phase to open, if any.",
  }),
  categories: Type.Array(
    Type.Object({
      code: Type.String({ description: "Action Line code, e.g. `C7-ehealth`." }),
      name: Type.String({ description: "In the request's language." }),
    }),
  ),
  pastFigures: PastFiguresSchema,
  links: Type.Object({ self: Type.String(), html: Type.String() }),
};

const EXAMPLE = {
  year: 2026,
  theme: "The theme of the 2026 edition",
  timeZone: "Europe/Zurich",
  phases: [
    { phase: "submission", startsAt: "2025-10-03T07:00:00.000Z", endsAt: "2026-03-14T22:59:00.000Z" },
    { phase: "review", startsAt: "2026-03-14T22:59:00.000Z", endsAt: "2026-04-10T21:59:00.000Z" },
  ],
  openPhase: "submission",
  nextPhase: { phase: "review", startsAt: "2026-03-14T22:59:00.000Z" },
  categories: [{ code: "C1", name: "The role of public governance authorities…" }],
  pastFigures: null,
  links: { self: "/api/v1/prizes/editions/2026", html: "/prizes/2026" },
};

export const EditionListSchema = Type.Object(
  { items: Type.Array(Type.Object(EditionProperties), { description: "Newest first." }) },
  {
    examples: [
      {
        items: [
          EXAMPLE,
          {
            ...EXAMPLE,
            year: 2024,
            theme: "",
            phases: [],
            openPhase: null,
            nextPhase: null,
            pastFigures: {
              submissions: { value: 1000, qualifier: "at_least" },
              votes: { value: 1500000, qualifier: "at_least" },
            },
            links: { self: "/api/v1/prizes/editions/2024", html: "/prizes/2024" },
          },
        ],
      },
    ],
  },
);

export const EditionDetailSchema = Type.Object(
  {
    ...EditionProperties,
    criteria: Type.Array(
      Type.Object({
        code: Type.String(),
        name: Type.String({ description: "In the request's language, else English." }),
        weight: Type.Number({ description: "Weight in the experts' aggregate score (0 < weight ≤ 100)." }),
      }),
      { description: "The nomination criteria experts score against." },
    ),
    rules: Type.Object({
      votesOnlyFromCompleteVoters: Type.Boolean({
        description: "Votes count only from voters who voted in every category (the 2013 rule).",
      }),
      previousWinnersExcluded: Type.Boolean({ description: "Projects that won before may not enter." }),
      championsPerCategory: Type.Integer({ description: "The projects with most votes per category." }),
    }),
    specialPrizes: Type.Array(
      Type.Object({
        code: Type.String(),
        name: Type.String(),
        rules: Type.String(),
        startsAt: Instant("Opens."),
        endsAt: Instant("Closes."),
        jury: Type.Array(Type.String(), { description: "Jurors' names." }),
        finalists: Type.Array(Type.String()),
        winner: Type.Union([Type.String(), Type.Null()], {
          description: "One of the finalists, once decided.",
        }),
      }),
    ),
    nomineesPublishedAt: Type.Union([Instant("When the nominated list was published."), Type.Null()]),
    resultsPublishedAt: Type.Union([Instant("When the results were published."), Type.Null()]),
  },
  {
    examples: [
      {
        ...EXAMPLE,
        criteria: [{ code: "impact", name: "Results and impact", weight: 12.5 }],
        rules: { votesOnlyFromCompleteVoters: false, previousWinnersExcluded: true, championsPerCategory: 5 },
        specialPrizes: [],
        nomineesPublishedAt: null,
        resultsPublishedAt: null,
      },
    ],
  },
);

export const EditionParamsSchema = Type.Object({
  year: Type.String({ pattern: "^[0-9]{4}$", description: "The edition's year.", examples: ["2026"] }),
});
