import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { apiWriteOptions, replayedOutcome } from "../../platform/http/idempotent-api.ts";
import type { Idempotent } from "../../platform/idempotency.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { cursorKey } from "../../platform/signed-cursor.ts";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { DuplicatePairPage, DuplicatesListPage } from "./duplicates.pages.tsx";
import { presentPair, presentPairSummary, presentScores, presentSides } from "./duplicates.presenter.ts";
import {
  DuplicateListQuery,
  DuplicateListResponse,
  DuplicateParams,
  DuplicateResponse,
  ListDuplicatesProblems,
  MergeEntryBody,
  MergeEntryProblems,
  ResolveDuplicateBody,
  ResolveDuplicateProblems,
} from "./duplicates.schema.ts";
import {
  mergeEntryInto,
  parsePairId,
  type ResolutionOutcome,
  resolveDuplicate,
} from "./duplicates.service.ts";
import { getPairView, listDuplicatesApi, listDuplicatesPage } from "./duplicates-view.service.ts";
import { makeLabels } from "./entries.presenter.ts";
import { EntryParams, IdempotencyHeaders } from "./entries.schema.ts";
import { parseEntryId } from "./entries.service.ts";
import { type FormState, formField, formPageRoutes, pageOf, pageParam } from "./entry-http.ts";

const FLASH = { not_duplicate: "flash.duplicates.notDuplicate", merged: "flash.duplicates.merged" } as const;

/**
 * Likely duplicates for moderators: the list of open pairs (linked from the moderation queue), the
 * side-by-side comparison with its decision, and the `listDuplicateCandidates`,
 * `getDuplicateCandidate` and `resolveDuplicateCandidate` API.
 */
export async function duplicatesRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.deps;
  const deps = { db, baseUrl: config.baseUrl };
  const cursors = cursorKey(config.sessionSecret);

  /** A decision's answer: the pair as it now is, a replay marked as such. */
  async function answerPair(
    request: FastifyRequest,
    reply: FastifyReply,
    result: Idempotent<ResolutionOutcome>,
  ) {
    const view = await getPairView(db, replayedOutcome(reply, result).pairId);
    return presentPair(view, makeLabels(view.ref, request.t, request.lang));
  }

  async function renderPair(
    request: FastifyRequest,
    reply: FastifyReply,
    pairId: string,
    form: FormState<{ decision: string; survivorId: string }>,
  ) {
    const view = await getPairView(db, pairId);
    const ctx = pageContext(request, reply);
    const labels = makeLabels(view.ref, ctx.t, ctx.lang);
    return sendPage(
      reply,
      <DuplicatePairPage
        ctx={ctx}
        view={view}
        sides={presentSides(view, labels)}
        scores={presentScores(view.pair)}
        survivorId={form.values.survivorId}
        errors={form.errors}
        idempotencyKey={form.key}
      />,
      form.status,
    );
  }

  app.get(
    "/moderation/duplicates",
    { config: { permission: "entries.moderate" } },
    async (request, reply) => {
      const page = pageParam(request.query);
      const list = await listDuplicatesPage(db, page);
      return sendPage(
        reply,
        <DuplicatesListPage ctx={pageContext(request, reply)} {...pageOf(list, page)} />,
      );
    },
  );

  formPageRoutes(base, {
    path: "/moderation/duplicates/:id",
    permission: "entries.moderate",
    target: parsePairId,
    initial: { decision: "", survivorId: "" },
    read: (body) => ({ decision: formField(body, "decision"), survivorId: formField(body, "survivorId") }),
    render: renderPair,
    submit: async (reply, actor, pairId, values, write) => {
      const { outcome } = await resolveDuplicate(deps, actor, pairId, values, write);
      return redirectWithFlash(
        reply,
        outcome.survivorId ? `/entries/${outcome.survivorId}` : "/moderation/duplicates",
        FLASH[outcome.status],
      );
    },
  });

  app.get(
    "/api/v1/duplicate-candidates",
    {
      config: { permission: "entries.moderate" },
      schema: {
        operationId: "listDuplicateCandidates",
        tags: ["moderation"],
        summary: "List the open pairs of likely duplicate entries, oldest first",
        description:
          "Pairs are flagged when an entry is submitted or imported: another entry published or in review, in the same country (or both international), with a similar title, organisation and description (trigram similarity). A pair one of whose entries has left (withdrawn, rejected, merged) is not listed. Pages by cursor.",
        security: [{ bearer: [] }],
        querystring: DuplicateListQuery,
        response: { 200: DuplicateListResponse, ...ListDuplicatesProblems },
      },
    },
    async (request) => {
      const { rows, nextCursor } = await listDuplicatesApi(db, cursors, request.query);
      return { items: rows.map(presentPairSummary), nextCursor };
    },
  );

  app.get(
    "/api/v1/duplicate-candidates/:id",
    {
      config: { permission: "entries.moderate" },
      schema: {
        operationId: "getDuplicateCandidate",
        tags: ["moderation"],
        summary: "Read a pair of likely duplicates: both entries in full, the scores and any decision",
        security: [{ bearer: [] }],
        params: DuplicateParams,
        response: { 200: DuplicateResponse, 404: ResolveDuplicateProblems[404] },
      },
    },
    async (request) => {
      const view = await getPairView(db, parsePairId(request.params.id));
      return presentPair(view, makeLabels(view.ref, request.t, request.lang));
    },
  );

  app.post(
    "/api/v1/duplicate-candidates/:id/resolution",
    {
      config: { permission: "entries.moderate" },
      schema: {
        operationId: "resolveDuplicateCandidate",
        tags: ["moderation"],
        summary: "Decide on a pair: not a duplicate, or merge one entry into the other",
        description:
          "`not_duplicate` closes the pair for good. `merge` keeps `survivorId` and retires the other entry into it: the retired entry leaves search, `GET /api/v1/entries/{retired}` answers 308 `entry_merged` with `Location` to the survivor (its page redirects with 301), both histories are kept, and both owners are emailed. Both decisions are audited. Of two moderators deciding at once, exactly one wins; the other gets 409 `duplicate_not_open`.",
        security: [{ bearer: [] }],
        params: DuplicateParams,
        headers: IdempotencyHeaders,
        body: ResolveDuplicateBody,
        response: { 200: DuplicateResponse, ...ResolveDuplicateProblems },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "entries.moderate");
      const pairId = parsePairId(request.params.id);
      const result = await resolveDuplicate(deps, actor, pairId, request.body, apiWriteOptions(request));
      return answerPair(request, reply, result);
    },
  );

  app.post(
    "/api/v1/entries/:id/merge",
    {
      config: { permission: "entries.moderate" },
      schema: {
        operationId: "mergeEntry",
        tags: ["moderation"],
        summary: "Merge this entry into another one (a duplicate the detector did not flag)",
        description:
          "Records the pair (with its similarity scores) and merges it as `resolveDuplicateCandidate` does: this entry is retired into `into`. A pair already marked not a duplicate is 409 `duplicate_not_open`; `into` equal to this entry is 409 `merge_into_self`.",
        security: [{ bearer: [] }],
        params: EntryParams,
        headers: IdempotencyHeaders,
        body: MergeEntryBody,
        response: { 200: DuplicateResponse, ...MergeEntryProblems },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "entries.moderate");
      const entryId = parseEntryId(request.params.id);
      const result = await mergeEntryInto(deps, actor, entryId, request.body, apiWriteOptions(request));
      return answerPair(request, reply, result);
    },
  );
}
