import type { Kysely, Transaction } from "kysely";
import type { Database, LocalisedNames } from "../../db/schema.ts";
import { type AuditEvent, recordAudit } from "../../platform/audit.ts";
import { conflict, notFound, ValidationError } from "../../platform/errors.ts";
import { FieldErrors } from "../../platform/validation.ts";
import {
  type CodeListName,
  deleteCodeListItem,
  deleteMatrixLink,
  findActionLine,
  findCodeListItem,
  findCountry,
  findMatrixLink,
  findRegion,
  findSdg,
  insertCodeListItem,
  insertMatrixLink,
  isCodeInUse,
  rederiveEntryRegions,
  setCountryRegion,
  updateActionLine,
  updateCodeListNames,
  updateMatrixRationale,
  updateRegionNames,
  updateSdg,
} from "./taxonomy.repo.ts";
import { checkColour, checkNewCode, parseSdgNumber, REFERENCE_LIMITS } from "./taxonomy.validation.ts";

/**
 * Admin edits of reference data. Each one validates first, then runs in one transaction that
 * reads the row for update, writes it and records the audit event with before and after. Names
 * are edited in English only; the other languages in `names` are kept as they are.
 */

/** Who is editing, for the audit log. */
export interface Editor {
  actorId: string;
  ip: string | null;
}

const withEnglish = (names: LocalisedNames, en: string): LocalisedNames => ({ ...names, en });
const CODE_LIST_SUBJECT: Record<CodeListName, string> = {
  stakeholder_types: "stakeholder_type",
  target_groups: "target_group",
};

/** Every reference edit is audited as the editor, from where they are. */
function auditEdit(
  trx: Transaction<Database>,
  editor: Editor,
  event: Omit<AuditEvent, "actorId" | "ip">,
): Promise<void> {
  return recordAudit(trx, { ...event, actorId: editor.actorId, ip: editor.ip });
}

/**
 * The update every edit of an existing row shares: in one transaction, lock the row (404 when it
 * is gone), work out its state before and after, and only when they differ write it and audit
 * both. Saving a form unchanged therefore leaves no audit noise.
 */
async function updateLocked<Row, State>(
  db: Kysely<Database>,
  editor: Editor,
  subject: Omit<AuditEvent, "actorId" | "ip" | "before" | "after">,
  steps: {
    lock: (trx: Transaction<Database>) => Promise<Row | undefined>;
    change: (row: Row) => { before: State; after: State };
    write: (trx: Transaction<Database>, after: State) => Promise<unknown>;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await steps.lock(trx);
    if (!row) throw notFound("reference_not_found");
    const { before, after } = steps.change(row);
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await steps.write(trx, after);
    await auditEdit(trx, editor, { ...subject, before, after });
  });
}

export interface ActionLineInput {
  name: string;
  facilitator: string;
  description: string;
}

export async function editActionLine(
  db: Kysely<Database>,
  editor: Editor,
  code: string,
  input: ActionLineInput,
): Promise<void> {
  const check = new FieldErrors();
  const name = check.line("name", input.name, REFERENCE_LIMITS.nameMax);
  const facilitator = check.line("facilitator", input.facilitator, REFERENCE_LIMITS.facilitatorMax);
  const description = check.text("description", input.description, REFERENCE_LIMITS.descriptionMax);
  check.throwIfAny();
  const subject = { action: "reference.action_line.update", subjectType: "action_line", subjectId: code };
  await updateLocked(db, editor, subject, {
    lock: (trx) => findActionLine(trx, code, true),
    change: (line) => ({
      before: { names: line.names, facilitator: line.facilitator, description: line.description },
      after: { names: withEnglish(line.names, name), facilitator, description },
    }),
    write: (trx, after) => updateActionLine(trx, code, after),
  });
}

export interface SdgInput {
  name: string;
  colour: string;
}

export async function editSdg(
  db: Kysely<Database>,
  editor: Editor,
  number: number,
  input: SdgInput,
): Promise<void> {
  const check = new FieldErrors();
  const name = check.line("name", input.name, REFERENCE_LIMITS.shortNameMax);
  const colour = checkColour(check, "colour", input.colour);
  check.throwIfAny();
  const subject = { action: "reference.sdg.update", subjectType: "sdg", subjectId: String(number) };
  await updateLocked(db, editor, subject, {
    lock: (trx) => findSdg(trx, number, true),
    change: (sdg) => ({
      before: { names: sdg.names, colour: sdg.colour },
      after: { names: withEnglish(sdg.names, name), colour },
    }),
    write: (trx, after) => updateSdg(trx, number, after),
  });
}

const linkId = (code: string, sdg: number) => `${code}:${sdg}`;

export interface NewMatrixLinkInput {
  sdg: string;
  rationale: string;
}

/** Links an Action Line to an SDG; an SDG already linked is a field error, not a failure. */
export async function addMatrixLink(
  db: Kysely<Database>,
  editor: Editor,
  actionLineCode: string,
  input: NewMatrixLinkInput,
): Promise<void> {
  const check = new FieldErrors();
  const sdg = parseSdgNumber(input.sdg);
  if (input.sdg.trim() === "") check.add("sdg", "required");
  else if (sdg === null) check.add("sdg", "unknown_code");
  const rationale = check.text("rationale", input.rationale, REFERENCE_LIMITS.rationaleMax);
  if (!(await findActionLine(db, actionLineCode))) throw notFound("reference_not_found");
  check.throwIfAny();
  await db.transaction().execute(async (trx) => {
    if (!(await findActionLine(trx, actionLineCode, true))) throw notFound("reference_not_found");
    if (sdg === null || !(await findSdg(trx, sdg)))
      throw new ValidationError([{ field: "sdg", code: "unknown_code" }]);
    const link = { action_line_code: actionLineCode, sdg_number: sdg, rationale };
    if (!(await insertMatrixLink(trx, link)))
      throw new ValidationError([{ field: "sdg", code: "duplicate" }]);
    await auditEdit(trx, editor, {
      action: "reference.matrix.link_add",
      subjectType: "sdg_link",
      subjectId: linkId(actionLineCode, sdg),
      after: { actionLine: actionLineCode, sdg, rationale },
    });
  });
}

export async function editMatrixRationale(
  db: Kysely<Database>,
  editor: Editor,
  actionLineCode: string,
  sdg: number,
  input: { rationale: string },
): Promise<void> {
  const check = new FieldErrors();
  const rationale = check.text("rationale", input.rationale, REFERENCE_LIMITS.rationaleMax);
  check.throwIfAny();
  const subject = {
    action: "reference.matrix.rationale_update",
    subjectType: "sdg_link",
    subjectId: linkId(actionLineCode, sdg),
  };
  await updateLocked(db, editor, subject, {
    lock: (trx) => findMatrixLink(trx, actionLineCode, sdg, true),
    change: (link) => ({ before: { rationale: link.rationale }, after: { rationale } }),
    write: (trx, after) => updateMatrixRationale(trx, actionLineCode, sdg, after.rationale),
  });
}

export async function removeMatrixLink(
  db: Kysely<Database>,
  editor: Editor,
  actionLineCode: string,
  sdg: number,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const link = await findMatrixLink(trx, actionLineCode, sdg, true);
    if (!link) throw notFound("reference_not_found");
    await deleteMatrixLink(trx, actionLineCode, sdg);
    await auditEdit(trx, editor, {
      action: "reference.matrix.link_remove",
      subjectType: "sdg_link",
      subjectId: linkId(actionLineCode, sdg),
      before: { actionLine: actionLineCode, sdg, rationale: link.rationale },
    });
  });
}

export async function renameRegion(
  db: Kysely<Database>,
  editor: Editor,
  code: string,
  input: { name: string },
): Promise<void> {
  const check = new FieldErrors();
  const name = check.line("name", input.name, REFERENCE_LIMITS.shortNameMax);
  check.throwIfAny();
  const subject = { action: "reference.region.update", subjectType: "region", subjectId: code };
  await updateLocked(db, editor, subject, {
    lock: (trx) => findRegion(trx, code, true),
    change: (region) => ({
      before: { names: region.names },
      after: { names: withEnglish(region.names, name) },
    }),
    write: (trx, after) => updateRegionNames(trx, code, after.names),
  });
}

/**
 * Moves a country to another region and derives the regions of the entries that name it again,
 * in the same transaction, so a region search never disagrees with the mapping.
 */
export async function moveCountry(
  db: Kysely<Database>,
  editor: Editor,
  countryCode: string,
  input: { region: string },
): Promise<void> {
  const regionCode = input.region.trim();
  if (regionCode === "") throw new ValidationError([{ field: "region", code: "required" }]);
  await db.transaction().execute(async (trx) => {
    const country = await findCountry(trx, countryCode, true);
    if (!country) throw notFound("reference_not_found");
    if (regionCode.length > 10 || !(await findRegion(trx, regionCode)))
      throw new ValidationError([{ field: "region", code: "unknown_code" }]);
    if (country.region_code === regionCode) return;
    await setCountryRegion(trx, countryCode, regionCode);
    const entriesUpdated = await rederiveEntryRegions(trx, countryCode);
    await auditEdit(trx, editor, {
      action: "reference.country.region_change",
      subjectType: "country",
      subjectId: countryCode,
      before: { region: country.region_code },
      after: { region: regionCode, entriesUpdated },
    });
  });
}

export async function addCodeListItem(
  db: Kysely<Database>,
  editor: Editor,
  list: CodeListName,
  input: { code: string; name: string },
): Promise<void> {
  const check = new FieldErrors();
  const code = checkNewCode(check, "code", input.code);
  const name = check.line("name", input.name, REFERENCE_LIMITS.shortNameMax);
  if (!check.has("code") && (await findCodeListItem(db, list, code))) check.add("code", "duplicate");
  check.throwIfAny();
  await db.transaction().execute(async (trx) => {
    const row = await insertCodeListItem(trx, list, { code, names: { en: name } });
    if (!row) throw new ValidationError([{ field: "code", code: "duplicate" }]);
    await auditEdit(trx, editor, {
      action: `reference.${CODE_LIST_SUBJECT[list]}.create`,
      subjectType: CODE_LIST_SUBJECT[list],
      subjectId: code,
      after: { code, names: row.names, sortOrder: row.sort_order },
    });
  });
}

export async function renameCodeListItem(
  db: Kysely<Database>,
  editor: Editor,
  list: CodeListName,
  code: string,
  input: { name: string },
): Promise<void> {
  const check = new FieldErrors();
  const name = check.line("name", input.name, REFERENCE_LIMITS.shortNameMax);
  check.throwIfAny();
  const subject = {
    action: `reference.${CODE_LIST_SUBJECT[list]}.update`,
    subjectType: CODE_LIST_SUBJECT[list],
    subjectId: code,
  };
  await updateLocked(db, editor, subject, {
    lock: (trx) => findCodeListItem(trx, list, code, true),
    change: (item) => ({ before: { names: item.names }, after: { names: withEnglish(item.names, name) } }),
    write: (trx, after) => updateCodeListNames(trx, list, code, after.names),
  });
}

/** Refuses with `reference_in_use` (409) while any account, organisation or entry uses the code. */
export async function removeCodeListItem(
  db: Kysely<Database>,
  editor: Editor,
  list: CodeListName,
  code: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const item = await findCodeListItem(trx, list, code, true);
    if (!item) throw notFound("reference_not_found");
    if (await isCodeInUse(trx, list, code)) throw conflict("reference_in_use");
    await deleteCodeListItem(trx, list, code);
    await auditEdit(trx, editor, {
      action: `reference.${CODE_LIST_SUBJECT[list]}.delete`,
      subjectType: CODE_LIST_SUBJECT[list],
      subjectId: code,
      before: { code, names: item.names, sortOrder: item.sort_order },
    });
  });
}
