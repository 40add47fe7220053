import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ValidationError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { expertsRoutes } from "./experts.routes.tsx";
import { nominationsRoutes } from "./nominations.routes.tsx";
import { ReviewQueuePage, ReviewSubmissionPage, type ScoreFormState } from "./review.pages.tsx";
import { findCategories } from "./review.repo.ts";
import { declareConflict, reviewQueue, reviewView, saveScores } from "./review.service.ts";
import { loadEdition } from "./review-edition.ts";

type YearParams = { year: string };
type SubmissionParams = { year: string; id: string };

const EMPTY: ScoreFormState = { values: {}, errors: {} };

/** The score and comment fields of a posted form, kept to show the form again. */
function scoreValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (/^(score|comment)-/.test(name) && typeof value === "string") values[name] = value;
  }
  return values;
}

/**
 * Expert review (`prizes.review`; being assigned is the service's check): the expert's list at
 * `/prizes/:year/review`, one submission with its score and conflict forms. Registers the
 * secretariat's experts and nominations pages and the public nominated list too.
 */
export async function prizeReviewRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  async function renderSubmission(
    request: FastifyRequest<{ Params: SubmissionParams }>,
    reply: FastifyReply,
    forms: { scoreForm?: ScoreFormState; conflictForm?: ScoreFormState },
    status = 200,
  ) {
    const actor = requirePermission(request.actor, "prizes.review");
    const edition = await loadEdition(db, request.params.year);
    const view = await reviewView(db, edition, actor, request.params.id);
    const saved = Object.fromEntries(
      view.scores.flatMap((score) => [
        [`score-${score.criterion_code}`, String(score.score)],
        [`comment-${score.criterion_code}`, score.comment],
      ]),
    );
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <ReviewSubmissionPage
        ctx={ctx}
        edition={edition}
        view={view}
        categories={await findCategories(db, edition.id)}
        scoreForm={forms.scoreForm ?? { values: saved, errors: {} }}
        conflictForm={forms.conflictForm ?? EMPTY}
      />,
      status,
    );
  }

  app.get<{ Params: YearParams }>(
    "/prizes/:year/review",
    { config: { permission: "prizes.review" } },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "prizes.review");
      const edition = await loadEdition(db, request.params.year);
      const queue = await reviewQueue(db, edition, actor);
      const ctx = pageContext(request, reply);
      return sendPage(
        reply,
        <ReviewQueuePage
          ctx={ctx}
          edition={edition}
          queue={queue}
          categories={await findCategories(db, edition.id)}
        />,
      );
    },
  );

  app.get<{ Params: SubmissionParams }>(
    "/prizes/:year/review/:id",
    { config: { permission: "prizes.review" } },
    async (request, reply) => renderSubmission(request, reply, {}),
  );

  /**
   * A post on one submission: `act` runs the service; bad input shows the page again with the
   * form `onInvalid` rebuilds, success goes back to the expert's list with `flash`.
   */
  function postOnSubmission(
    path: string,
    act: typeof saveScores,
    flash: string,
    onInvalid: (
      body: Record<string, unknown>,
      form: ScoreFormState,
    ) => Parameters<typeof renderSubmission>[2],
  ) {
    app.post<{ Params: SubmissionParams }>(
      path,
      { config: { permission: "prizes.review" } },
      async (request, reply) => {
        const actor = requirePermission(request.actor, "prizes.review");
        const edition = await loadEdition(db, request.params.year);
        const body = (request.body ?? {}) as Record<string, unknown>;
        try {
          await act(db, edition, actor, request.params.id, body, clientIp(request));
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          const form = { values: {}, errors: toFormErrors(error.fieldErrors) };
          return renderSubmission(request, reply, onInvalid(body, form), 400);
        }
        return redirectWithFlash(reply, `/prizes/${edition.year}/review`, flash);
      },
    );
  }

  postOnSubmission(
    "/prizes/:year/review/:id",
    saveScores,
    "flash.prizes.review.scoresSaved",
    (body, form) => ({ scoreForm: { ...form, values: scoreValues(body) } }),
  );
  postOnSubmission(
    "/prizes/:year/review/:id/conflict",
    declareConflict,
    "flash.prizes.review.conflictDeclared",
    (body, form) => ({
      conflictForm: { ...form, values: { reason: typeof body.reason === "string" ? body.reason : "" } },
    }),
  );

  await app.register(expertsRoutes);
  await app.register(nominationsRoutes);
}
