import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { formText } from "../../platform/http/form-input.ts";
import { type FormRender, formRoute, handleForm } from "../../platform/http/form-routes.ts";
import { localName } from "../../platform/i18n.ts";
import { effectiveTimeZone } from "../../platform/zoned-time.ts";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { editorOf } from "../admin/admin.http.ts";
import { readReferenceData } from "../taxonomy/taxonomy.service.ts";
import { AdminEditionPage, AdminEditionsPage, ExtendPhasePage } from "./edition-admin.pages.tsx";
import { EditionFormPage } from "./edition-form.pages.tsx";
import { type EditionForm, readEditionForm } from "./edition-input.ts";
import { readPhaseHistory } from "./edition-phase-clock.ts";
import { parseYear, readEditionDetail, readEditionSummaries } from "./edition-read.service.ts";
import { findPhaseWindows, type PrizeEditionRow } from "./editions.repo.ts";
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

const permission = "prizes.administer";
const config = { permission } as const;
type YearParams = { Params: { year: string } };
const toEdition = (year: number, flash: string) => ({ location: `/admin/prizes/${year}`, flash });

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
  const editor = (request: FastifyRequest) => editorOf(request, permission);

  async function editionFormPage({
    request,
    reply,
    context: edition,
    values,
    errors,
  }: FormRender<unknown, PrizeEditionRow | null, EditionForm>) {
    // A new edition (no context) has no started phases, and its zone is the one being typed.
    return (
      <EditionFormPage
        ctx={pageContext(request, reply)}
        year={edition?.year ?? null}
        values={values}
        errors={errors}
        actionLines={await actionLineOptions(db, request)}
        locked={edition ? startedPhases(await findPhaseWindows(db, edition.id), new Date()) : new Map()}
        zone={edition ? effectiveTimeZone(edition.time_zone) : values.timeZone}
        past={edition ? isPastEdition(edition) : false}
      />
    );
  }

  app.get("/admin/prizes", { config }, async (request, reply) => {
    const editions = await readEditionSummaries(db, request.lang);
    return sendPage(reply, <AdminEditionsPage ctx={pageContext(request, reply)} editions={editions} />);
  });

  formRoute(app, {
    permission,
    page: "/admin/prizes/new",
    action: "/admin/prizes",
    load: () => null,
    initial: () => newEditionForm(db),
    read: readEditionForm,
    save: (request, _none, values) => createEdition(db, editor(request), values),
    done: ({ year }) => toEdition(year, "flash.prizes.editions.created"),
    render: editionFormPage,
  });

  app.get<YearParams>("/admin/prizes/:year", { config }, async (request, reply) => {
    const edition = await readEditionDetail(db, yearOf(request.params.year), request.lang);
    const history = edition.pastFigures ? [] : await readPhaseHistory(db, edition.id);
    return sendPage(
      reply,
      <AdminEditionPage ctx={pageContext(request, reply)} edition={edition} history={history} />,
    );
  });

  formRoute(app, {
    permission,
    page: "/admin/prizes/:year/edit",
    load: (request: FastifyRequest<YearParams>) => requireEdition(db, yearOf(request.params.year)),
    initial: (edition) => editionForm(db, edition),
    read: readEditionForm,
    save: (request, edition, values) => updateEdition(db, editor(request), edition.year, values),
    done: (_saved, edition) => toEdition(edition.year, "flash.prizes.editions.saved"),
    render: editionFormPage,
  });

  type PhaseParams = { Params: { year: string; phase: string } };
  const phaseOf = (raw: string) => {
    if (!isPrizePhase(raw)) throw notFound("prize_edition_not_found");
    return raw;
  };

  formRoute(app, {
    permission,
    page: "/admin/prizes/:year/phases/:phase/extend",
    load: (request: FastifyRequest<PhaseParams>) => ({
      year: yearOf(request.params.year),
      phase: phaseOf(request.params.phase),
    }),
    initial: (): ExtensionForm => ({ newEnd: "", reason: "", shiftLater: false }),
    read: (body): ExtensionForm => ({
      newEnd: formText(body, "newEnd"),
      reason: formText(body, "reason"),
      shiftLater: formText(body, "shiftLater") === "1",
    }),
    save: (request, { year, phase }, values) => extendPhase(db, editor(request), year, phase, values),
    done: (_extended, { year }) => toEdition(year, "flash.prizes.editions.phaseExtended"),
    render: async ({ request, reply, context: { year, phase }, values, errors, problem }) => {
      const edition = await readEditionDetail(db, year, request.lang);
      if (!edition.phases.some((item) => item.phase === phase)) throw notFound("prize_edition_not_found");
      return (
        <ExtendPhasePage
          ctx={pageContext(request, reply)}
          edition={edition}
          phase={phase}
          values={values}
          errors={errors}
          problem={problem}
        />
      );
    },
    problemCodes: ["prize_phase_closed"],
  });

  type SpecialParams = { Params: { year: string; id: string } };

  /** The prize's edition (read once: its time zone is the form's) and the prize, null for a new one. */
  type SpecialContext = { year: number; timeZone: string; id: string | null };

  async function specialPage({
    request,
    reply,
    context: { year, timeZone, id },
    values,
    errors,
  }: FormRender<unknown, SpecialContext, SpecialPrizeForm>) {
    return (
      <SpecialPrizeFormPage
        ctx={pageContext(request, reply)}
        year={year}
        zone={effectiveTimeZone(timeZone)}
        id={id}
        values={values}
        errors={errors}
      />
    );
  }
  const specialSaved = (_saved: unknown, { year }: SpecialContext) =>
    toEdition(year, "flash.prizes.editions.specialSaved");

  formRoute(app, {
    permission,
    page: "/admin/prizes/:year/special-prizes/new",
    action: "/admin/prizes/:year/special-prizes",
    load: async (request: FastifyRequest<YearParams>): Promise<SpecialContext> => {
      const edition = await requireEdition(db, yearOf(request.params.year));
      return { year: edition.year, timeZone: edition.time_zone, id: null };
    },
    initial: blankSpecialPrizeForm,
    read: readSpecialPrizeForm,
    save: (request, { year }, values) => createSpecialPrize(db, editor(request), year, values),
    done: specialSaved,
    render: specialPage,
  });

  formRoute(app, {
    permission,
    page: "/admin/prizes/:year/special-prizes/:id",
    load: async (request: FastifyRequest<SpecialParams>) => {
      const edition = await requireEdition(db, yearOf(request.params.year));
      const row = await requireSpecialPrize(db, edition.id, request.params.id);
      return { year: edition.year, timeZone: edition.time_zone, id: row.id, row };
    },
    initial: ({ row, timeZone }) => specialPrizeForm(row, timeZone),
    read: readSpecialPrizeForm,
    save: (request, { year, id }, values) => updateSpecialPrizeOf(db, editor(request), year, id, values),
    done: specialSaved,
    render: specialPage,
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
        () => toEdition(year, "flash.prizes.editions.specialDeleted"),
        async () => deletePage(request, reply),
        ["prize_special_prize_in_use"],
      );
    },
  );

  await app.register(pastFiguresRoutes);
}
