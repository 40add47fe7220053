import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { formText } from "../../platform/http/form-input.ts";
import { localName } from "../../platform/i18n.ts";
import { effectiveTimeZone } from "../../platform/zoned-time.ts";
import type { FormErrors } from "../../ui/components.tsx";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { editorOf, handleForm } from "../admin/admin.http.ts";
import { readReferenceData } from "../taxonomy/taxonomy.service.ts";
import { AdminEditionPage, AdminEditionsPage, ExtendPhasePage } from "./edition-admin.pages.tsx";
import { EditionFormPage } from "./edition-form.pages.tsx";
import { type EditionForm, readEditionForm } from "./edition-input.ts";
import { readPhaseHistory } from "./edition-phase-clock.ts";
import { parseYear, readEditionDetail, readEditionSummaries } from "./edition-read.service.ts";
import { findPhaseWindows } from "./editions.repo.ts";
import {
  createEdition,
  type ExtensionForm,
  editionForm,
  extendPhase,
  isPastEdition,
  newEditionForm,
  requireEdition,
  startedPhases,
  updateEdition,
} from "./editions.service.ts";
import { pastFiguresRoutes } from "./past-editions-edit.routes.tsx";
import { isPrizePhase } from "./prize-phases.ts";
import { SpecialPrizeFormPage } from "./special-prizes.pages.tsx";
import {
  blankSpecialPrizeForm,
  createSpecialPrize,
  deleteSpecialPrize,
  readSpecialPrizeForm,
  requireSpecialPrize,
  type SpecialPrizeForm,
  specialPrizeDeletable,
  specialPrizeForm,
  updateSpecialPrizeOf,
} from "./special-prizes.service.ts";
import { DeleteSpecialPrizePage } from "./special-prizes-delete.pages.tsx";

const config = { permission: "prizes.administer" } as const;
type YearParams = { Params: { year: string } };

const yearOf = (raw: string): number => {
  const year = parseYear(raw);
  if (year === null) throw notFound("prize_edition_not_found");
  return year;
};

async function actionLineOptions(db: Kysely<Database>, request: FastifyRequest) {
  const reference = await readReferenceData(db);
  return reference.actionLines.map((line) => ({
    value: line.code,
    label: `${line.code} ${localName(line.names, request.lang)}`,
  }));
}

/** `/admin/prizes…`: editions, their phases (extension with a reason), special prizes. Admins only. */
export async function editionAdminRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db;
  const editor = (request: FastifyRequest) => editorOf(request, "prizes.administer");

  async function editionFormPage(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number | null,
    values: EditionForm,
    errors: FormErrors,
  ) {
    const ctx = pageContext(request, reply);
    const actionLines = await actionLineOptions(db, request);
    if (year === null)
      return (
        <EditionFormPage
          ctx={ctx}
          year={null}
          values={values}
          errors={errors}
          actionLines={actionLines}
          locked={new Map()}
          zone={values.timeZone}
          past={false}
        />
      );
    const edition = await requireEdition(db, year);
    const zone = effectiveTimeZone(edition.time_zone);
    return (
      <EditionFormPage
        ctx={ctx}
        year={year}
        values={values}
        errors={errors}
        actionLines={actionLines}
        locked={startedPhases(await findPhaseWindows(db, edition.id), new Date())}
        zone={zone}
        past={isPastEdition(edition)}
      />
    );
  }

  app.get("/admin/prizes", { config }, async (request, reply) => {
    const editions = await readEditionSummaries(db, request.lang);
    return sendPage(reply, <AdminEditionsPage ctx={pageContext(request, reply)} editions={editions} />);
  });

  app.get("/admin/prizes/new", { config }, async (request, reply) =>
    sendPage(reply, await editionFormPage(request, reply, null, await newEditionForm(db), {})),
  );

  app.post("/admin/prizes", { config }, async (request, reply) => {
    const values = readEditionForm(request.body);
    return handleForm(
      reply,
      () => createEdition(db, editor(request), values),
      ({ year }) => ({ location: `/admin/prizes/${year}`, flash: "flash.prizes.editions.created" }),
      (errors) => editionFormPage(request, reply, null, values, errors),
    );
  });

  app.get<YearParams>("/admin/prizes/:year", { config }, async (request, reply) => {
    const edition = await readEditionDetail(db, yearOf(request.params.year), request.lang);
    const history = edition.pastFigures ? [] : await readPhaseHistory(db, edition.id);
    return sendPage(
      reply,
      <AdminEditionPage ctx={pageContext(request, reply)} edition={edition} history={history} />,
    );
  });

  app.get<YearParams>("/admin/prizes/:year/edit", { config }, async (request, reply) => {
    const year = yearOf(request.params.year);
    const values = await editionForm(db, await requireEdition(db, year));
    return sendPage(reply, await editionFormPage(request, reply, year, values, {}));
  });

  app.post<YearParams>("/admin/prizes/:year/edit", { config }, async (request, reply) => {
    const year = yearOf(request.params.year);
    const values = readEditionForm(request.body);
    return handleForm(
      reply,
      () => updateEdition(db, editor(request), year, values),
      () => ({ location: `/admin/prizes/${year}`, flash: "flash.prizes.editions.saved" }),
      (errors) => editionFormPage(request, reply, year, values, errors),
    );
  });

  type PhaseParams = { Params: { year: string; phase: string } };
  const phaseOf = (raw: string) => {
    if (!isPrizePhase(raw)) throw notFound("prize_edition_not_found");
    return raw;
  };

  async function extendPage(
    request: FastifyRequest<PhaseParams>,
    reply: FastifyReply,
    values: ExtensionForm,
    errors: FormErrors,
    problem: Parameters<typeof ExtendPhasePage>[0]["problem"],
  ) {
    const phase = phaseOf(request.params.phase);
    const edition = await readEditionDetail(db, yearOf(request.params.year), request.lang);
    if (!edition.phases.some((item) => item.phase === phase)) throw notFound("prize_edition_not_found");
    const ctx = pageContext(request, reply);
    return (
      <ExtendPhasePage
        ctx={ctx}
        edition={edition}
        phase={phase}
        values={values}
        errors={errors}
        problem={problem}
      />
    );
  }

  app.get<PhaseParams>("/admin/prizes/:year/phases/:phase/extend", { config }, async (request, reply) =>
    sendPage(
      reply,
      await extendPage(request, reply, { newEnd: "", reason: "", shiftLater: false }, {}, null),
    ),
  );

  app.post<PhaseParams>("/admin/prizes/:year/phases/:phase/extend", { config }, async (request, reply) => {
    const year = yearOf(request.params.year);
    const phase = phaseOf(request.params.phase);
    const values: ExtensionForm = {
      newEnd: formText(request.body, "newEnd"),
      reason: formText(request.body, "reason"),
      shiftLater: formText(request.body, "shiftLater") === "1",
    };
    return handleForm(
      reply,
      () => extendPhase(db, editor(request), year, phase, values),
      () => ({ location: `/admin/prizes/${year}`, flash: "flash.prizes.editions.phaseExtended" }),
      (errors, problem) => extendPage(request, reply, values, errors, problem),
      ["prize_phase_closed"],
    );
  });

  type SpecialParams = { Params: { year: string; id: string } };

  async function specialPage(
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    id: string | null,
    values: SpecialPrizeForm,
    errors: FormErrors,
  ) {
    const edition = await requireEdition(db, year);
    return (
      <SpecialPrizeFormPage
        ctx={pageContext(request, reply)}
        year={year}
        zone={effectiveTimeZone(edition.time_zone)}
        id={id}
        values={values}
        errors={errors}
      />
    );
  }

  app.get<YearParams>("/admin/prizes/:year/special-prizes/new", { config }, async (request, reply) =>
    sendPage(
      reply,
      await specialPage(request, reply, yearOf(request.params.year), null, blankSpecialPrizeForm(), {}),
    ),
  );

  app.post<YearParams>("/admin/prizes/:year/special-prizes", { config }, async (request, reply) => {
    const year = yearOf(request.params.year);
    const values = readSpecialPrizeForm(request.body);
    return handleForm(
      reply,
      () => createSpecialPrize(db, editor(request), year, values),
      () => ({ location: `/admin/prizes/${year}`, flash: "flash.prizes.editions.specialSaved" }),
      (errors) => specialPage(request, reply, year, null, values, errors),
    );
  });

  app.get<SpecialParams>("/admin/prizes/:year/special-prizes/:id", { config }, async (request, reply) => {
    const year = yearOf(request.params.year);
    const edition = await requireEdition(db, year);
    const row = await requireSpecialPrize(db, edition.id, request.params.id);
    const values = specialPrizeForm(row, edition.time_zone);
    return sendPage(reply, await specialPage(request, reply, year, row.id, values, {}));
  });

  app.post<SpecialParams>("/admin/prizes/:year/special-prizes/:id", { config }, async (request, reply) => {
    const year = yearOf(request.params.year);
    const edition = await requireEdition(db, year);
    const row = await requireSpecialPrize(db, edition.id, request.params.id);
    const values = readSpecialPrizeForm(request.body);
    return handleForm(
      reply,
      () => updateSpecialPrizeOf(db, editor(request), year, row.id, values),
      () => ({ location: `/admin/prizes/${year}`, flash: "flash.prizes.editions.specialSaved" }),
      (errors) => specialPage(request, reply, year, row.id, values, errors),
    );
  });

  async function deletePage(request: FastifyRequest<SpecialParams>, reply: FastifyReply) {
    const year = yearOf(request.params.year);
    const edition = await requireEdition(db, year);
    const row = await requireSpecialPrize(db, edition.id, request.params.id);
    return (
      <DeleteSpecialPrizePage
        ctx={pageContext(request, reply)}
        year={year}
        zone={effectiveTimeZone(edition.time_zone)}
        prize={{ ...row, name: localName(row.names, request.lang) }}
        deletable={specialPrizeDeletable(row)}
      />
    );
  }

  app.get<SpecialParams>(
    "/admin/prizes/:year/special-prizes/:id/delete",
    { config },
    async (request, reply) => sendPage(reply, await deletePage(request, reply)),
  );

  app.post<SpecialParams>(
    "/admin/prizes/:year/special-prizes/:id/delete",
    { config },
    async (request, reply) => {
      const year = yearOf(request.params.year);
      return handleForm(
        reply,
        () => deleteSpecialPrize(db, editor(request), year, request.params.id),
        () => ({ location: `/admin/prizes/${year}`, flash: "flash.prizes.editions.specialDeleted" }),
        async () => deletePage(request, reply),
        ["prize_special_prize_in_use"],
      );
    },
  );

  await app.register(pastFiguresRoutes);
}
