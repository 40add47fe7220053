import { type TSchema, Type } from "typebox";
import { EntryStateSchema, NullableString } from "./entries.schema.ts";

/**
 * Answers of the API operations behind the signed-in pages: "my entries", an entry's history, the
 * moderation queue. Each is a page of at most 50 rows, ordered as the page shows them.
 */

export const PageQuery = Type.Object({
  page: Type.Optional(
    Type.String({ pattern: "^[0-9]{1,6}$", description: "1-based page number", default: "1" }),
  ),
});

const paged = <T extends TSchema>(item: T) =>
  Type.Object({
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    pageCount: Type.Integer(),
    items: Type.Array(item),
  });

export const MyEntriesResponse = paged(
  Type.Object({
    id: Type.String(),
    title: Type.String({ description: "The latest revision's title" }),
    state: EntryStateSchema,
    isPublic: Type.Boolean(),
    publishedRevision: Type.Union([Type.Integer(), Type.Null()]),
    latestRevision: Type.Union([Type.Integer(), Type.Null()]),
    updatedAt: Type.String(),
    submittedAt: NullableString,
    publishedAt: NullableString,
    links: Type.Object({ self: Type.String(), html: Type.String() }),
  }),
);

export const QueueResponse = paged(
  Type.Object({
    id: Type.String(),
    title: Type.String(),
    owner: Type.String({ description: "The owner's name" }),
    revisionNumber: Type.Integer(),
    isRevisionOfPublished: Type.Boolean({ description: "A new revision of an entry already public" }),
    submittedAt: NullableString,
    links: Type.Object({ self: Type.String(), review: Type.String() }),
  }),
);

const Change = Type.Object({
  field: Type.String(),
  kind: Type.Enum(["value", "list"] as const),
  before: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Null()])),
  after: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Null()])),
  removed: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Number()]))),
  added: Type.Optional(Type.Array(Type.Union([Type.String(), Type.Number()]))),
});

export const HistoryResponse = Type.Object({
  id: Type.String(),
  state: EntryStateSchema,
  revisions: Type.Array(
    Type.Object({
      number: Type.Integer(),
      author: Type.String(),
      createdAt: Type.String(),
      isPublished: Type.Boolean(),
      isLatest: Type.Boolean(),
      changes: Type.Array(Change, { description: "What changed from the revision before, field by field" }),
    }),
    { description: "Oldest first" },
  ),
  decisions: Type.Array(
    Type.Object({
      decision: Type.Enum(["publish", "return", "reject"] as const),
      comment: Type.String(),
      moderator: Type.String(),
      revisionNumber: Type.Integer(),
      createdAt: Type.String(),
    }),
  ),
});

export const ImageParams = Type.Object({
  id: Type.String({ description: "Entry id" }),
  imageId: Type.String({ description: "Image id" }),
});
