import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { notFound, ValidationError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { listExperts } from "./experts.repo.ts";
import {
  NominationsCategoryPage,
  NominationsOverviewPage,
  nominationsBase,
  type OverviewForms,
} from "./nominations.pages.tsx";
import { summariseCategories, totalOf } from "./nominations.presenter.ts";
import { NomineesPage } from "./nominations.published.pages.tsx";
import { listNominees, listSubmissionReviews } from "./nominations.repo.ts";
import {
  loadCategory,
  publishNominees,
  rankSubmissions,
  saveSelection,
  selectTopRanked,
  setEligibility,
} from "./nominations.service.ts";
import { type ExpertReview, NominationSubmissionPage } from "./nominations.submission.pages.tsx";
import { isPhaseOpen } from "./prize-phases.ts";
import { findCategories, findCriteria } from "./review.repo.ts";
import { hasReviewEnded, loadEdition, type ReviewEdition } from "./review-edition.ts";

type YearParams = { year: string };
type CategoryParams = { year: string; category: string };
type SubmissionParams = { year: string; id: string };

const field = (body: unknown, name: string) => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : "";
};
/** A checkbox group's values: absent, one, or many. */
const fieldList = (body: unknown, name: string): string[] => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
};

const SECRETARIAT = { config: { permission: "prizes.secretariat" as const } };
const NO_FORMS: OverviewForms = { cutoff: { values: { count: "" }, errors: {} }, publish: { errors: {} } };

/**
 * The secretariat's nominations (`prizes.secretariat`): the overview per category, a category's
 * ranking with the selection, a submission's figures with the eligibility decision, the top-N
 * helper and publication; and the public nominated list at `/prizes/:year/nominees`.
 */
export async function nominationsRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  const base = "/prizes/:year/secretariat/nominations";

  async function renderOverview(
    request: FastifyRequest,
    reply: FastifyReply,
    edition: ReviewEdition,
    forms: OverviewForms,
    status = 200,
  ) {
    const categories = await findCategories(db, edition.id);
    const ranked = await rankSubmissions(db, edition.id, await findCriteria(db, edition.id));
    const summaries = summariseCategories(categories, ranked, await listExperts(db, edition.id));
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <NominationsOverviewPage
        ctx={ctx}
        edition={edition}
        categories={categories}
        summaries={summaries}
        total={totalOf(summaries)}
        reviewEnded={hasReviewEnded(edition)}
        forms={forms}
      />,
      status,
    );
  }

  async function renderCategory(
    request: FastifyRequest,
    reply: FastifyReply,
    edition: ReviewEdition,
    code: string,
    errors: FormErrors,
    status = 200,
  ) {
    const rows = await rankSubmissions(db, edition.id, await findCriteria(db, edition.id), code);
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <NominationsCategoryPage
        ctx={ctx}
        edition={edition}
        categories={await findCategories(db, edition.id)}
        code={code}
        rows={rows}
        errors={errors}
      />,
      status,
    );
  }

  async function renderSubmission(
    request: FastifyRequest,
    reply: FastifyReply,
    edition: ReviewEdition,
    id: string,
    form: { values: { reason: string }; errors: FormErrors },
    status = 200,
  ) {
    const criteria = await findCriteria(db, edition.id);
    const row = (await rankSubmissions(db, edition.id, criteria)).find((item) => item.id === id);
    if (!row) throw notFound("review_submission_not_found");
    const reviews = new Map<string, ExpertReview>();
    for (const cell of await listSubmissionReviews(db, row.id)) {
      let review = reviews.get(cell.expert_id);
      if (!review) {
        review = {
          expertId: cell.expert_id,
          name: cell.name,
          weighted: row.aggregate.byExpert[cell.expert_id] ?? null,
          scores: [],
        };
        reviews.set(cell.expert_id, review);
      }
      review.scores.push({ criterion: cell.criterion_code, score: cell.score, comment: cell.comment });
    }
    const order = new Map(criteria.map((criterion, index) => [criterion.code, index]));
    for (const review of reviews.values())
      review.scores.sort((a, b) => (order.get(a.criterion) ?? 0) - (order.get(b.criterion) ?? 0));
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <NominationSubmissionPage
        ctx={ctx}
        edition={edition}
        categories={await findCategories(db, edition.id)}
        criteria={criteria}
        row={row}
        reviews={[...reviews.values()]}
        form={form}
      />,
      status,
    );
  }

  app.get<{ Params: YearParams }>(base, SECRETARIAT, async (request, reply) => {
    requirePermission(request.actor, "prizes.secretariat");
    return renderOverview(request, reply, await loadEdition(db, request.params.year), NO_FORMS);
  });

  app.post<{ Params: YearParams }>(`${base}/cutoff`, SECRETARIAT, async (request, reply) => {
    const actor = requirePermission(request.actor, "prizes.secretariat");
    const edition = await loadEdition(db, request.params.year);
    const count = field(request.body, "count");
    try {
      await selectTopRanked(db, actor, edition, { count }, clientIp(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const forms = { ...NO_FORMS, cutoff: { values: { count }, errors: toFormErrors(error.fieldErrors) } };
      return renderOverview(request, reply, edition, forms, 400);
    }
    return redirectWithFlash(reply, nominationsBase(edition), "flash.prizes.review.cutoffApplied");
  });

  app.post<{ Params: YearParams }>(`${base}/publish`, SECRETARIAT, async (request, reply) => {
    const actor = requirePermission(request.actor, "prizes.secretariat");
    const edition = await loadEdition(db, request.params.year);
    try {
      await publishNominees(
        db,
        actor,
        edition,
        { confirm: field(request.body, "confirm") },
        clientIp(request),
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const forms = { ...NO_FORMS, publish: { errors: toFormErrors(error.fieldErrors) } };
      return renderOverview(request, reply, edition, forms, 400);
    }
    return redirectWithFlash(reply, `/prizes/${edition.year}/nominees`, "flash.prizes.review.published");
  });

  app.get<{ Params: SubmissionParams }>(`${base}/submissions/:id`, SECRETARIAT, async (request, reply) => {
    requirePermission(request.actor, "prizes.secretariat");
    const edition = await loadEdition(db, request.params.year);
    return renderSubmission(request, reply, edition, request.params.id, {
      values: { reason: "" },
      errors: {},
    });
  });

  app.post<{ Params: SubmissionParams }>(`${base}/submissions/:id`, SECRETARIAT, async (request, reply) => {
    const actor = requirePermission(request.actor, "prizes.secretariat");
    const edition = await loadEdition(db, request.params.year);
    const input = { decision: field(request.body, "decision"), reason: field(request.body, "reason") };
    try {
      const status = await setEligibility(db, actor, edition, request.params.id, input, clientIp(request));
      const flash =
        status === "ineligible" ? "flash.prizes.review.markedIneligible" : "flash.prizes.review.restored";
      return redirectWithFlash(reply, `${nominationsBase(edition)}/submissions/${request.params.id}`, flash);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const form = { values: { reason: input.reason }, errors: toFormErrors(error.fieldErrors) };
      return renderSubmission(request, reply, edition, request.params.id, form, 400);
    }
  });

  app.get<{ Params: CategoryParams }>(`${base}/:category`, SECRETARIAT, async (request, reply) => {
    requirePermission(request.actor, "prizes.secretariat");
    const edition = await loadEdition(db, request.params.year);
    const code = await loadCategory(db, edition, request.params.category);
    return renderCategory(request, reply, edition, code, {});
  });

  app.post<{ Params: CategoryParams }>(`${base}/:category`, SECRETARIAT, async (request, reply) => {
    const actor = requirePermission(request.actor, "prizes.secretariat");
    const edition = await loadEdition(db, request.params.year);
    const code = await loadCategory(db, edition, request.params.category);
    try {
      await saveSelection(db, actor, edition, code, fieldList(request.body, "nominees"), clientIp(request));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderCategory(request, reply, edition, code, toFormErrors(error.fieldErrors), 400);
    }
    return redirectWithFlash(
      reply,
      `${nominationsBase(edition)}/${encodeURIComponent(code)}`,
      "flash.prizes.review.selectionSaved",
    );
  });

  app.get<{ Params: YearParams }>(
    "/prizes/:year/nominees",
    { config: { permission: "public" } },
    async (request, reply) => {
      const edition = await loadEdition(db, request.params.year);
      const published = edition.nomineesPublishedAt !== null;
      const ctx = pageContext(request, reply);
      return sendPage(
        reply,
        <NomineesPage
          ctx={ctx}
          edition={edition}
          categories={await findCategories(db, edition.id)}
          nominees={published ? await listNominees(db, edition.id) : []}
          votingOpen={published && isPhaseOpen(edition.windows, "voting", new Date())}
        />,
      );
    },
  );
}
