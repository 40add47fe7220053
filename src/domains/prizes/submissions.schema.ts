import { type Static, Type } from "typebox";
import {
  GDC_OBJECTIVES,
  PROJECT_STAGES,
  SHORT_DESCRIPTION_WORDS,
  SUBMISSION_LIMITS,
} from "./submission-rules.ts";

const STATUSES = ["draft", "submitted", "ineligible", "nominated", "not_nominated", "withdrawn"] as const;

const SHORT_EXAMPLE =
  "Rural Connect trains community members to run solar-powered Wi-Fi hubs in remote villages …";

/**
 * The form's fields, all optional so a draft saves incomplete; the service applies the submit
 * rules (every box, one GDC objective at least, the project stage, 150–200 words) and answers
 * each problem as a field error in problem+json.
 */
const formFields = {
  category: Type.Optional(
    Type.String({
      maxLength: 40,
      description: "One of the edition's 18 categories (an Action Line code, e.g. C4 or C7-ehealth)",
      examples: ["C4"],
    }),
  ),
  title: Type.Optional(
    Type.String({
      maxLength: SUBMISSION_LIMITS.titleMax,
      description: "The project's name; left out or empty on creation, the entry's title",
      examples: ["Rural Connect: community Wi-Fi hubs"],
    }),
  ),
  shortDescription: Type.Optional(
    Type.String({
      maxLength: SUBMISSION_LIMITS.shortDescriptionMax,
      description: `What voters read: ${SHORT_DESCRIPTION_WORDS.min}–${SHORT_DESCRIPTION_WORDS.max} words (a word is a run of non-space characters with a letter or digit)`,
      examples: [SHORT_EXAMPLE],
    }),
  ),
  actionLineSdgLinks: Type.Optional(
    Type.String({
      maxLength: SUBMISSION_LIMITS.boxMax,
      description: "How the project links its Action Line to the SDGs",
    }),
  ),
  gdcObjectives: Type.Optional(
    Type.Array(Type.Integer({ minimum: 1, maximum: GDC_OBJECTIVES.length }), {
      maxItems: GDC_OBJECTIVES.length,
      description: "Global Digital Compact objectives the project serves (1–5)",
      examples: [[1, 2]],
    }),
  ),
  impact: Type.Optional(
    Type.String({ maxLength: SUBMISSION_LIMITS.boxMax, description: "Qualitative and quantitative impact" }),
  ),
  partnerships: Type.Optional(Type.String({ maxLength: SUBMISSION_LIMITS.boxMax })),
  challenges: Type.Optional(
    Type.String({ maxLength: SUBMISSION_LIMITS.boxMax, description: "Challenges and future plans" }),
  ),
  projectStage: Type.Optional(
    Type.Union([Type.Enum(PROJECT_STAGES), Type.Null()], {
      description: "Eligible projects are completed or at the end of a major phase",
    }),
  ),
};

export const CreateSubmissionBody = Type.Object(
  {
    entryId: Type.String({
      maxLength: 20,
      description:
        "Your stocktaking entry (published or awaiting moderation); create one with createEntry first",
      examples: ["42"],
    }),
    ...formFields,
    submit: Type.Optional(
      Type.Boolean({ description: "Submit now; the form must then be complete", default: false }),
    ),
  },
  { additionalProperties: false },
);
export type CreateSubmissionBody = Static<typeof CreateSubmissionBody>;

/** Fields left out keep their value. */
export const UpdateSubmissionBody = Type.Object(formFields, { additionalProperties: false });
export type UpdateSubmissionBody = Static<typeof UpdateSubmissionBody>;

export const EditionYearParams = Type.Object({
  year: Type.String({ description: "The edition's year", examples: ["2027"] }),
});
export const SubmissionParams = Type.Object({
  id: Type.String({ description: "Submission id (a positive integer)", examples: ["7"] }),
});

export const SubmissionResponse = Type.Object({
  id: Type.String({ examples: ["7"] }),
  year: Type.Integer({ examples: [2027] }),
  category: Type.Object({ code: Type.String(), name: Type.String() }),
  entryId: Type.String(),
  status: Type.Enum(STATUSES, {
    description:
      "draft → submitted (by you, while submissions are open) → ineligible | nominated | not_nominated (the secretariat); withdrawn (by you)",
  }),
  statusReason: Type.Union([Type.String(), Type.Null()], {
    description: "Why the secretariat found it ineligible",
  }),
  title: Type.String(),
  shortDescription: Type.String(),
  shortDescriptionWords: Type.Integer({ description: "The words as the rules count them" }),
  actionLineSdgLinks: Type.String(),
  gdcObjectives: Type.Array(Type.Integer()),
  impact: Type.String(),
  partnerships: Type.String(),
  challenges: Type.String(),
  projectStage: Type.Union([Type.Enum(PROJECT_STAGES), Type.Null()]),
  editable: Type.Boolean({ description: "Whether you may still change it (open status, phase open)" }),
  deadline: Type.Union([Type.String(), Type.Null()], {
    description: "When the submission phase closes (ISO 8601, UTC)",
  }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  links: Type.Object({ self: Type.String(), html: Type.String(), entry: Type.String() }),
});
export type SubmissionResponse = Static<typeof SubmissionResponse>;

export const SubmissionList = Type.Object({ items: Type.Array(SubmissionResponse) });
