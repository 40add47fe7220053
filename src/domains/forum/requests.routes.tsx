import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ForumRequestKind } from "../../db/schema.ts";
import { type AppError, notFound, ValidationError } from "../../platform/errors.ts";
import { formList, formText } from "../../platform/http/form-input.ts";
import type { ApiWriteOptions } from "../../platform/http/idempotent-api.ts";
import { type Actor, requirePermission } from "../../platform/permissions.ts";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import { pageContext, redirectWithFlash, sendPage } from "../../ui/render.tsx";
import { formWriteOptions, newIdempotencyKey } from "../stocktaking/entry-http.ts";
import { loadReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { assertOcpOpen, loadOcpEdition, type OcpEdition, parseForumYear } from "./ocp-edition.ts";
import { isRefusal } from "./ocp-http.ts";
import { ocpOptions } from "./ocp-options.ts";
import { EMPTY_REQUEST, RequestFormPage, type RequestFormValues } from "./request-form.pages.tsx";
import { requestsApiRoutes } from "./requests.api.ts";
import { MyRequestsPage } from "./requests.pages.tsx";
import { deadlineText, isRequestEditable } from "./requests.presenter.ts";
import type { RequestRecord } from "./requests.repo.ts";
import {
  createRequest,
  getOwnRequest,
  listOwnRequests,
  parseRequestId,
  updateRequest,
} from "./requests.service.ts";
import { isRequestKind, MAX_SPEAKERS } from "./requests-input.ts";

/**
 * The request fields of a urlencoded body, as typed; speakers come as `speakers.<n>.<field>`.
 * Empty rows are dropped here, and the service numbers errors among the filled rows, which the
 * re-rendered form shows first, so `speakers.<n>.email` points at the right field.
 */
function requestValues(body: unknown): RequestFormValues {
  const speakers = [];
  for (let index = 0; index < MAX_SPEAKERS + 2; index += 1) {
    const row = {
      name: formText(body, `speakers.${index}.name`),
      email: formText(body, `speakers.${index}.email`),
      role: formText(body, `speakers.${index}.role`),
    };
    if (row.name || row.email || row.role) speakers.push(row);
  }
  return {
    title: formText(body, "title"),
    description: formText(body, "description"),
    sessionType: formText(body, "sessionType"),
    mode: formText(body, "mode"),
    organisers: formText(body, "organisers"),
    actionLines: formList(body, "actionLines"),
    sdgs: formList(body, "sdgs"),
    speakers,
    standSize: formText(body, "standSize"),
    speakerName: formText(body, "speakerName"),
    speakerPosition: formText(body, "speakerPosition"),
  };
}

/** A stored request as the form shows it. */
function valuesOf(request: RequestRecord): RequestFormValues {
  return {
    title: request.title,
    description: request.description,
    sessionType: request.session_type ?? "",
    mode: request.mode ?? "",
    organisers: request.organisers_text,
    actionLines: request.action_lines,
    sdgs: request.sdgs.map(String),
    speakers: request.speakers.map((s) => ({ name: s.name, email: s.email, role: s.role })),
    standSize: request.stand_size ?? "",
    speakerName: request.speaker_name ?? "",
    speakerPosition: request.speaker_position ?? "",
  };
}

/** Binding requests, the stakeholder's pages: new, edit, submit, and "my requests". */
export async function requestPagesRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  await app.register(requestsApiRoutes);
  const actorOf = (request: FastifyRequest): Actor => requirePermission(request.actor, "forum.participate");
  const yearOf = (request: FastifyRequest) => parseForumYear((request.params as { year: string }).year);

  interface FormState {
    values: RequestFormValues;
    errors?: FormErrors;
    refusal?: AppError | null;
    key?: string;
    status?: number;
  }

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    edition: OcpEdition,
    kind: ForumRequestKind,
    target: { action: string; submitted: boolean },
    state: FormState,
  ) {
    const ctx = pageContext(request, reply);
    const ref = await loadReferenceData(db);
    return sendPage(
      reply,
      <RequestFormPage
        ctx={ctx}
        year={edition.year}
        kind={kind}
        action={target.action}
        values={state.values}
        errors={state.errors ?? {}}
        idempotencyKey={state.key ?? newIdempotencyKey()}
        options={ocpOptions(ref, ctx.t, ctx.lang)}
        deadline={deadlineText(ctx.t, edition, ctx.lang)}
        refusal={state.refusal ?? null}
        submitted={target.submitted}
      />,
      state.status ?? 200,
    );
  }

  function writeOptions(request: FastifyRequest): ApiWriteOptions {
    return { ...formWriteOptions(request), lang: request.lang };
  }

  /** Runs a form write; bad input and refusals come back as the form with the values kept. */
  async function handleWrite(
    request: FastifyRequest,
    reply: FastifyReply,
    edition: OcpEdition,
    kind: ForumRequestKind,
    target: { action: string; submitted: boolean },
    write: (values: RequestFormValues, submit: boolean) => Promise<unknown>,
  ) {
    const values = requestValues(request.body);
    const submit = formText(request.body, "intent") !== "draft";
    const key = formText(request.body, "idempotencyKey") || undefined;
    try {
      await write(values, submit);
    } catch (error) {
      if (error instanceof ValidationError)
        return renderForm(request, reply, edition, kind, target, {
          values,
          errors: toFormErrors(error.fieldErrors),
          status: 400,
          ...(key ? { key } : {}),
        });
      if (isRefusal(error))
        return renderForm(request, reply, edition, kind, target, { values, refusal: error, status: 409 });
      throw error;
    }
    return redirectWithFlash(
      reply,
      "/forum/my-requests",
      submit ? "flash.forum.ocp.requestSubmitted" : "flash.forum.ocp.requestSaved",
    );
  }

  app.get(
    "/forum/:year/requests/new",
    { config: { permission: "forum.participate" } },
    async (request, reply) => {
      actorOf(request);
      const edition = await loadOcpEdition(db, yearOf(request));
      const kind = (request.query as Record<string, unknown>).kind ?? "workshop";
      if (!isRequestKind(kind)) throw notFound();
      const target = { action: `/forum/${edition.year}/requests`, submitted: false };
      try {
        assertOcpOpen(edition, request.lang);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        return renderForm(request, reply, edition, kind, target, {
          values: EMPTY_REQUEST,
          refusal: error,
          status: 409,
        });
      }
      return renderForm(request, reply, edition, kind, target, { values: EMPTY_REQUEST });
    },
  );

  app.post(
    "/forum/:year/requests",
    { config: { permission: "forum.participate" } },
    async (request, reply) => {
      const actor = actorOf(request);
      const edition = await loadOcpEdition(db, yearOf(request));
      const kind = formText(request.body, "kind");
      if (!isRequestKind(kind)) throw notFound();
      const target = { action: `/forum/${edition.year}/requests`, submitted: false };
      return handleWrite(request, reply, edition, kind, target, (values, submit) =>
        createRequest(db, actor, edition.year, kind, { ...values, submit }, writeOptions(request)),
      );
    },
  );

  async function ownForEdition(request: FastifyRequest, actor: Actor) {
    const params = request.params as { year: string; id: string };
    const year = parseForumYear(params.year);
    const own = await getOwnRequest(db, actor, parseRequestId(params.id));
    if (own.request.year !== year) throw notFound("forum_request_not_found");
    return own;
  }

  app.get(
    "/forum/:year/requests/:id/edit",
    { config: { permission: "forum.participate" } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { request: row, edition } = await ownForEdition(request, actor);
      const target = {
        action: `/forum/${edition.year}/requests/${row.id}`,
        submitted: row.status === "submitted",
      };
      const state: FormState = { values: valuesOf(row) };
      if (!isRequestEditable(row, edition)) {
        try {
          if (row.status === "draft" || row.status === "submitted") assertOcpOpen(edition, request.lang);
          return reply.code(303).redirect(`/forum/my-requests#request-${row.id}`);
        } catch (error) {
          if (!isRefusal(error)) throw error;
          return renderForm(request, reply, edition, row.kind, target, {
            ...state,
            refusal: error,
            status: 409,
          });
        }
      }
      return renderForm(request, reply, edition, row.kind, target, state);
    },
  );

  app.post(
    "/forum/:year/requests/:id",
    { config: { permission: "forum.participate" } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { request: row, edition } = await ownForEdition(request, actor);
      const target = {
        action: `/forum/${edition.year}/requests/${row.id}`,
        submitted: row.status === "submitted",
      };
      return handleWrite(request, reply, edition, row.kind, target, (values, submit) =>
        updateRequest(db, actor, row.id, { ...values, submit }, writeOptions(request)),
      );
    },
  );

  app.get("/forum/my-requests", { config: { permission: "forum.participate" } }, async (request, reply) => {
    const actor = actorOf(request);
    const ctx = pageContext(request, reply);
    const rows = await listOwnRequests(db, actor);
    const items = rows.map(({ request: row, edition }) => ({
      request: row,
      editable: isRequestEditable(row, edition),
      deadline: deadlineText(ctx.t, edition, ctx.lang),
    }));
    return sendPage(reply, <MyRequestsPage ctx={ctx} items={items} />);
  });
}
