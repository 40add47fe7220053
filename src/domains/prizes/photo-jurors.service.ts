import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { conflict, forbidden, notFound } from "../../platform/errors.ts";
import { type Actor, hasPermission } from "../../platform/permissions.ts";
import { FieldErrors, isRowId } from "../../platform/validation.ts";
import { alreadyAssigned, assigneeByEmail, formText } from "./assignment.ts";
import {
  countPhotoJurors,
  deletePhotoJuror,
  insertPhotoJuror,
  isPhotoJuror,
  listPhotoJurors,
  type PhotoJurorRow,
} from "./photo-jurors.repo.ts";
import { lockEditionForJury } from "./photo-jury.repo.ts";
import { findResultsPublishedAt } from "./photos.repo.ts";
import { loadPhotoEdition, type PhotoEdition, type WriteOptions } from "./photos.service.ts";

/**
 * The Photo Contest jury of an edition: accounts the secretariat names (and removes) by email.
 * The jurors shortlist photos and pick the three winners. A secretariat member who is not a
 * juror sees the jury's page and may record the jury's decisions on its behalf (the jury often
 * deliberates in a room, and someone types its verdict in): each such decision is in their name
 * and its audit record says `onBehalfOfJury`, and there must be a jury to act for. Nobody judges
 * a photo they entered themselves.
 */

type Db = Kysely<Database> | Transaction<Database>;

/** How an account sits on an edition's jury: a juror, or the secretariat acting for the jury. */
export type JuryRole = "juror" | "secretariat";

/** `actor`'s place on the edition's Photo Contest jury, or null when they have none. */
export async function photoJuryRole(
  db: Db,
  editionId: string,
  actor: Actor | null,
): Promise<JuryRole | null> {
  if (!actor) return null;
  if (await isPhotoJuror(db, editionId, actor.id)) return "juror";
  return hasPermission(actor, "prizes.secretariat") ? "secretariat" : null;
}

/** The same, refusing everyone else with 403 `photo_not_juror`. */
export async function requirePhotoJuryRole(db: Db, editionId: string, actor: Actor): Promise<JuryRole> {
  const role = await photoJuryRole(db, editionId, actor);
  if (!role) throw forbidden("photo_not_juror");
  return role;
}

/**
 * Checks, inside a decision's transaction (the edition locked, so the jury cannot change
 * meanwhile), that `actor` may decide: a juror, or the secretariat when the edition has a jury.
 */
export async function assertMayDecide(
  trx: Transaction<Database>,
  editionId: string,
  actor: Actor,
): Promise<JuryRole> {
  const role = await requirePhotoJuryRole(trx, editionId, actor);
  if (role === "secretariat" && (await countPhotoJurors(trx, editionId)) === 0)
    throw conflict("photo_jury_empty");
  return role;
}

/** Refuses a decision on a photo the deciding account entered: a conflict of interest. */
export function assertNotOwnPhoto(actor: Actor, photo: { entrant_id: string }): void {
  if (photo.entrant_id === actor.id) throw conflict("photo_own_entry");
}

/** Runs a change to the jury: under the edition's jury lock, refused once the winners are out. */
async function changeJury(
  db: Kysely<Database>,
  contest: PhotoEdition,
  change: (trx: Transaction<Database>) => Promise<void>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockEditionForJury(trx, contest.edition.id);
    if (await findResultsPublishedAt(trx, contest.edition.id)) throw conflict("photo_results_published");
    await change(trx);
  });
}

/**
 * Names an existing account (by its email, typed in any case) to the edition's jury. An unknown
 * email is `no_such_account` next to the field, a juror already named `duplicate`. Audited
 * `photo.juror_assign`.
 */
export async function assignPhotoJuror(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  input: { email?: unknown },
  { ip = null }: WriteOptions = {},
): Promise<void> {
  const contest = await loadPhotoEdition(db, year);
  const errors = new FieldErrors();
  const account = await assigneeByEmail(db, errors, input.email);
  errors.throwIfAny();
  const user = account as NonNullable<typeof account>;
  await changeJury(db, contest, async (trx) => {
    const added = await insertPhotoJuror(trx, {
      editionId: contest.edition.id,
      userId: user.id,
      assignedBy: actor.id,
    });
    if (!added) throw alreadyAssigned();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "photo.juror_assign",
      subjectType: "prize_edition",
      subjectId: contest.edition.id,
      after: { edition: year, userId: user.id, email: user.email },
      ip,
    });
  });
}

/**
 * Takes an account off the edition's jury. The shortlist and ranks they decided stay: they were
 * the jury's decisions, and still name who took them. 404 `photo_juror_not_found` when the
 * account is not a juror there. Audited `photo.juror_remove`.
 */
export async function removePhotoJuror(
  db: Kysely<Database>,
  actor: Actor,
  year: number,
  input: { userId?: unknown },
  { ip = null }: WriteOptions = {},
): Promise<void> {
  const contest = await loadPhotoEdition(db, year);
  const userId = formText(input.userId);
  if (!isRowId(userId)) throw notFound("photo_juror_not_found");
  await changeJury(db, contest, async (trx) => {
    const removed = await deletePhotoJuror(trx, contest.edition.id, userId);
    if (!removed) throw notFound("photo_juror_not_found");
    await recordAudit(trx, {
      actorId: actor.id,
      action: "photo.juror_remove",
      subjectType: "prize_edition",
      subjectId: contest.edition.id,
      before: { edition: year, userId, email: removed.email },
      ip,
    });
  });
}

/** The edition's contest and its jurors, for the secretariat's page. */
export async function photoJurorsView(
  db: Kysely<Database>,
  year: number,
): Promise<{ contest: PhotoEdition; jurors: PhotoJurorRow[] }> {
  const contest = await loadPhotoEdition(db, year);
  return { contest, jurors: await listPhotoJurors(db, contest.edition.id) };
}
