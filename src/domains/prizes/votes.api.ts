import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { setRateLimitHeaders } from "../../platform/http/api-rate-limit.ts";
import { apiWriteOptions } from "../../platform/http/idempotent-api.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { IdempotencyHeaders } from "../stocktaking/entries.schema.ts";
import { ProblemSchema } from "../stocktaking/search.schema.ts";
import { presentMyVotes, presentNominees } from "./votes.presenter.ts";
import {
  CAST_DESCRIPTION,
  CastVoteBody,
  CastVoteResponse,
  MyVotesResponse,
  NomineeListResponse,
  NomineesQuery,
  YearParams,
} from "./votes.schema.ts";
import { castVote, myVotes, nomineesOf, type VoteDeps } from "./votes.service.ts";

/** The voting API: `listNominees`, `castVote`, `listMyVotes` (tag `prizes`). */
export function registerVoteApi(base: FastifyInstance, deps: VoteDeps): void {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    "/api/v1/prizes/editions/:year/nominees",
    {
      config: { permission: "public" },
      schema: {
        operationId: "listNominees",
        tags: ["prizes"],
        summary: "List an edition's nominees (all categories, or one), with their short descriptions",
        description:
          "Nominees appear once the secretariat publishes the nominated list (`nomineesPublished`). Vote totals are never shown here. An unknown year is 404 `not_found`, an unknown category 400 `validation_failed`.",
        params: YearParams,
        querystring: NomineesQuery,
        response: { 200: NomineeListResponse, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) =>
      presentNominees(await nomineesOf(deps.db, request.params.year, request.query.category)),
  );

  app.post(
    "/api/v1/prizes/editions/:year/votes",
    {
      // Counted by the vote's own limits (per voter and per address, see VoteRateLimiter), which
      // also give the RateLimit-* headers: the platform's per-user API budget would count every
      // vote a second time, in a database write on the busiest path there is.
      config: { permission: "prizes.vote", ownRateLimit: true },
      schema: {
        operationId: "castVote",
        tags: ["prizes"],
        summary: "Vote for one nominee in one category (scope prizes:write)",
        description: CAST_DESCRIPTION,
        params: YearParams,
        body: CastVoteBody,
        headers: IdempotencyHeaders,
        response: {
          200: CastVoteResponse,
          201: CastVoteResponse,
          400: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.vote");
      const { vote, replayed, budget } = await castVote(deps, actor, {
        year: request.params.year,
        category: request.body.category,
        nomineeId: request.body.nomineeId,
        ...apiWriteOptions(request),
      });
      if (budget) setRateLimitHeaders(reply, budget);
      return reply
        .code(replayed ? 200 : 201)
        .header("location", `/api/v1/prizes/editions/${vote.year}/my-votes`)
        .send(vote);
    },
  );

  app.get(
    "/api/v1/prizes/editions/:year/my-votes",
    {
      config: { permission: "prizes.vote" },
      schema: {
        operationId: "listMyVotes",
        tags: ["prizes"],
        summary: "Your votes in an edition: progress over its categories and a receipt per vote",
        description:
          "One item per category, with your vote and its receipt (null where you have not voted). Whether each vote counted is given once the results are published.",
        params: YearParams,
        response: { 200: MyVotesResponse, 404: ProblemSchema },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, "prizes.vote");
      return presentMyVotes(await myVotes(deps.db, actor, request.params.year));
    },
  );
}
