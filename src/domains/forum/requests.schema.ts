import { type Static, Type } from "typebox";
import { SESSION_MODES, SESSION_TYPES, SPEAKER_ROLES } from "./forum-vocabulary.ts";
import { MAX_SPEAKERS, REQUEST_KINDS, REQUEST_LIMITS, STAND_SIZES } from "./requests-input.ts";

export const REQUEST_STATUSES = ["draft", "submitted", "accepted", "merged", "declined"] as const;

const Speaker = Type.Object(
  {
    name: Type.String({ maxLength: REQUEST_LIMITS.name, examples: ["Amina Diallo"] }),
    email: Type.String({
      maxLength: 254,
      description: "Once per request whatever its case (`Ana@x.org` and `ana@x.org` are one speaker)",
      examples: ["amina.diallo@example.org"],
    }),
    role: Type.Enum(SPEAKER_ROLES, { examples: ["panellist"] }),
  },
  { additionalProperties: false },
);

/** The Action Lines and SDGs a request or an official submission is linked to (`unknown_code` otherwise). */
export const linkFieldSchemas = {
  actionLines: Type.Optional(
    Type.Array(Type.String({ maxLength: 40 }), {
      maxItems: 30,
      description: "Action Line codes of the reference data",
      examples: [["C2", "C4"]],
    }),
  ),
  sdgs: Type.Optional(
    Type.Array(Type.Integer({ minimum: 1, maximum: 17 }), { maxItems: 17, examples: [[4, 9]] }),
  ),
};

/**
 * A request's fields, all optional so a draft saves incomplete; the service applies the submit
 * rules and answers each problem as a field error in problem+json. Fields of other kinds are ignored.
 */
const requestFields = {
  title: Type.Optional(
    Type.String({
      maxLength: REQUEST_LIMITS.title,
      description: "The workshop's title, the exhibition's name, or the high-level slot's topic",
      examples: ["Closing the rural connectivity gap with community networks"],
    }),
  ),
  description: Type.Optional(Type.String({ maxLength: REQUEST_LIMITS.description })),
  sessionType: Type.Optional(
    Type.String({
      description: `Workshops: the format, one of ${SESSION_TYPES.join(", ")}`,
      examples: ["thematic_workshop"],
    }),
  ),
  mode: Type.Optional(
    Type.String({ description: `Workshops: ${SESSION_MODES.join(", ")}`, examples: ["hybrid"] }),
  ),
  organisers: Type.Optional(
    Type.String({
      maxLength: REQUEST_LIMITS.organisers,
      description: "The organising entities, as they should be printed",
      examples: ["Ministry of ICT, Kenya; Internet Society"],
    }),
  ),
  ...linkFieldSchemas,
  speakers: Type.Optional(
    Type.Array(Speaker, { maxItems: MAX_SPEAKERS, description: "Workshops: proposed speakers" }),
  ),
  standSize: Type.Optional(
    Type.String({ description: `Exhibition space: ${STAND_SIZES.join(", ")}`, examples: ["medium"] }),
  ),
  speakerName: Type.Optional(Type.String({ maxLength: REQUEST_LIMITS.name, description: "High-level slot" })),
  speakerPosition: Type.Optional(
    Type.String({
      maxLength: REQUEST_LIMITS.position,
      description: "High-level slot: the speaker's position",
    }),
  ),
  submit: Type.Optional(
    Type.Boolean({ description: "Submit now; the request must then be complete", default: false }),
  ),
};

export const CreateRequestBody = Type.Object(
  {
    kind: Type.Optional(
      Type.Enum(REQUEST_KINDS, {
        description: "workshop (the default), exhibition (space) or high_level (a speaking slot)",
        default: "workshop",
      }),
    ),
    ...requestFields,
  },
  { additionalProperties: false },
);
export type CreateRequestBody = Static<typeof CreateRequestBody>;

/** Fields left out keep their value. */
export const UpdateRequestBody = Type.Object(requestFields, { additionalProperties: false });
export type UpdateRequestBody = Static<typeof UpdateRequestBody>;

export const ForumYearParams = Type.Object({
  year: Type.String({ description: "The edition's year", examples: ["2027"] }),
});
export const RequestParams = Type.Object({
  id: Type.String({ description: "Request id (a positive integer)", examples: ["12"] }),
});

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A request's own fields, the same for its requester and for the secretariat. */
export const requestFieldSchemas = {
  id: Type.String({ examples: ["12"] }),
  year: Type.Integer({ examples: [2027] }),
  kind: Type.Enum(REQUEST_KINDS),
  status: Type.Enum(REQUEST_STATUSES, {
    description:
      "draft → submitted (by the requester, until the deadline) → accepted | merged (into a session with other requests) | declined (with a reason)",
  }),
  statusReason: Type.Union([Type.String(), Type.Null()], { description: "Why the secretariat declined it" }),
  sessionNumber: Type.Union([Type.Integer(), Type.Null()], {
    description: "The session created when it was accepted or merged",
  }),
  title: Type.String(),
  description: Type.String(),
  sessionType: NullableString,
  mode: NullableString,
  organisers: Type.String(),
  actionLines: Type.Array(Type.String()),
  sdgs: Type.Array(Type.Integer()),
  speakers: Type.Array(Speaker),
  standSize: NullableString,
  speakerName: NullableString,
  speakerPosition: NullableString,
  submittedAt: NullableString,
  createdAt: Type.String(),
  updatedAt: Type.String(),
};
const RequestFields = Type.Object(requestFieldSchemas);
export type RequestFields = Static<typeof RequestFields>;

export const RequestResponse = Type.Object({
  ...requestFieldSchemas,
  editable: Type.Boolean({
    description: "Whether you may still change it (open status, before the deadline)",
  }),
  deadline: Type.Union([Type.String(), Type.Null()], {
    description: "When requests close (ISO 8601, UTC)",
    examples: ["2027-02-14T22:59:00.000Z"],
  }),
  deadlineText: Type.Union([Type.String(), Type.Null()], {
    description: "The deadline in the edition's time zone, in your language",
    examples: ["14 February 2027 at 23:59 CET (Zurich time)"],
  }),
  links: Type.Object({ self: Type.String(), html: Type.String() }),
});
export type RequestResponse = Static<typeof RequestResponse>;

export const RequestList = Type.Object({ items: Type.Array(RequestResponse) });
