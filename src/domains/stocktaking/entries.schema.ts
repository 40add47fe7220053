import { type Static, Type } from "typebox";
import { COVERAGES, ENTRY_LANGUAGES, ENTRY_LIMITS, PROJECT_STATUSES } from "./entry-fields.ts";
import { MODERATION_COMMENT_MAX, MODERATION_DECISIONS } from "./moderation.service.ts";

const oneOf = <const T extends readonly string[]>(values: T) => Type.Enum(values);
const nullableString = (options: { maxLength: number; description?: string }) =>
  Type.Union([Type.String(options), Type.Null()]);

/**
 * The entry's fields, all optional so a draft can be saved incomplete; the service applies the
 * submit rules (description 20–5000 characters, at least one country unless international, …) and
 * checks every code against the reference tables, answering field errors in problem+json.
 */
const entryFields = {
  description: Type.Optional(Type.String({ maxLength: ENTRY_LIMITS.descriptionMax })),
  language: Type.Optional(oneOf(ENTRY_LANGUAGES)),
  organisationName: Type.Optional(Type.String({ maxLength: ENTRY_LIMITS.organisationMax })),
  stakeholderType: Type.Optional(Type.String({ maxLength: 100, description: "A stakeholder type code" })),
  coverage: Type.Optional(Type.Union([oneOf(COVERAGES), Type.Null()])),
  countries: Type.Optional(
    Type.Array(Type.String({ maxLength: 10 }), {
      maxItems: ENTRY_LIMITS.countriesMax,
      description: "ISO 3166-1 alpha-2 codes; may be empty when coverage is international",
    }),
  ),
  actionLines: Type.Optional(
    Type.Array(Type.String({ maxLength: 20 }), {
      maxItems: ENTRY_LIMITS.actionLinesMax,
      description: "Action Line codes, e.g. C1 or C7-ehealth",
    }),
  ),
  sdgs: Type.Optional(Type.Array(Type.Integer(), { maxItems: ENTRY_LIMITS.sdgsMax })),
  targetGroups: Type.Optional(
    Type.Array(Type.String({ maxLength: 100 }), { maxItems: ENTRY_LIMITS.targetGroupsMax }),
  ),
  projectStatus: Type.Optional(Type.Union([oneOf(PROJECT_STATUSES), Type.Null()])),
  startDate: Type.Optional(nullableString({ maxLength: 10, description: "YYYY-MM-DD" })),
  endDate: Type.Optional(nullableString({ maxLength: 10, description: "YYYY-MM-DD, not before startDate" })),
  website: Type.Optional(nullableString({ maxLength: ENTRY_LIMITS.urlMax, description: "http(s) URL" })),
  contactName: Type.Optional(nullableString({ maxLength: ENTRY_LIMITS.contactNameMax })),
  contactEmail: Type.Optional(nullableString({ maxLength: 254 })),
  submit: Type.Optional(
    Type.Boolean({ description: "Submit for review now; the entry must then be complete", default: false }),
  ),
};

export const CreateEntryBody = Type.Object(
  { title: Type.String({ maxLength: ENTRY_LIMITS.titleMax }), ...entryFields },
  { additionalProperties: false },
);
export type CreateEntryBody = Static<typeof CreateEntryBody>;

/** Fields left out keep their value from the latest revision. */
export const UpdateEntryBody = Type.Object(
  { title: Type.Optional(Type.String({ maxLength: ENTRY_LIMITS.titleMax })), ...entryFields },
  { additionalProperties: false },
);
export type UpdateEntryBody = Static<typeof UpdateEntryBody>;

export const ModerateEntryBody = Type.Object(
  {
    decision: oneOf(MODERATION_DECISIONS),
    comment: Type.Optional(
      Type.String({
        maxLength: MODERATION_COMMENT_MAX,
        description: "Required when returning (what to change) or rejecting (why)",
      }),
    ),
  },
  { additionalProperties: false },
);
export type ModerateEntryBody = Static<typeof ModerateEntryBody>;

export const TranslationBody = Type.Object(
  {
    title: Type.String({ maxLength: ENTRY_LIMITS.titleMax, examples: ["Connecter les écoles rurales"] }),
    description: Type.String({
      maxLength: ENTRY_LIMITS.descriptionMax,
      description: "20–5000 characters, like the original's description",
    }),
  },
  { additionalProperties: false },
);
export type TranslationBody = Static<typeof TranslationBody>;

/** The language is checked by the handler: one that is not a UN language names no translation (404). */
export const TranslationParams = Type.Object({
  id: Type.String({ description: "Entry id (a positive integer)" }),
  language: Type.String({ description: "One of ar, en, es, fr, ru, zh; not the entry's own language" }),
});
export type TranslationParams = Static<typeof TranslationParams>;

/** Ids are validated by the handler so a malformed one is a 404 `entry_not_found`, like an unknown one. */
export const EntryParams = Type.Object({ id: Type.String({ description: "Entry id (a positive integer)" }) });
export type EntryParams = Static<typeof EntryParams>;

export const IdempotencyHeaders = Type.Object({
  "idempotency-key": Type.Optional(
    Type.String({
      description:
        "8–200 characters [A-Za-z0-9_.:-]. A retry with the same key returns the first outcome; the same key with other content is 409 idempotency_conflict.",
    }),
  ),
});

const Named = Type.Object({ code: Type.String(), name: Type.String() });
const NullableNamed = Type.Union([Named, Type.Null()]);
/** A text that may be absent (a date not yet reached, an optional field). */
export const NullableString = Type.Union([Type.String(), Type.Null()]);
/** An entry's workflow state; `merged`: retired into another entry as its duplicate. */
export const EntryStateSchema = oneOf([
  "draft",
  "submitted",
  "returned",
  "published",
  "rejected",
  "withdrawn",
  "merged",
] as const);

const contentFields = {
  revisionNumber: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  language: NullableNamed,
  organisationName: NullableString,
  stakeholderType: NullableNamed,
  coverage: NullableNamed,
  countries: Type.Array(Named),
  regions: Type.Array(Named),
  actionLines: Type.Array(Named),
  sdgs: Type.Array(Type.Object({ number: Type.Integer(), name: Type.String() })),
  targetGroups: Type.Array(Named),
  projectStatus: NullableNamed,
  startDate: NullableString,
  endDate: NullableString,
  website: NullableString,
  contactName: NullableString,
  contactEmail: NullableString,
  images: Type.Array(
    Type.Object({
      id: Type.String(),
      url: Type.String({ description: "Relative URL; it changes whenever the image's bytes do" }),
      alt: Type.String(),
      width: Type.Integer(),
      height: Type.Integer(),
    }),
    { description: "The revision's images in order, at most 5" },
  ),
  translations: Type.Array(
    Type.Object({ language: Named, title: Type.String(), description: Type.String() }),
    {
      description:
        "The owner's translations of the title and description into other UN languages; `title`, `description` and `language` above are the original",
    },
  ),
};
/** One revision's content, as entries and duplicate pairs show it. */
export const EntryContent = Type.Object(contentFields);

export const EntryResponse = Type.Object({
  id: Type.String(),
  state: EntryStateSchema,
  isPublic: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  submittedAt: NullableString,
  publishedAt: NullableString,
  ...contentFields,
  pendingRevision: Type.Union([EntryContent, Type.Null()], {
    description: "A newer revision than the public one; only for the owner and moderators",
  }),
  links: Type.Object({ self: Type.String(), html: Type.String(), history: NullableString }),
});
