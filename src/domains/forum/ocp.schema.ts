import { type Static, Type } from "typebox";
import { linkFieldSchemas } from "./requests.schema.ts";
import { REQUEST_LIMITS } from "./requests-input.ts";

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** An official submission as the API takes it: the page's form, with SDGs as numbers. */
export const SubmissionBody = Type.Object(
  {
    themes: Type.String({
      maxLength: REQUEST_LIMITS.views,
      description: "Your views on the Forum's themes; required",
      examples: ["More time for the rural connectivity gap and for AI in public services."],
    }),
    format: Type.Optional(
      Type.String({
        maxLength: REQUEST_LIMITS.views,
        description: "Your views on the Forum's format",
        examples: ["Fewer panels, more interactive workshops."],
      }),
    ),
    ...linkFieldSchemas,
  },
  { additionalProperties: false },
);
export type SubmissionBody = Static<typeof SubmissionBody>;

export const SubmissionResponse = Type.Object({
  year: Type.Integer({ examples: [2027] }),
  themes: Type.String(),
  format: Type.String(),
  actionLines: Type.Array(Type.String()),
  sdgs: Type.Array(Type.Integer()),
  stakeholderType: Type.Union([Type.String(), Type.Null()], {
    description: "Your stakeholder type when last written (from your organisation, else your account)",
    examples: ["government"],
  }),
  countryCode: NullableString,
  region: Type.Union([Type.String(), Type.Null()], { description: "ITU region code", examples: ["EUR"] }),
  editable: Type.Boolean({ description: "Whether the submissions window is open, so it may be replaced" }),
  deadline: Type.Union([Type.String(), Type.Null()], {
    description: "When submissions close (ISO 8601, UTC)",
    examples: ["2027-02-14T22:59:00.000Z"],
  }),
  deadlineText: Type.Union([Type.String(), Type.Null()], {
    description: "The deadline in the edition's time zone, in your language",
    examples: ["14 February 2027 at 23:59 CET (Zurich time)"],
  }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  links: Type.Object({ self: Type.String(), html: Type.String() }),
});
export type SubmissionResponse = Static<typeof SubmissionResponse>;
