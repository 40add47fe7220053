import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { type AppError, notFound } from "../../platform/errors.ts";
import { formText } from "../../platform/http/form-input.ts";
import { handleForm } from "../../platform/http/form-routes.ts";
import { localName } from "../../platform/i18n.ts";
import { hasPermission, requirePermission } from "../../platform/permissions.ts";
import type { FormErrors } from "../../ui/components.tsx";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { editorOf } from "../admin/admin.http.ts";
import { readReferenceData } from "../taxonomy/taxonomy.service.ts";
import { parseForumYear } from "./ocp-edition.ts";
import { OutcomeDocumentPage, SdgMatrixPage } from "./outcome-document.pages.tsx";
import { readOutcomeDocument } from "./outcome-document.service.ts";
import { OutcomeFormPage, SecretariatOutcomesPage } from "./outcomes.pages.tsx";
import { outcomesPdf } from "./outcomes.pdf.ts";
import {
  compileOutcomes,
  type OutcomeForm,
  outcomeForm,
  outcomeLock,
  publishOutcomes,
  readOutcomeForm,
  readOutcomeProgress,
  reopenOutcomes,
  requireOutcomeSession,
  saveOutcome,
} from "./outcomes.service.ts";

type SessionParams = { Params: { year: string; number: string } };
type YearParams = { Params: { year: string } };

const numberOf = (raw: string): number => {
  if (!/^[1-9]\d{0,4}$/.test(raw)) throw notFound("forum_session_not_found");
  return Number(raw);
};

async function referenceOptions(db: Kysely<Database>, request: FastifyRequest) {
  const reference = await readReferenceData(db);
  return {
    actionLines: reference.actionLines.map((line) => ({
      value: line.code,
      label: `${line.code} ${localName(line.names, request.lang)}`,
    })),
    sdgs: reference.sdgs.map((sdg) => ({
      value: String(sdg.number),
      label: request.t("forum.outcomes.matrix.sdgOption", {
        number: sdg.number,
        name: localName(sdg.names, request.lang),
      }),
    })),
  };
}

/**
 * Outcomes: the organiser's form (`/forum/:year/sessions/:number/outcomes`), the secretariat's
 * overview with compile / reopen / publish, and the Outcome Document as HTML, PDF and SDG matrix.
 */
export async function forumOutcomeRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db;
  const participate = { permission: "forum.participate" } as const;
  const secretariat = { permission: "forum.secretariat" } as const;
  const publicConfig = { permission: "public" } as const;

  async function formPage(
    request: FastifyRequest<SessionParams>,
    reply: FastifyReply,
    values: OutcomeForm | null,
    errors: FormErrors,
  ) {
    const actor = requirePermission(request.actor, "forum.participate");
    const year = parseForumYear(request.params.year);
    const { edition, session, outcome } = await requireOutcomeSession(
      db,
      year,
      numberOf(request.params.number),
      actor.id,
    );
    return (
      <OutcomeFormPage
        ctx={pageContext(request, reply)}
        year={year}
        session={session}
        status={outcome?.status ?? "none"}
        values={values ?? outcomeForm(session, outcome)}
        errors={errors}
        lock={outcomeLock(session, edition, new Date())}
        {...(await referenceOptions(db, request))}
      />
    );
  }

  app.get<SessionParams>(
    "/forum/:year/sessions/:number/outcomes",
    { config: participate },
    async (request, reply) => sendPage(reply, await formPage(request, reply, null, {})),
  );

  app.post<SessionParams>(
    "/forum/:year/sessions/:number/outcomes",
    { config: participate },
    async (request, reply) => {
      const year = parseForumYear(request.params.year);
      const number = numberOf(request.params.number);
      const values = readOutcomeForm(request.body);
      const submit = formText(request.body, "action") === "submit";
      return handleForm(
        reply,
        () => saveOutcome(db, editorOf(request, "forum.participate"), year, number, values, submit),
        (status) => ({
          location: `/forum/${year}/sessions/${number}/outcomes`,
          flash: status === "submitted" ? "flash.forum.outcomes.submitted" : "flash.forum.outcomes.saved",
        }),
        (errors) => formPage(request, reply, values, errors),
        ["forum_session_not_ended", "forum_outcomes_compiled"],
      );
    },
  );

  async function secretariatPage(
    request: FastifyRequest<YearParams>,
    reply: FastifyReply,
    problem: AppError | null,
  ) {
    const { edition, sessions } = await readOutcomeProgress(db, parseForumYear(request.params.year));
    return (
      <SecretariatOutcomesPage
        ctx={pageContext(request, reply)}
        year={edition.year}
        sessions={sessions}
        compiled={edition.outcomes_compiled_at !== null}
        published={edition.outcomes_published_at !== null}
        problem={problem}
      />
    );
  }

  app.get<YearParams>("/forum/:year/secretariat/outcomes", { config: secretariat }, async (request, reply) =>
    sendPage(reply, await secretariatPage(request, reply, null)),
  );

  const steps = { compile: compileOutcomes, reopen: reopenOutcomes, publish: publishOutcomes } as const;
  const flashes = {
    compile: "flash.forum.outcomes.compile",
    reopen: "flash.forum.outcomes.reopen",
    publish: "flash.forum.outcomes.publish",
  } as const;
  app.post<{ Params: { year: string; step: string } }>(
    "/forum/:year/secretariat/outcomes/:step",
    { config: secretariat },
    async (request, reply) => {
      const year = parseForumYear(request.params.year);
      const step = request.params.step;
      if (!Object.hasOwn(steps, step)) throw notFound();
      return handleForm(
        reply,
        () => steps[step as keyof typeof steps](db, editorOf(request, "forum.secretariat"), year),
        () => ({
          location: `/forum/${year}/secretariat/outcomes`,
          flash: flashes[step as keyof typeof flashes],
        }),
        (_errors, problem) => secretariatPage(request, reply, problem),
        ["forum_outcomes_compiled", "forum_outcomes_not_compiled", "forum_outcomes_published"],
      );
    },
  );

  const preview = (request: FastifyRequest) => hasPermission(request.actor, "forum.secretariat");

  app.get<YearParams>("/forum/:year/outcomes", { config: publicConfig }, async (request, reply) => {
    const document = await readOutcomeDocument(
      db,
      parseForumYear(request.params.year),
      request.lang,
      preview(request),
    );
    return sendPage(reply, <OutcomeDocumentPage ctx={pageContext(request, reply)} document={document} />);
  });

  app.get<YearParams>("/forum/:year/outcomes.pdf", { config: publicConfig }, async (request, reply) => {
    const year = parseForumYear(request.params.year);
    // The PDF is the published document only: a preview is the HTML page.
    const document = await readOutcomeDocument(db, year, request.lang, false);
    const pdf = await outcomesPdf(document, request.t, request.lang, document.timeZone);
    return reply
      .header("content-type", "application/pdf")
      .header("content-disposition", `inline; filename="wsis-forum-${year}-outcomes.pdf"`)
      .send(pdf);
  });

  app.get<YearParams & { Querystring: { actionLine?: string; sdg?: string } }>(
    "/forum/:year/sdg-matrix",
    { config: publicConfig },
    async (request, reply) => {
      const document = await readOutcomeDocument(
        db,
        parseForumYear(request.params.year),
        request.lang,
        preview(request),
      );
      const code = formText(request.query, "actionLine");
      const sdg = formText(request.query, "sdg");
      // An unknown cell lists nothing rather than failing: the link may be old or typed by hand.
      const selected =
        document.actionLines.some((line) => line.code === code) && /^\d{1,2}$/.test(sdg)
          ? { code, sdg: Number(sdg) }
          : null;
      return sendPage(
        reply,
        <SdgMatrixPage ctx={pageContext(request, reply)} document={document} selected={selected} />,
      );
    },
  );
}
