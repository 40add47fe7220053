import { type Static, Type } from "typebox";
import { DUPLICATES_API_LIMIT } from "./duplicates-view.service.ts";
import { EntryContent, EntryStateSchema, NullableString } from "./entries.schema.ts";
import { problem } from "./withdrawal.schema.ts";

/** OpenAPI description of the likely-duplicates operations (moderators: `moderation` scope). */

export const DuplicateParams = Type.Object({
  id: Type.String({ description: "Pair id (a positive integer)" }),
});
export type DuplicateParams = Static<typeof DuplicateParams>;

export const DuplicateListQuery = Type.Object({
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: DUPLICATES_API_LIMIT.max,
      description: `Pairs per page, 1–${DUPLICATES_API_LIMIT.max}; default ${DUPLICATES_API_LIMIT.default}.`,
    }),
  ),
  cursor: Type.Optional(
    Type.String({
      description:
        "Opaque position from the previous answer's `nextCursor`. An altered or malformed cursor answers 400 `invalid_cursor`.",
    }),
  ),
});
export type DuplicateListQuery = Static<typeof DuplicateListQuery>;

const Scores = Type.Object(
  {
    title: Type.Number({ minimum: 0, maximum: 1 }),
    organisation: Type.Number({ minimum: 0, maximum: 1 }),
    description: Type.Number({ minimum: 0, maximum: 1 }),
  },
  {
    description:
      "Trigram similarity (pg_trgm, 0–1) of the accent- and case-folded texts; for titles and descriptions the best of the versions compared (same language, or the two originals).",
  },
);

const PairEntrySummary = Type.Object({
  id: Type.String(),
  state: EntryStateSchema,
  title: Type.String(),
  organisationName: Type.String(),
  links: Type.Object({ self: Type.String(), html: Type.String() }),
});

export const DuplicateSummary = Type.Object({
  id: Type.String(),
  status: Type.Literal("open"),
  scores: Scores,
  flaggedAt: Type.String(),
  entries: Type.Tuple([PairEntrySummary, PairEntrySummary], {
    description: "The two entries, lower id first",
  }),
  links: Type.Object({ self: Type.String(), html: Type.String() }),
});

export const DuplicateListResponse = Type.Object({
  items: Type.Array(DuplicateSummary),
  nextCursor: Type.Union([Type.String(), Type.Null()], {
    description: "Pass as `cursor` for the next page; null on the last page.",
  }),
});

const PairEntry = Type.Object({
  id: Type.String(),
  state: EntryStateSchema,
  isPublic: Type.Boolean(),
  mergeable: Type.Boolean({
    description: "Still published or in review: only then can the pair be merged",
  }),
  ownerName: Type.String(),
  content: EntryContent,
  links: Type.Object({ self: Type.String(), html: Type.String(), history: Type.String() }),
});

export const DuplicateResponse = Type.Object({
  id: Type.String(),
  status: Type.Enum(["open", "not_duplicate", "merged"]),
  scores: Scores,
  flaggedAt: Type.String(),
  decidedAt: NullableString,
  decidedBy: Type.Union([Type.String(), Type.Null()], { description: "The deciding moderator's name" }),
  survivorId: Type.Union([Type.String(), Type.Null()], { description: "For a merge: the entry that stayed" }),
  entries: Type.Tuple([PairEntry, PairEntry], {
    description: "Both entries in full: the revision in review, else the public one",
  }),
  links: Type.Object({ self: Type.String(), html: Type.String() }),
});

export const ResolveDuplicateBody = Type.Object(
  {
    decision: Type.Enum(["not_duplicate", "merge"], {
      description:
        "`not_duplicate`: the pair is never flagged again. `merge`: `survivorId` stays; the other entry is retired into it (out of search, its URL redirects, its history kept).",
    }),
    survivorId: Type.Optional(
      Type.String({ description: "For `merge`: one of the pair's two entry ids, the entry that stays" }),
    ),
  },
  { additionalProperties: false },
);
export type ResolveDuplicateBody = Static<typeof ResolveDuplicateBody>;

/** The failures the duplicates API documents, each a problem+json document. */
export const ListDuplicatesProblems = {
  400: problem(
    "invalid_cursor: `cursor` was altered or is malformed; validation_failed: `limit` out of range",
  ),
  401: problem("authentication_required / invalid_token"),
  403: problem("forbidden: not a moderator; insufficient_scope: the token lacks `moderation`"),
};

export const ResolveDuplicateProblems = {
  400: problem(
    "validation_failed: `decision` unknown, or `survivorId` missing or not one of the pair's entries",
  ),
  401: problem("authentication_required / invalid_token"),
  403: problem("forbidden: not a moderator; insufficient_scope: the token lacks `moderation`"),
  404: problem("duplicate_not_found"),
  409: problem(
    "duplicate_not_open: the pair was already decided (e.g. by another moderator at the same time); merge_entry_unavailable: an entry is no longer published or in review (withdrawn, rejected or merged into another); merge_survivor_not_public: a published entry cannot be merged into one that is not; merge_into_self; idempotency_conflict",
  ),
};

export const MergeEntryBody = Type.Object(
  {
    into: Type.String({ description: "The id of the entry that stays; this entry is retired into it" }),
  },
  { additionalProperties: false },
);
export type MergeEntryBody = Static<typeof MergeEntryBody>;

export const MergeEntryProblems = {
  ...ResolveDuplicateProblems,
  400: problem("validation_failed: `into` missing, malformed or naming no entry"),
  404: problem("entry_not_found: the entry to retire does not exist"),
};
