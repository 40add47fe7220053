import type { Kysely } from "kysely";
import type { Database, LocalisedNames } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, notFound, ValidationError } from "../../platform/errors.ts";
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
import { FieldCheck, parseSdgNumber, REFERENCE_LIMITS } from "./taxonomy.validation.ts";

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
  const check = new FieldCheck();
  const name = check.line("name", input.name, REFERENCE_LIMITS.nameMax);
  const facilitator = check.line("facilitator", input.facilitator, REFERENCE_LIMITS.facilitatorMax);
  const description = check.text("description", input.description, REFERENCE_LIMITS.descriptionMax);
  check.throwIfAny();
  await db.transaction().execute(async (trx) => {
    const line = await findActionLine(trx, code, true);
    if (!line) throw notFound("reference_not_found");
    const before = { names: line.names, facilitator: line.facilitator, description: line.description };
    const after = { names: withEnglish(line.names, name), facilitator, description };
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await updateActionLine(trx, code, after);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "reference.action_line.update",
      subjectType: "action_line",
      subjectId: code,
      before,
      after,
      ip: editor.ip,
    });
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
  const check = new FieldCheck();
  const name = check.line("name", input.name, REFERENCE_LIMITS.shortNameMax);
  const colour = check.colour("colour", input.colour);
  check.throwIfAny();
  await db.transaction().execute(async (trx) => {
    const sdg = await findSdg(trx, number, true);
    if (!sdg) throw notFound("reference_not_found");
    const before = { names: sdg.names, colour: sdg.colour };
    const after = { names: withEnglish(sdg.names, name), colour };
    if (JSON.stringify(before) === JSON.stringify(after)) return;
    await updateSdg(trx, number, after);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "reference.sdg.update",
      subjectType: "sdg",
      subjectId: String(number),
      before,
      after,
      ip: editor.ip,
    });
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
  const check = new FieldCheck();
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
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "reference.matrix.link_add",
      subjectType: "sdg_link",
      subjectId: linkId(actionLineCode, sdg),
      after: { actionLine: actionLineCode, sdg, rationale },
      ip: editor.ip,
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
  const check = new FieldCheck();
  const rationale = check.text("rationale", input.rationale, REFERENCE_LIMITS.rationaleMax);
  check.throwIfAny();
  await db.transaction().execute(async (trx) => {
    const link = await findMatrixLink(trx, actionLineCode, sdg, true);
    if (!link) throw notFound("reference_not_found");
    if (link.rationale === rationale) return;
    await updateMatrixRationale(trx, actionLineCode, sdg, rationale);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "reference.matrix.rationale_update",
      subjectType: "sdg_link",
      subjectId: linkId(actionLineCode, sdg),
      before: { rationale: link.rationale },
      after: { rationale },
      ip: editor.ip,
    });
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
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "reference.matrix.link_remove",
      subjectType: "sdg_link",
      subjectId: linkId(actionLineCode, sdg),
      before: { actionLine: actionLineCode, sdg, rationale: link.rationale },
      ip: editor.ip,
    });
  });
}

export async function renameRegion(
  db: Kysely<Database>,
  editor: Editor,
  code: string,
  input: { name: string },
): Promise<void> {
  const check = new FieldCheck();
  const name = check.line("name", input.name, REFERENCE_LIMITS.shortNameMax);
  check.throwIfAny();
  await db.transaction().execute(async (trx) => {
    const region = await findRegion(trx, code, true);
    if (!region) throw notFound("reference_not_found");
    const names = withEnglish(region.names, name);
    if (JSON.stringify(names) === JSON.stringify(region.names)) return;
    await updateRegionNames(trx, code, names);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "reference.region.update",
      subjectType: "region",
      subjectId: code,
      before: { names: region.names },
      after: { names },
      ip: editor.ip,
    });
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
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: "reference.country.region_change",
      subjectType: "country",
      subjectId: countryCode,
      before: { region: country.region_code },
      after: { region: regionCode, entriesUpdated },
      ip: editor.ip,
    });
  });
}

export async function addCodeListItem(
  db: Kysely<Database>,
  editor: Editor,
  list: CodeListName,
  input: { code: string; name: string },
): Promise<void> {
  const check = new FieldCheck();
  const code = check.code("code", input.code);
  const name = check.line("name", input.name, REFERENCE_LIMITS.shortNameMax);
  if (!check.has("code") && (await findCodeListItem(db, list, code))) check.add("code", "duplicate");
  check.throwIfAny();
  await db.transaction().execute(async (trx) => {
    const row = await insertCodeListItem(trx, list, { code, names: { en: name } });
    if (!row) throw new ValidationError([{ field: "code", code: "duplicate" }]);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: `reference.${CODE_LIST_SUBJECT[list]}.create`,
      subjectType: CODE_LIST_SUBJECT[list],
      subjectId: code,
      after: { code, names: row.names, sortOrder: row.sort_order },
      ip: editor.ip,
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
  const check = new FieldCheck();
  const name = check.line("name", input.name, REFERENCE_LIMITS.shortNameMax);
  check.throwIfAny();
  await db.transaction().execute(async (trx) => {
    const item = await findCodeListItem(trx, list, code, true);
    if (!item) throw notFound("reference_not_found");
    const names = withEnglish(item.names, name);
    if (JSON.stringify(names) === JSON.stringify(item.names)) return;
    await updateCodeListNames(trx, list, code, names);
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: `reference.${CODE_LIST_SUBJECT[list]}.update`,
      subjectType: CODE_LIST_SUBJECT[list],
      subjectId: code,
      before: { names: item.names },
      after: { names },
      ip: editor.ip,
    });
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
    await recordAudit(trx, {
      actorId: editor.actorId,
      action: `reference.${CODE_LIST_SUBJECT[list]}.delete`,
      subjectType: CODE_LIST_SUBJECT[list],
      subjectId: code,
      before: { code, names: item.names, sortOrder: item.sort_order },
      ip: editor.ip,
    });
  });
}
