import { Type } from "typebox";

/** OpenAPI description of the published results of an edition (`getPrizeResults`). */

export const ResultsParams = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100, description: "The edition's year.", examples: [2027] }),
});

const ResultNominee = Type.Object({
  submissionId: Type.String({ description: "The submission's id." }),
  title: Type.String({ description: "The project's title, as entered." }),
  organisation: Type.String({ description: "The entity that entered it." }),
  votes: Type.Integer({ description: "Counted votes (valid and counted under the edition's rules)." }),
  rank: Type.Integer({ description: "Place by counted votes; tied nominees share a place (1, 2, 2, 4)." }),
  winner: Type.Boolean({ description: "Whether the expert group chose it as the category's winner." }),
  certificateUrl: Type.String({ description: "Its certificate (PDF)." }),
});

const ResultCategory = Type.Object({
  code: Type.String({ description: "The category: an Action Line code (the C7 lines one by one)." }),
  name: Type.String({ description: "The Action Line's name in the request's language." }),
  winner: Type.Union([ResultNominee, Type.Null()], {
    description: "The winner, null for a category without champions (no counted vote).",
  }),
  champions: Type.Array(ResultNominee, {
    description: "The champions by place, the winner among them. More than the rule's number when tied.",
  }),
});

export const ResultsResponse = Type.Object({
  year: Type.Integer(),
  publishedAt: Type.String({ format: "date-time", description: "When the secretariat published them." }),
  rules: Type.Object({
    championsPerCategory: Type.Integer({ description: "The number of champions per category." }),
    votesOnlyFromCompleteVoters: Type.Boolean({
      description: "Whether only voters who voted in every category were counted (the 2013 rule).",
    }),
    tieRule: Type.Literal("ties_at_cutoff_all_champions", {
      description:
        "Nominees tied at the last champion place are all champions; a nominee without a counted vote is none.",
    }),
  }),
  votes: Type.Object({
    counted: Type.Integer({ description: "Valid votes counted." }),
    notCounted: Type.Integer({ description: "Valid votes not counted under the edition's rules." }),
    invalidated: Type.Integer({ description: "Votes the secretariat invalidated (kept, never counted)." }),
    invalidatedByReason: Type.Array(
      Type.Object({ reason: Type.String({ description: "The reason recorded." }), count: Type.Integer() }),
      { description: "Invalidated votes by reason, most frequent first." },
    ),
  }),
  categories: Type.Array(ResultCategory),
});

export const RESULTS_DESCRIPTION =
  "The published results of an edition: per category the winner (the expert group's choice) and the champions (the nominees with most counted votes; the top `championsPerCategory`, all of a tie at the last place included), their vote totals, the total of counted votes, the valid votes not counted under the edition's rules and the invalidated votes by reason. Before the secretariat publishes them: 404 `results_not_published` (live totals are never public). An unknown year: 404 `prize_edition_not_found`.";
