import type { EntryState } from "../../db/schema.ts";
import { conflict, forbidden, notFound } from "../../platform/errors.ts";
import { type Actor, hasPermission } from "../../platform/permissions.ts";

/** What the ownership and workflow rules need to know about an entry. */
export interface EntryPolicySubject {
  owner_id: string;
  state: EntryState;
  published_revision_id: string | null;
}

export const isPublic = (entry: EntryPolicySubject): boolean => entry.published_revision_id !== null;
export const isOwner = (actor: Actor | null, entry: EntryPolicySubject): boolean =>
  actor !== null && actor.id === entry.owner_id;
/** Moderators and admins see every entry, whatever its state. */
export const isModerator = (actor: Actor | null): boolean => hasPermission(actor, "entries.moderate");

/** Owners and moderators see unpublished entries and pending revisions; everyone sees published ones. */
export function canSeeUnpublished(actor: Actor | null, entry: EntryPolicySubject): boolean {
  return isOwner(actor, entry) || isModerator(actor);
}

export function canViewEntry(actor: Actor | null, entry: EntryPolicySubject): boolean {
  return isPublic(entry) || canSeeUnpublished(actor, entry);
}

/** Only the owner edits; a moderator returns an entry with a comment instead of changing it. */
export function canEditEntry(actor: Actor | null, entry: EntryPolicySubject): boolean {
  return isOwner(actor, entry);
}

/**
 * Draft, returned and withdrawn entries are worked on; a published entry gets a new revision. A
 * submitted entry is locked while a moderator reviews it. A rejected entry is closed, unless an
 * earlier revision is public: then the owner may propose a new revision.
 */
export function isEditableState(entry: EntryPolicySubject): boolean {
  return (
    entry.state === "draft" ||
    entry.state === "returned" ||
    entry.state === "withdrawn" ||
    entry.state === "published" ||
    (entry.state === "rejected" && isPublic(entry))
  );
}

/** A withdrawn entry goes back to the public database the way it first got there: through review. */
export function isSubmittableState(entry: EntryPolicySubject): boolean {
  return entry.state === "draft" || entry.state === "returned" || entry.state === "withdrawn";
}

/**
 * The owner may take their entry out of the public database; a moderator may take out anyone's
 * (giving the owner a reason, see `withdrawalNeedsReason`). Whether it is public now is checked
 * under the row lock, with `isPublic`.
 */
export function canWithdrawEntry(actor: Actor | null, entry: EntryPolicySubject): boolean {
  return isOwner(actor, entry) || isModerator(actor);
}

/** Someone else's entry is only withdrawn with a reason the owner is told. */
export function withdrawalNeedsReason(actor: Actor, entry: EntryPolicySubject): boolean {
  return !isOwner(actor, entry);
}

export function canViewHistory(actor: Actor | null, entry: EntryPolicySubject): boolean {
  return canSeeUnpublished(actor, entry);
}

/** 404 for entries the actor may not know about, so unpublished ids are not confirmed to others. */
export function assertCanView(actor: Actor | null, entry: EntryPolicySubject | undefined): asserts entry {
  if (!entry || !canViewEntry(actor, entry)) throw notFound("entry_not_found");
}

/** 403 for another user's entry; 409 (with the state) when the workflow does not allow edits. */
export function assertCanEdit(actor: Actor, entry: EntryPolicySubject): void {
  if (!canEditEntry(actor, entry)) throw forbidden();
  if (!isEditableState(entry)) throw conflict("invalid_state_transition", { state: entry.state });
}

export function assertCanSubmit(actor: Actor, entry: EntryPolicySubject): void {
  if (!canEditEntry(actor, entry)) throw forbidden();
  if (!isSubmittableState(entry)) throw conflict("invalid_state_transition", { state: entry.state });
}

/** 404 for entries the actor may not know about, 403 for another user's entry. */
export function assertCanWithdraw(actor: Actor, entry: EntryPolicySubject | undefined): asserts entry {
  assertCanView(actor, entry);
  if (!canWithdrawEntry(actor, entry)) throw forbidden();
}

export function assertCanViewHistory(actor: Actor, entry: EntryPolicySubject): void {
  if (!canViewEntry(actor, entry)) throw notFound("entry_not_found");
  if (!canViewHistory(actor, entry)) throw forbidden();
}
