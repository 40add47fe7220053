import { Type } from "typebox";
import { RECEIPT_SCHEME } from "./vote-receipts.ts";

/** OpenAPI description of voting: `listNominees`, `castVote`, `listMyVotes`. */

export const YearParams = Type.Object({
  year: Type.Integer({ minimum: 2000, maximum: 2100, description: "The edition's year." }),
});

export const NomineesQuery = Type.Object({
  category: Type.Optional(
    Type.String({
      maxLength: 40,
      description: "One category (an Action Line code such as `C7-ehealth`); all of them when absent.",
    }),
  ),
});

const Receipt = Type.String({
  pattern: "^[0-9a-f]{64}$",
  description: `The vote's receipt: SHA-256 (hex) of \`${RECEIPT_SCHEME}|<year>|<category>|<nomineeId>|<nonce>\` with a random nonce of its own. After the results are published, the edition's public receipt list (\`/prizes/{year}/vote/receipts.csv\`) has every receipt with its nonce, category and nominee but never its voter: find yours there, recompute any line's hash, recount the tally.`,
});

const VotingWindow = Type.Union(
  [
    Type.Object({
      startsAt: Type.String({ format: "date-time" }),
      endsAt: Type.String({ format: "date-time", description: "Excluded: voting closes at this instant." }),
    }),
    Type.Null(),
  ],
  { description: "The voting phase (null when the edition has none). The server's clock decides." },
);

const EditionSummary = Type.Object({
  year: Type.Integer(),
  timeZone: Type.String({ description: "The IANA zone the edition's dates are given in." }),
  votingOpen: Type.Boolean({ description: "Whether votes are accepted now." }),
  voting: VotingWindow,
  categories: Type.Array(Type.String(), { description: "The edition's 18 categories, in order." }),
});

export const NomineeSchema = Type.Object({
  id: Type.String({ description: "The nominee's id: what `castVote` takes as `nomineeId`." }),
  category: Type.String(),
  title: Type.String(),
  organisation: Type.String(),
  country: Type.Union([Type.String(), Type.Null()], { description: "ISO 3166-1 alpha-2 code." }),
  shortDescription: Type.String({ description: "The 150–200-word description voters read." }),
});

export const NomineeListResponse = Type.Object({
  edition: EditionSummary,
  nomineesPublished: Type.Boolean({
    description: "False until the nominated list is published: no nominees yet.",
  }),
  items: Type.Array(NomineeSchema),
});

export const CastVoteBody = Type.Object(
  {
    category: Type.String({ minLength: 1, maxLength: 40, description: "The category voted in." }),
    nomineeId: Type.String({
      minLength: 1,
      maxLength: 40,
      description: "A nominee of that category (`listNominees`).",
    }),
  },
  { additionalProperties: false },
);

export const CastVoteResponse = Type.Object({
  id: Type.String(),
  year: Type.Integer(),
  category: Type.String(),
  nomineeId: Type.String(),
  receipt: Receipt,
  castAt: Type.String({ format: "date-time" }),
});

export const MyVotesResponse = Type.Object({
  edition: EditionSummary,
  voted: Type.Integer({ description: "Categories voted in." }),
  total: Type.Integer({ description: "Categories of the edition." }),
  items: Type.Array(
    Type.Object({
      category: Type.String(),
      vote: Type.Union([
        Type.Object({
          id: Type.String(),
          nomineeId: Type.String(),
          nomineeTitle: Type.String(),
          organisation: Type.String(),
          receipt: Receipt,
          nonce: Type.Union([Type.String(), Type.Null()], {
            description: "The random value the receipt covers (to recompute it yourself).",
          }),
          castAt: Type.String({ format: "date-time" }),
          counted: Type.Union([Type.Boolean(), Type.Null()], {
            description: "Once the results are published: whether the vote counted (false: invalidated).",
          }),
        }),
        Type.Null(),
      ]),
    }),
  ),
});

export const CAST_DESCRIPTION = `One vote per voter per category: the first vote counts and a second answers 409 \`vote_already_cast\` (racing requests included: a unique index decides). Only during the voting phase (409 \`voting_closed\`, naming the window in the edition's time zone), only for a nominee of that category (404 \`nominee_not_found\`; an unknown category is 400 \`validation_failed\`), only from an account with a confirmed e-mail address (403 \`email_not_verified\`). Send an \`Idempotency-Key\` to retry safely: a replay answers 200 with the same vote and receipt. Rate limits: per voter and per client address (429 \`rate_limited\`), instead of the per-user API budget; the \`RateLimit-*\` headers give the per-voter window.`;
