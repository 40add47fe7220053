import { type Static, Type } from "typebox";
import { WITHDRAWAL_REASON_MAX } from "./withdrawal.service.ts";

export const WithdrawEntryBody = Type.Object(
  {
    reason: Type.Optional(
      Type.String({
        maxLength: WITHDRAWAL_REASON_MAX,
        description:
          "Why the entry leaves the public database. Required when a moderator withdraws someone else's entry (the owner is emailed it); optional for the owner.",
      }),
    ),
  },
  { additionalProperties: false },
);
export type WithdrawEntryBody = Static<typeof WithdrawEntryBody>;

/** RFC 9457 problem+json, as the error handler sends every failure under /api/. */
const Problem = Type.Object(
  {
    type: Type.String({ description: "`/api/errors#<code>`" }),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: "A stable error code, documented at /api/errors" }),
    instance: Type.String(),
    errors: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() }), {
        description: "Field errors (400 validation_failed only)",
      }),
    ),
  },
  { additionalProperties: true },
);

/** A documented problem+json answer (also used by the duplicates API). */
export const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: Problem } },
});

/** The failures `withdrawEntry` documents, each a problem+json document. */
export const WithdrawProblems = {
  400: problem("validation_failed: `reason` missing (moderator), too long or holding control characters"),
  401: problem("unauthenticated: no session or API token"),
  403: problem("forbidden: neither the owner nor a moderator; insufficient_scope for a token"),
  404: problem("entry_not_found"),
  409: problem("invalid_state_transition: the entry is not public; idempotency_conflict"),
};
