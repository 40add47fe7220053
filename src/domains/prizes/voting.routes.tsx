import { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, notFound, ValidationError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { parseIdempotencyKey } from "../../platform/idempotency.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { formField, newIdempotencyKey } from "../stocktaking/entry-http.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { MyVotesPage } from "./vote-my-votes.pages.tsx";
import { VoteRateLimiter } from "./vote-rate-limit.ts";
import { screenDueEditions } from "./vote-screening.service.ts";
import { voteSecretariatRoutes } from "./vote-secretariat.routes.tsx";
import { yearParam } from "./vote-view.ts";
import { VoteWriter } from "./vote-writer.ts";
import { registerVoteApi } from "./votes.api.ts";
import { listNominees, listVotesOf, publishedReceipts } from "./votes.repo.ts";
import { castVote, myVoteEditions, myVotes, type VoteDeps } from "./votes.service.ts";
import { type CategoryPageProps, VoteCategoryPage, VoteIndexPage, type VotingView } from "./voting.pages.tsx";
import { votingEdition, votingEnded } from "./voting-edition.ts";

/** Refusals a voter can meet on the ballot page, shown there rather than on an error page. */
const BALLOT_PROBLEMS = new Set([
  "vote_already_cast",
  "voting_closed",
  "nominee_not_found",
  "email_not_verified",
  "rate_limited",
  "idempotency_conflict",
]);

/**
 * Voting (issue 6, points 4 and 5): the ballot (`/prizes/:year/vote`, one page per category), "My
 * votes" (`/prizes/my-votes`), the public receipt list once results are published, the voting API,
 * the secretariat's screening pages and the periodic screening of editions in their voting phase.
 */
export async function votingRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.deps;
  const deps: VoteDeps = { db, limiter: new VoteRateLimiter(config.voting), writer: new VoteWriter(db) };
  registerVoteApi(app, deps);
  await app.register(voteSecretariatRoutes);

  if (config.voting.screenIntervalMs > 0) {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      screenDueEditions(db, config.voting)
        .catch((error: unknown) => app.log.error({ err: error }, "vote screening failed"))
        .finally(() => {
          running = false;
        });
    }, config.voting.screenIntervalMs);
    timer.unref();
    app.addHook("onClose", async () => clearInterval(timer));
  }

  async function votingView(request: FastifyRequest, year: number): Promise<VotingView> {
    const [edition, reference] = await Promise.all([votingEdition(db, year, true), loadReferenceData(db)]);
    const votes = request.actor ? await listVotesOf(db, edition.id, request.actor.id) : [];
    return {
      edition,
      reference,
      now: new Date(),
      votes: new Map(votes.map((vote) => [vote.category_code, vote])),
    };
  }

  async function renderCategory(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    category: string,
    extra: Partial<Omit<CategoryPageProps, "ctx" | "view" | "category" | "nominees">> = {},
    status = 200,
  ) {
    const view = await votingView(request, year);
    if (!view.edition.categories.includes(category)) throw notFound();
    const nominees = await listNominees(db, view.edition.id, category);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <VoteCategoryPage
        ctx={ctx}
        view={view}
        category={category}
        nominees={nominees}
        idempotencyKey={extra.idempotencyKey ?? newIdempotencyKey()}
        {...extra}
      />,
      status,
    );
  }

  app.get("/prizes/:year/vote", { config: { permission: "public" } }, async (request, reply) => {
    const view = await votingView(request, yearParam(request));
    const counts = new Map<string, number>();
    for (const nominee of await listNominees(db, view.edition.id))
      counts.set(nominee.category_code, (counts.get(nominee.category_code) ?? 0) + 1);
    return sendPage(
      reply,
      <VoteIndexPage ctx={pageContext(request, reply)} view={view} nomineeCounts={counts} />,
    );
  });

  app.get("/prizes/:year/vote/:category", { config: { permission: "public" } }, async (request, reply) => {
    const { category } = request.params as { category: string };
    return renderCategory(request, reply, yearParam(request), category);
  });

  app.post(
    "/prizes/:year/vote/:category",
    { config: { permission: "prizes.vote" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.vote");
      const year = yearParam(request);
      const { category } = request.params as { category: string };
      const nomineeId = formField(request.body, "nominee");
      const idempotencyKey = parseIdempotencyKey(formField(request.body, "idempotencyKey"));
      const kept = { idempotencyKey: idempotencyKey ?? newIdempotencyKey(), selected: nomineeId };
      if (!nomineeId) {
        const errors = toFormErrors([{ field: "nominee", code: "required" }]);
        return renderCategory(request, reply, year, category, { ...kept, errors }, 400);
      }
      try {
        await castVote(deps, actor, {
          year,
          category,
          nomineeId,
          idempotencyKey,
          ip: clientIp(request),
          lang: request.lang,
        });
      } catch (error) {
        if (error instanceof ValidationError) throw notFound();
        if (error instanceof AppError && BALLOT_PROBLEMS.has(error.code)) {
          reply.headers(error.headers);
          const problem = request.t(`errors.${error.code}`, error.params);
          return renderCategory(request, reply, year, category, { ...kept, problem }, error.status);
        }
        throw error;
      }
      return redirectWithFlash(reply, `/prizes/my-votes?year=${year}`, "flash.prizes.voting.cast");
    },
  );

  app.get("/prizes/my-votes", { config: { permission: "prizes.vote" } }, async (request, reply) => {
    const actor = requirePermission(request.actor, "prizes.vote");
    const years = await myVoteEditions(db, actor);
    const asked = Number((request.query as Record<string, unknown>).year);
    const year = years.includes(asked) ? asked : years[0];
    const [mine, reference] = await Promise.all([
      year === undefined ? null : myVotes(db, actor, year),
      loadReferenceData(db),
    ]);
    const ctx = pageContext(request, reply);
    return sendPage(reply, <MyVotesPage ctx={ctx} years={years} mine={mine} reference={reference} />);
  });

  app.get("/prizes/:year/vote/receipts.csv", { config: { permission: "public" } }, async (request, reply) => {
    const edition = await votingEdition(db, yearParam(request), true);
    // Published with the results, never before: before, it would be a live count.
    if (!edition.resultsPublished || !votingEnded(edition, new Date())) throw notFound();
    async function* lines() {
      yield "receipt,nonce,year,category,nominee_id,status,invalidation_reason\r\n";
      for await (const batch of publishedReceipts(db, edition.id)) {
        yield batch
          .map((row) =>
            [
              row.receipt,
              row.receipt_nonce ?? "",
              String(edition.year),
              row.category_code,
              row.submission_id,
              row.invalidation_reason === null ? "valid" : "invalidated",
              csvField(row.invalidation_reason ?? ""),
            ].join(","),
          )
          .join("\r\n")
          .concat("\r\n");
      }
    }
    reply.removeHeader("vary");
    reply.removeHeader("content-language");
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="wsis-prizes-${edition.year}-receipts.csv"`)
      .header("cache-control", "public, max-age=300")
      .send(Readable.from(lines()));
  });
}

/**
 * A CSV field, quoted when it holds a separator, a quote or a line break (RFC 4180); text a
 * spreadsheet would run as a formula is prefixed with an apostrophe.
 */
function csvField(raw: string): string {
  const value = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
