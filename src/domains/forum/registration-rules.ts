import type { ForumAttendance } from "../../db/schema.ts";

/**
 * Stakeholder types whose onsite participants are accredited without an expression of interest.
 * Governments and international organisations attend the Forum as official delegations, named by
 * their own administrations (DOMAIN.md: "some bodies automatically"); everyone else asks first.
 * A constant rather than a per-edition setting: the rule has not changed across editions, and
 * widening it is a policy decision the code review should see.
 */
export const AUTO_ACCREDITED_STAKEHOLDER_TYPES: readonly string[] = [
  "government",
  "international_organization",
];

export const ATTENDANCE: readonly ForumAttendance[] = ["onsite", "remote"];

export const INTEREST_MAX = 2000;
export const REASON_MAX = 1000;

/** Where the clock stands against a window `[opensAt, closesAt)`; a window not set is not open. */
export type WindowState = "unset" | "not_yet" | "open" | "closed";

export function windowState(opensAt: Date | null, closesAt: Date | null, now: Date): WindowState {
  if (!opensAt || !closesAt) return "unset";
  if (now < opensAt) return "not_yet";
  return now < closesAt ? "open" : "closed";
}

/** Whether an onsite participant of this stakeholder type is accredited automatically. */
export function isAutoAccredited(stakeholderType: string | null | undefined): boolean {
  return stakeholderType != null && AUTO_ACCREDITED_STAKEHOLDER_TYPES.includes(stakeholderType);
}

/**
 * The end of the expression-of-interest window: the edition's accreditation deadline, or the
 * close of registration when it has none (and never later than that close).
 */
export function accreditationDeadline(edition: {
  registration_closes_at: Date | null;
  accreditation_deadline: Date | null;
}): Date | null {
  const close = edition.registration_closes_at;
  const deadline = edition.accreditation_deadline;
  if (!deadline) return close;
  if (!close) return deadline;
  return deadline < close ? deadline : close;
}
