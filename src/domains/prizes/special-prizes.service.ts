import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound, ValidationError } from "../../platform/errors.ts";
import { formText } from "../../platform/http/form-input.ts";
import { type Language, UN_LANGUAGES } from "../../platform/i18n.ts";
import { cleanLine, EMAIL_MAX, FieldErrors, isRowId } from "../../platform/validation.ts";
import { effectiveTimeZone, instantToLocal } from "../../platform/zoned-time.ts";
import type { Editor } from "../taxonomy/taxonomy.edit.service.ts";
import { localInstant } from "./edition-input.ts";
import { lockEditionByYear } from "./edition-write.repo.ts";
import {
  deleteSpecialPrizeRow,
  findSpecialPrizes,
  findUsersByEmails,
  insertSpecialPrize,
  replaceJurors,
  type SpecialPrizeRow,
  type SpecialPrizeValues,
  specialPrizeCodeTaken,
  updateSpecialPrize,
} from "./special-prizes.repo.ts";

/**
 * Special prizes (Healthy Ageing Innovation Prize, Digital Service Design Prize, …): each with
 * its own names, rules text, window in the edition's zone, jury of platform accounts, finalists
 * and, once decided, a winner among them. Every change is audited.
 */

type Db = Kysely<Database>;

export const SPECIAL_NAME_MAX = 200;
export const SPECIAL_RULES_MAX = 8000;
export const FINALISTS_MAX = 50;
export const FINALIST_MAX = 300;
export const JURORS_MAX = 30;
const CODE = /^[a-z][a-z0-9_]{0,39}$/;

export interface SpecialPrizeForm {
  code: string;
  names: Record<Language, string>;
  rules: string;
  startsAt: string;
  endsAt: string;
  /** Juror email addresses, one a line. */
  jurors: string;
  /** Finalists' project names, one a line. */
  finalists: string;
  winner: string;
}

export const specialNameField = (lang: Language) => `name_${lang}`;

export function readSpecialPrizeForm(body: unknown): SpecialPrizeForm {
  return {
    code: formText(body, "code"),
    names: Object.fromEntries(
      UN_LANGUAGES.map((lang) => [lang, formText(body, specialNameField(lang))]),
    ) as Record<Language, string>,
    rules: formText(body, "rules"),
    startsAt: formText(body, "startsAt"),
    endsAt: formText(body, "endsAt"),
    jurors: formText(body, "jurors"),
    finalists: formText(body, "finalists"),
    winner: formText(body, "winner"),
  };
}

export const blankSpecialPrizeForm = (): SpecialPrizeForm => readSpecialPrizeForm({});

/** The form of a stored special prize, its window in the edition's zone. */
export function specialPrizeForm(row: SpecialPrizeRow, timeZone: string): SpecialPrizeForm {
  const zone = effectiveTimeZone(timeZone);
  return {
    code: row.code,
    names: Object.fromEntries(UN_LANGUAGES.map((lang) => [lang, row.names[lang] ?? ""])) as Record<
      Language,
      string
    >,
    rules: row.rules,
    startsAt: instantToLocal(row.startsAt, zone),
    endsAt: instantToLocal(row.endsAt, zone),
    jurors: row.jurors.map((juror) => juror.email).join("\n"),
    finalists: row.finalists.join("\n"),
    winner: row.winner ?? "",
  };
}

const lines = (text: string) =>
  text
    .split(/[\r\n]+/)
    .map(cleanLine)
    .filter((line) => line !== "");

async function validate(
  db: Db | Transaction<Database>,
  form: SpecialPrizeForm,
  timeZone: string,
): Promise<{ values: SpecialPrizeValues; jurorIds: string[] }> {
  const errors = new FieldErrors();
  const code = form.code.trim();
  if (code === "") errors.add("code", "required");
  else if (!CODE.test(code)) errors.add("code", "invalid_value");
  const names: Record<string, string> = {};
  for (const lang of UN_LANGUAGES) {
    const value = errors.line(
      specialNameField(lang),
      form.names[lang] ?? "",
      SPECIAL_NAME_MAX,
      lang === "en",
    );
    if (value) names[lang] = value;
  }
  const rules = errors.text("rules", form.rules, SPECIAL_RULES_MAX);
  const zone = effectiveTimeZone(timeZone);
  const startsAt = localInstant(errors, "startsAt", form.startsAt, zone);
  const endsAt = localInstant(errors, "endsAt", form.endsAt, zone);
  if (startsAt && endsAt && endsAt <= startsAt) errors.add("endsAt", "end_before_start");
  const finalists = [...new Set(lines(form.finalists))];
  if (finalists.length > FINALISTS_MAX) errors.add("finalists", "too_many", { max: FINALISTS_MAX });
  else if (finalists.some((line) => line.length > FINALIST_MAX))
    errors.add("finalists", "too_long", { max: FINALIST_MAX });
  const winner = cleanLine(form.winner);
  if (winner !== "" && !finalists.includes(winner)) errors.add("winner", "not_a_finalist");
  const emails = [...new Set(lines(form.jurors).map((email) => email.toLowerCase()))];
  let jurorIds: string[] = [];
  if (emails.length > JURORS_MAX) errors.add("jurors", "too_many", { max: JURORS_MAX });
  else if (emails.some((email) => email.length > EMAIL_MAX))
    errors.add("jurors", "too_long", { max: EMAIL_MAX });
  else {
    const users = await findUsersByEmails(db, emails);
    const unknown = emails.find((email) => !users.some((user) => user.email.toLowerCase() === email));
    if (unknown) errors.add("jurors", "juror_unknown", { email: unknown });
    jurorIds = users.map((user) => user.id);
  }
  errors.throwIfAny();
  return {
    values: {
      code,
      names,
      rules,
      startsAt: startsAt as Date,
      endsAt: endsAt as Date,
      finalists,
      winner: winner === "" ? null : winner,
    },
    jurorIds,
  };
}

const auditJson = (values: SpecialPrizeValues, jurorIds: readonly string[]) => ({
  code: values.code,
  names: values.names,
  rules: values.rules,
  startsAt: values.startsAt.toISOString(),
  endsAt: values.endsAt.toISOString(),
  finalists: values.finalists,
  winner: values.winner,
  jurorIds,
});

/** Adds a special prize to an edition; audited `prize.special_prize_create`. */
export async function createSpecialPrize(
  db: Db,
  editor: Editor,
  year: number,
  form: SpecialPrizeForm,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const edition = await lockEditionByYear(trx, year);
    if (!edition) throw notFound("prize_edition_not_found");
    const { values, jurorIds } = await validate(trx, form, edition.time_zone);
    const id = await insertSpecialPrize(trx, edition.id, values);
    if (!id) throw new ValidationError([{ field: "code", code: "duplicate" }]);
    await replaceJurors(trx, id, jurorIds);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "prize.special_prize_create",
      subjectType: "prize_special_prize",
      subjectId: id,
      after: { year, ...auditJson(values, jurorIds) },
      ip: editor.ip,
    });
    return id;
  });
}

/** Edits a special prize (names, rules, window, jury, finalists, winner); audited with before and after. */
export async function updateSpecialPrizeOf(
  db: Db,
  editor: Editor,
  year: number,
  id: string,
  form: SpecialPrizeForm,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const edition = await lockEditionByYear(trx, year);
    if (!edition) throw notFound("prize_edition_not_found");
    const [current] = await findSpecialPrizes(trx, edition.id, id);
    if (!current) throw notFound("prize_special_prize_not_found");
    const { values, jurorIds } = await validate(trx, form, edition.time_zone);
    if (await specialPrizeCodeTaken(trx, edition.id, values.code, id))
      throw new ValidationError([{ field: "code", code: "duplicate" }]);
    await updateSpecialPrize(trx, id, values);
    await replaceJurors(trx, id, jurorIds);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "prize.special_prize_update",
      subjectType: "prize_special_prize",
      subjectId: id,
      before: {
        year,
        ...auditJson(
          current,
          current.jurors.map((juror) => juror.id),
        ),
      },
      after: { year, ...auditJson(values, jurorIds) },
      ip: editor.ip,
    });
  });
}

/**
 * Whether a special prize can be deleted: only while nothing depends on it. Finalists and a
 * winner are the jury's decisions, published on the edition's page; deleting them with the prize
 * would erase a result, so they must be removed first (an edit, itself audited).
 */
export const specialPrizeDeletable = (row: Pick<SpecialPrizeRow, "finalists" | "winner">): boolean =>
  row.finalists.length === 0 && row.winner === null;

/**
 * Deletes a special prize with its jury; audited `prize.special_delete` with what was deleted.
 * Refused with 409 `prize_special_prize_in_use` while it has finalists or a winner. The edition
 * row is locked first, as every special prize change does, so a concurrent edit that adds
 * finalists and this check cannot pass each other.
 */
export async function deleteSpecialPrize(db: Db, editor: Editor, year: number, id: string): Promise<void> {
  if (!isRowId(id)) throw notFound("prize_special_prize_not_found");
  await db.transaction().execute(async (trx) => {
    const edition = await lockEditionByYear(trx, year);
    if (!edition) throw notFound("prize_edition_not_found");
    const [current] = await findSpecialPrizes(trx, edition.id, id);
    if (!current) throw notFound("prize_special_prize_not_found");
    if (!specialPrizeDeletable(current)) throw conflict("prize_special_prize_in_use");
    await deleteSpecialPrizeRow(trx, id);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "prize.special_delete",
      subjectType: "prize_special_prize",
      subjectId: id,
      before: {
        year,
        ...auditJson(
          current,
          current.jurors.map((juror) => juror.id),
        ),
      },
      ip: editor.ip,
    });
  });
}

/** One special prize of an edition, or 404 `prize_special_prize_not_found`. */
export async function requireSpecialPrize(db: Db, editionId: string, id: string): Promise<SpecialPrizeRow> {
  const [row] = /^[1-9][0-9]{0,17}$/.test(id) ? await findSpecialPrizes(db, editionId, id) : [];
  if (!row) throw notFound("prize_special_prize_not_found");
  return row;
}
