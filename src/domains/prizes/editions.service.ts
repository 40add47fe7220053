import type { Kysely, Transaction } from "kysely";
import type { Database, PrizePhase } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound, ValidationError } from "../../platform/errors.ts";
import { UN_LANGUAGES } from "../../platform/i18n.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { effectiveTimeZone, formatInZone, instantToLocal } from "../../platform/zoned-time.ts";
import type { Editor } from "../taxonomy/taxonomy.edit.service.ts";
import { readReferenceData } from "../taxonomy/taxonomy.service.ts";
import {
  DEFAULT_CRITERIA,
  defaultCriterionNames,
  type EditionForm,
  localInstant,
  validateEditionForm,
  validateTheme,
} from "./edition-input.ts";
import {
  type EditionRecord,
  insertEdition,
  lockEditionByYear,
  setPhaseWindow,
  syncCategories,
  syncCriteria,
  touchEdition,
  updateEditionRow,
  writePhases,
} from "./edition-write.repo.ts";
import {
  findCategoryCodes,
  findCriteria,
  findEditionByYear,
  findPhaseWindows,
  type PrizeEditionRow,
} from "./editions.repo.ts";
import { type PhaseWindow, PRIZE_PHASES } from "./prize-phases.ts";
import { DEFAULT_PRIZE_RULES, prizeRules } from "./prize-rules.ts";

type Db = Kysely<Database>;

export const REASON_MAX = 1000;
const DEFAULT_TIME_ZONE = "Europe/Zurich";

const sortWindows = (windows: PhaseWindow[]) =>
  [...windows].sort((a, b) => PRIZE_PHASES.indexOf(a.phase) - PRIZE_PHASES.indexOf(b.phase));

const windowJson = (window: PhaseWindow) => ({
  phase: window.phase,
  startsAt: window.startsAt.toISOString(),
  endsAt: window.endsAt.toISOString(),
});

/** What the audit log keeps of an edition before and after a change. */
async function snapshot(db: Db | Transaction<Database>, edition: PrizeEditionRow) {
  const [phases, categories, criteria] = await Promise.all([
    findPhaseWindows(db, edition.id),
    findCategoryCodes(db, edition.id),
    findCriteria(db, edition.id),
  ]);
  return {
    year: edition.year,
    theme: edition.theme,
    timeZone: edition.time_zone,
    rules: prizeRules(edition.rules),
    phases: sortWindows(phases).map(windowJson),
    categories,
    criteria,
  };
}

const recordJson = (record: EditionRecord) => ({
  ...record,
  phases: sortWindows(record.phases).map(windowJson),
});

/** An edition by year, or 404 `prize_edition_not_found`. */
export async function requireEdition(db: Db, year: number): Promise<PrizeEditionRow> {
  const edition = await findEditionByYear(db, year);
  if (!edition) throw notFound("prize_edition_not_found");
  return edition;
}

async function actionLineCodes(db: Db): Promise<Set<string>> {
  return new Set((await readReferenceData(db)).actionLines.map((line) => line.code));
}

/** The blank form of a new edition: all 18 categories, the default rules and criteria. */
export async function newEditionForm(db: Db, now = new Date()): Promise<EditionForm> {
  const codes = await actionLineCodes(db);
  return {
    year: String(now.getUTCFullYear() + 1),
    theme: Object.fromEntries(UN_LANGUAGES.map((lang) => [lang, ""])) as EditionForm["theme"],
    timeZone: DEFAULT_TIME_ZONE,
    phases: Object.fromEntries(
      PRIZE_PHASES.map((phase) => [phase, { start: "", end: "" }]),
    ) as EditionForm["phases"],
    categories: [...codes],
    votesOnlyFromCompleteVoters: DEFAULT_PRIZE_RULES.votesOnlyFromCompleteVoters,
    previousWinnersExcluded: DEFAULT_PRIZE_RULES.previousWinnersExcluded,
    championsPerCategory: String(DEFAULT_PRIZE_RULES.championsPerCategory),
    criteria: DEFAULT_CRITERIA.map((code) => ({
      code,
      name: defaultCriterionNames(code).en as string,
      weight: "12.5",
    })),
  };
}

/** The form of an existing edition, its instants shown as local times in its zone. */
export async function editionForm(db: Db, edition: PrizeEditionRow): Promise<EditionForm> {
  const [windows, categories, criteria] = await Promise.all([
    findPhaseWindows(db, edition.id),
    findCategoryCodes(db, edition.id),
    findCriteria(db, edition.id),
  ]);
  const zone = effectiveTimeZone(edition.time_zone);
  const rules = prizeRules(edition.rules);
  return {
    year: String(edition.year),
    theme: Object.fromEntries(
      UN_LANGUAGES.map((lang) => [lang, edition.theme[lang] ?? ""]),
    ) as EditionForm["theme"],
    timeZone: edition.time_zone,
    phases: Object.fromEntries(
      PRIZE_PHASES.map((phase) => {
        const window = windows.find((item) => item.phase === phase);
        return [
          phase,
          window
            ? { start: instantToLocal(window.startsAt, zone), end: instantToLocal(window.endsAt, zone) }
            : { start: "", end: "" },
        ];
      }),
    ) as EditionForm["phases"],
    categories,
    votesOnlyFromCompleteVoters: rules.votesOnlyFromCompleteVoters,
    previousWinnersExcluded: rules.previousWinnersExcluded,
    championsPerCategory: String(rules.championsPerCategory),
    criteria: criteria.map((criterion) => ({
      code: criterion.code,
      name: criterion.names.en ?? "",
      weight: String(criterion.weight),
    })),
  };
}

/** Creates an edition with its phases, categories, rules and criteria; audited `prize.edition_create`. */
export async function createEdition(db: Db, editor: Editor, form: EditionForm): Promise<{ year: number }> {
  const record = validateEditionForm(form, { actionLineCodes: await actionLineCodes(db) });
  return db.transaction().execute(async (trx) => {
    const id = await insertEdition(trx, record);
    if (!id) throw new ValidationError([{ field: "year", code: "duplicate" }]);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "prize.edition_create",
      subjectType: "prize_edition",
      subjectId: id,
      after: recordJson(record),
      ip: editor.ip,
    });
    return { year: record.year };
  });
}

/** Whether the edition was run before this platform (figures only, no phases to edit). */
export const isPastEdition = (edition: PrizeEditionRow) => edition.past_figures !== null;

/** The phases that have started by `now`: the edit form shows them but cannot move them. */
export function startedPhases(windows: readonly PhaseWindow[], now: Date): Map<PrizePhase, PhaseWindow> {
  return new Map(windows.filter((window) => window.startsAt <= now).map((window) => [window.phase, window]));
}

/**
 * Edits an edition; audited `prize.edition_update` with before and after. Phases that have
 * started keep their window (an open phase is moved by `extendPhase`, with a reason); once
 * submissions may exist, categories and criteria can be added or reworded but not removed. A past
 * edition has only its theme to edit.
 */
export async function updateEdition(
  db: Db,
  editor: Editor,
  year: number,
  form: EditionForm,
  now = new Date(),
): Promise<void> {
  const codes = await actionLineCodes(db);
  await db.transaction().execute(async (trx) => {
    const edition = await lockEditionByYear(trx, year);
    if (!edition) throw notFound("prize_edition_not_found");
    const before = await snapshot(trx, edition);
    if (isPastEdition(edition)) {
      const errors = new FieldErrors();
      const theme = validateTheme(errors, form.theme, true);
      errors.throwIfAny();
      await updateEditionRow(trx, edition.id, { theme });
      await recordAudit(trx, {
        actorId: editor.actorId,
        action: "prize.edition_update",
        subjectType: "prize_edition",
        subjectId: edition.id,
        before: { theme: before.theme },
        after: { theme },
        ip: editor.ip,
      });
      return;
    }
    const windows = await findPhaseWindows(trx, edition.id);
    const submission = windows.find((window) => window.phase === "submission");
    const underway = submission !== undefined && submission.startsAt <= now;
    const record = validateEditionForm(form, {
      actionLineCodes: codes,
      year: edition.year,
      lockedPhases: startedPhases(windows, now),
      storedCriteria: before.criteria,
      ...(underway
        ? { mustKeep: { categories: before.categories, criteria: before.criteria.map((item) => item.code) } }
        : {}),
    });
    await updateEditionRow(trx, edition.id, {
      theme: record.theme,
      timeZone: record.timeZone,
      rules: record.rules,
    });
    await writePhases(trx, edition.id, record.phases);
    await syncCategories(trx, edition.id, record.categories);
    await syncCriteria(trx, edition.id, record.criteria);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "prize.edition_update",
      subjectType: "prize_edition",
      subjectId: edition.id,
      before,
      after: recordJson(record),
      ip: editor.ip,
    });
  });
}

export interface ExtensionForm {
  newEnd: string;
  reason: string;
  shiftLater: boolean;
}

/**
 * Extends a phase that has not ended to a later end, with a required reason; audited
 * `prize.phase_extend` with the windows before and after. A later phase the new end would
 * overlap is either refused (`phase_overlap` on `newEnd`) or, when `shiftLater` is asked, moved
 * with every phase after it by the same amount, so the schedule keeps its shape. An ended phase
 * is not reopened (409 `prize_phase_closed`): that would change what people were told was final.
 */
export async function extendPhase(
  db: Db,
  editor: Editor,
  year: number,
  phase: PrizePhase,
  form: ExtensionForm,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const edition = await lockEditionByYear(trx, year);
    if (!edition) throw notFound("prize_edition_not_found");
    const windows = sortWindows(await findPhaseWindows(trx, edition.id));
    const current = windows.find((window) => window.phase === phase);
    if (!current) throw notFound("prize_edition_not_found");
    if (current.endsAt <= now) throw conflict("prize_phase_closed");
    const zone = effectiveTimeZone(edition.time_zone);
    const errors = new FieldErrors();
    const newEnd = localInstant(errors, "newEnd", form.newEnd, zone);
    const reason = errors.text("reason", form.reason, REASON_MAX, true);
    const later = windows.filter(
      (window) => PRIZE_PHASES.indexOf(window.phase) > PRIZE_PHASES.indexOf(phase),
    );
    if (newEnd && newEnd <= current.endsAt)
      errors.add("newEnd", "extension_not_later", { current: formatInZone(current.endsAt, "en", zone) });
    else if (newEnd && !form.shiftLater && later.some((window) => window.startsAt < newEnd))
      errors.add("newEnd", "phase_overlap");
    errors.throwIfAny();
    const end = newEnd as Date;
    const delta = end.getTime() - current.endsAt.getTime();
    const shifted = form.shiftLater
      ? later.map((window) => ({
          phase: window.phase,
          startsAt: new Date(window.startsAt.getTime() + delta),
          endsAt: new Date(window.endsAt.getTime() + delta),
        }))
      : [];
    await setPhaseWindow(trx, edition.id, phase, current.startsAt, end);
    for (const window of shifted)
      await setPhaseWindow(trx, edition.id, window.phase, window.startsAt, window.endsAt);
    await touchEdition(trx, edition.id);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "prize.phase_extend",
      subjectType: "prize_edition",
      subjectId: edition.id,
      before: { ...windowJson(current), later: form.shiftLater ? later.map(windowJson) : [] },
      after: {
        ...windowJson({ ...current, endsAt: end }),
        reason,
        shiftLater: form.shiftLater,
        later: shifted.map(windowJson),
      },
      ip: editor.ip,
    });
  });
}
