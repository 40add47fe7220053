import { type Static, Type } from "typebox";
import { REVIEW_PAGE_SIZE } from "./request-review.service.ts";
import { REQUEST_STATUSES, requestFieldSchemas } from "./requests.schema.ts";
import { REQUEST_KINDS, REQUEST_LIMITS } from "./requests-input.ts";

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const ReviewYearParams = Type.Object({
  year: Type.String({ description: "The edition's year", examples: ["2027"] }),
});
export const ReviewRequestParams = Type.Object({
  year: Type.String({ description: "The edition's year", examples: ["2027"] }),
  id: Type.String({ description: "Request id (a positive integer)", examples: ["12"] }),
});

/** The filters of the secretariat's page, plus the page number. */
export const ReviewListQuery = Type.Object({
  kind: Type.Optional(Type.Enum(REQUEST_KINDS, { description: "Only requests of this kind" })),
  status: Type.Optional(
    Type.Enum(
      REQUEST_STATUSES.filter((status) => status !== "draft"),
      { description: "Only requests in this status (drafts are never listed)" },
    ),
  ),
  actionLine: Type.Optional(
    Type.String({
      maxLength: 40,
      description:
        "Only requests linked to this Action Line code (`unknown_code` if not in the reference data)",
      examples: ["C4"],
    }),
  ),
  page: Type.Optional(
    Type.String({
      pattern: "^[0-9]{1,6}$",
      description: `1-based page of ${REVIEW_PAGE_SIZE} requests`,
      default: "1",
    }),
  ),
});

export const ReviewRequest = Type.Object({
  ...requestFieldSchemas,
  requester: Type.Object({ name: Type.String() }),
  stakeholderType: Type.Union([Type.String(), Type.Null()], {
    description:
      "The requester's stakeholder type when written (from their organisation, else their account)",
    examples: ["academia"],
  }),
  countryCode: NullableString,
  region: Type.Union([Type.String(), Type.Null()], { description: "ITU region code", examples: ["AFR"] }),
  decidedAt: NullableString,
  links: Type.Object({ html: Type.String({ description: "The secretariat's page of the request" }) }),
});
export type ReviewRequest = Static<typeof ReviewRequest>;

export const ReviewList = Type.Object({
  total: Type.Integer({ description: "Requests matching the filters" }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  pageCount: Type.Integer(),
  items: Type.Array(ReviewRequest, { description: "Oldest submission first" }),
});

export const DeclineBody = Type.Object(
  {
    reason: Type.String({
      maxLength: REQUEST_LIMITS.reason,
      description: "Why, in words the requester reads in the mail and on their page; required",
      examples: ["The programme already has two sessions on this topic."],
    }),
  },
  { additionalProperties: false },
);

export const MergeBody = Type.Object(
  {
    requests: Type.Array(Type.String({ maxLength: 20 }), {
      maxItems: 100,
      description:
        "Ids of two or more submitted workshop requests of the edition (`too_short` on `requests` for fewer)",
      examples: [["12", "15"]],
    }),
    title: Type.String({
      maxLength: REQUEST_LIMITS.title,
      description: "The merged session's title; required",
      examples: ["Community networks: three regional experiences"],
    }),
    description: Type.Optional(
      Type.String({
        maxLength: REQUEST_LIMITS.description,
        description: "The merged session's description; the first request's when left out or empty",
      }),
    ),
  },
  { additionalProperties: false },
);

export const DecisionResponse = Type.Object({
  sessionNumber: Type.Union([Type.Integer(), Type.Null()], {
    description: "The draft session created (accept, merge); null for a decline",
    examples: [14],
  }),
  requests: Type.Array(ReviewRequest, { description: "The requests decided, as they are now" }),
});

const Count = Type.Object({
  key: Type.String({ description: 'A code or an SDG number; "" when unknown' }),
  label: Type.String({ description: "In the language asked for" }),
  count: Type.Integer(),
});
const Counts = Type.Object({
  total: Type.Integer(),
  stakeholderType: Type.Array(Count),
  region: Type.Array(Count),
  actionLine: Type.Array(Count, { description: "A request linked to two Action Lines counts under each" }),
  sdg: Type.Array(Count),
});
export const AnalysisResponse = Type.Object({
  year: Type.Integer(),
  submissions: Counts,
  requests: Counts,
});
export type AnalysisResponse = Static<typeof AnalysisResponse>;
