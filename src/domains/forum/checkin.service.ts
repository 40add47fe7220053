import type { Kysely, Transaction } from "kysely";
import type { Database, ForumCheckinResult } from "../../db/schema.ts";
import { recordAudit } from "../../platform/audit.ts";
import { sha256 } from "../../platform/crypto.ts";
import type { Actor } from "../../platform/permissions.ts";
import { type BadgeClaims, openBadge } from "./badges.token.ts";
import { countAdmitted, findAdmission, findScan, insertScan } from "./checkin.repo.ts";
import { findRegistrationById, lockRegistrationById } from "./registration.repo.ts";
import { loadRegistrationEdition, type RegistrationEdition } from "./registration-edition.ts";

/**
 * Door check-in. A phone scans badges, possibly offline, and syncs its queue later; each scan
 * carries an id the phone made up, so a scan synced twice (a retry after a lost answer, the
 * no-JavaScript form sent twice) is stored and counted once and answers the same. Each scan's
 * result: `admitted`; `already_checked_in` (with when); `invalid` (not a badge this server
 * signed: forged, mistyped); `other_edition`; `revoked` (registration cancelled or not confirmed,
 * or a badge printed before a cancellation); `not_onsite` (a remote participant's).
 */

export const SCAN_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** Phones' clocks drift; a scan dated later than this ahead of the server is dated now. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface ScanInput {
  scanId: string;
  token: string;
  /** When the phone scanned (ISO 8601); the sync may come much later. */
  scannedAt?: string | undefined;
}

export interface ScanResult {
  scanId: string;
  result: ForumCheckinResult;
  /** True when this scan id had been synced before: the stored result, counted once. */
  duplicate: boolean;
  name: string | null;
  organisation: string | null;
  /** For `already_checked_in` (and `admitted`): when the badge was first admitted. */
  checkedInAt: string | null;
}

function scanTime(raw: string | undefined, now: Date): Date {
  const parsed = raw ? new Date(raw) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.getTime() > now.getTime() + CLOCK_SKEW_MS)
    return now;
  return parsed;
}

/** Decides a fresh scan: which registration it names and whether it admits. */
async function decide(trx: Transaction<Database>, edition: RegistrationEdition, claims: BadgeClaims | null) {
  const none = { registrationId: null, name: null, organisation: null, checkedInAt: null };
  if (!claims) return { result: "invalid" as const, ...none };
  if (claims.year !== edition.year) return { result: "other_edition" as const, ...none };
  const registration = await lockRegistrationById(trx, claims.registrationId);
  if (!registration || registration.edition_id !== edition.id) return { result: "invalid" as const, ...none };
  const who = {
    registrationId: registration.id,
    name: registration.name,
    organisation: registration.organisation_name,
    checkedInAt: null as string | null,
  };
  if (registration.status !== "confirmed" || registration.badge_version !== claims.version)
    return { result: "revoked" as const, ...who };
  if (registration.attendance !== "onsite") return { result: "not_onsite" as const, ...who };
  const admission = await findAdmission(trx, registration.id);
  if (admission)
    return {
      result: "already_checked_in" as const,
      ...who,
      checkedInAt: new Date(admission.scanned_at).toISOString(),
    };
  return { result: "admitted" as const, ...who };
}

type StoredScan = NonNullable<Awaited<ReturnType<typeof findScan>>>;

/** A stored scan shown again (a duplicate sync). */
async function replay(db: Kysely<Database>, stored: StoredScan): Promise<ScanResult> {
  const who = stored.registration_id ? await findRegistrationById(db, stored.registration_id) : undefined;
  const admission = stored.registration_id ? await findAdmission(db, stored.registration_id) : undefined;
  return {
    scanId: stored.scan_id,
    result: stored.result,
    duplicate: true,
    name: who?.name ?? null,
    organisation: who?.organisation_name ?? null,
    checkedInAt: admission ? new Date(admission.scanned_at).toISOString() : null,
  };
}

interface SyncOptions {
  ip?: string | null;
  now?: Date;
}

/** `syncEditionCheckins` for the edition of `year`. */
export async function syncCheckins(
  db: Kysely<Database>,
  key: Buffer,
  actor: Actor,
  year: number,
  scans: ScanInput[],
  options: SyncOptions = {},
): Promise<{ results: ScanResult[]; admittedTotal: number }> {
  return syncEditionCheckins(db, key, actor, await loadRegistrationEdition(db, year), scans, options);
}

/**
 * Stores and decides a batch of scans for an edition already loaded (the no-JavaScript form shows
 * it too), in order, each in its own transaction (a long batch holds no lock for long). Audited
 * `forum.checkin` per stored scan.
 */
export async function syncEditionCheckins(
  db: Kysely<Database>,
  key: Buffer,
  actor: Actor,
  edition: RegistrationEdition,
  scans: ScanInput[],
  options: SyncOptions = {},
): Promise<{ results: ScanResult[]; admittedTotal: number }> {
  const now = options.now ?? new Date();
  const results: ScanResult[] = [];
  for (const scan of scans) {
    const earlier = await findScan(db, edition.id, scan.scanId);
    if (earlier) {
      results.push(await replay(db, earlier));
      continue;
    }
    const claims = openBadge(key, scan.token);
    const stored = await db.transaction().execute(async (trx) => {
      const decision = await decide(trx, edition, claims);
      const scannedAt = scanTime(scan.scannedAt, now);
      const inserted = await insertScan(trx, {
        editionId: edition.id,
        scanId: scan.scanId,
        tokenHash: sha256(scan.token.trim()),
        registrationId: decision.registrationId,
        result: decision.result,
        scannedAt,
        scannedBy: actor.id,
      });
      if (!inserted) return null;
      await recordAudit(trx, {
        actorId: actor.id,
        action: "forum.checkin",
        subjectType: "forum_registration",
        subjectId: decision.registrationId,
        after: { edition: edition.year, scanId: scan.scanId, result: decision.result },
        ip: options.ip ?? null,
      });
      const checkedInAt = decision.result === "admitted" ? scannedAt.toISOString() : decision.checkedInAt;
      return {
        scanId: scan.scanId,
        result: decision.result,
        duplicate: false,
        name: decision.name,
        organisation: decision.organisation,
        checkedInAt,
      } satisfies ScanResult;
    });
    if (stored) {
      results.push(stored);
      continue;
    }
    // Not inserted: a concurrent sync stored this scan id first, so show what it stored.
    const winner = await findScan(db, edition.id, scan.scanId);
    if (!winner) throw new Error("scan vanished");
    results.push(await replay(db, winner));
  }
  return { results, admittedTotal: await countAdmitted(db, edition.id) };
}
