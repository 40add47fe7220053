import { type TSchema, Type } from "typebox";
import { SEARCH_LIMITS } from "./search.params.ts";

/**
 * OpenAPI description of `searchEntries`. The schema checks types only; value rules (known codes,
 * ranges, the result window) are the service's, so the page and the API answer bad input with the
 * same field codes.
 */

const many = (description: string, item: TSchema = Type.String()) =>
  Type.Optional(
    Type.Array(item, { description: `${description} Repeat the parameter for several values (OR).` }),
  );

export const SearchQuerySchema = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: SEARCH_LIMITS.queryMax,
      description:
        "Full text over title, organisation and description, blind to case and accents. Every word must match the start of a word (`educ` finds `education`); punctuation separates words. At most 10 words.",
    }),
  ),
  actionLine: many("Action Line code, e.g. `C4` or `C7-ehealth`."),
  sdg: many("SDG number, 1–17.", Type.Integer()),
  region: many("Region code, e.g. `AFR`."),
  country: many("ISO 3166-1 alpha-2 country code."),
  stakeholderType: many("Stakeholder type code, e.g. `government`."),
  targetGroup: many("Target group code, e.g. `youth`."),
  status: many("Project status: `planned`, `ongoing` or `completed`."),
  coverage: many("Coverage: `local`, `national`, `regional` or `international`."),
  year: many("Start year of the project.", Type.Integer()),
  yearFrom: Type.Optional(
    Type.Integer({ description: "Start year range, from (inclusive); ORed with `year` values." }),
  ),
  yearTo: Type.Optional(Type.Integer({ description: "Start year range, to (inclusive)." })),
  sort: Type.Optional(
    Type.String({
      description: "`relevance` (default with `q`), `newest` (default without) or `title`.",
    }),
  ),
  page: Type.Optional(
    Type.Integer({
      description: `1-based page number; page × pageSize may not pass ${SEARCH_LIMITS.resultWindow}.`,
    }),
  ),
  pageSize: Type.Optional(
    Type.Integer({
      description: `Results per page, 1–${SEARCH_LIMITS.pageSizeMax}; default ${SEARCH_LIMITS.pageSizeDefault}.`,
    }),
  ),
  cursor: Type.Optional(
    Type.String({
      description:
        'Opaque position from the previous answer\'s `nextCursor` (or its `Link: rel="next"`); send it with the same search parameters. It replaces `page`, is not limited by the result window, and a page never repeats or skips a result when entries change between requests. A cursor that was altered, made for another search or is malformed answers 400 `invalid_cursor`.',
    }),
  ),
});

const Coded = Type.Object({ code: Type.String(), name: Type.String() });

export const SearchItemSchema = Type.Object({
  id: Type.String(),
  title: Type.String({
    description:
      "In the caller's language (Accept-Language) when the owner translated the entry into it, else the original.",
  }),
  language: Type.String({
    description: 'The language of `title` and `snippet` (ar, en, es, fr, ru, zh), or "" when unknown.',
  }),
  originalLanguage: Type.String({
    description: 'The language the entry was written in, or "" when unknown.',
  }),
  snippet: Type.Object(
    {
      text: Type.String(),
      highlights: Type.Array(Type.Tuple([Type.Integer(), Type.Integer()]), {
        description: "[start, end) UTF-16 offsets in `text` of the words that matched the query.",
      }),
    },
    { description: "A passage of the description around the first match (its start without `q`)." },
  ),
  organisation: Type.String(),
  stakeholderType: Type.Union([Coded, Type.Null()]),
  countries: Type.Array(Coded),
  actionLines: Type.Array(Coded),
  sdgs: Type.Array(Type.Object({ number: Type.Integer(), name: Type.String() })),
  status: Type.Union([Coded, Type.Null()]),
  startYear: Type.Union([Type.Integer(), Type.Null()]),
  publishedAt: Type.Union([Type.String({ format: "date-time" }), Type.Null()]),
  url: Type.String({ description: "The entry's public page." }),
});

const FacetValueSchema = Type.Object({
  value: Type.String({ description: "The query-parameter value that selects it." }),
  label: Type.String({ description: "Localised name." }),
  count: Type.Integer({ description: "Results this search would have with this value picked." }),
  selected: Type.Boolean(),
});
const FacetList = Type.Array(FacetValueSchema);

export const SearchResultSchema = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  pageCount: Type.Integer(),
  sort: Type.String(),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: "Pass as `cursor` for the next page; null on the last page.",
  }),
  items: Type.Array(SearchItemSchema),
  facets: Type.Object({
    actionLine: FacetList,
    sdg: FacetList,
    region: FacetList,
    country: FacetList,
    stakeholderType: FacetList,
    targetGroup: FacetList,
    status: FacetList,
    coverage: FacetList,
    year: FacetList,
  }),
});

/** RFC 9457 problem+json as the error handler sends it. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    instance: Type.String(),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() })),
    ),
  },
  { additionalProperties: true },
);
