import type { Kysely, Transaction } from "kysely";
import type { Database } from "../db/schema.ts";
import { sha256 } from "./crypto.ts";
import { conflict, ValidationError } from "./errors.ts";
import { claimIdempotencyKey, findIdempotencyKey, storeIdempotencyResult } from "./idempotency.repo.ts";

const KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

/**
 * Reads an `Idempotency-Key` header or a form's hidden `idempotencyKey`: absent is fine (no
 * replay protection), malformed is a 400 so a client bug is not silently ignored.
 */
export function parseIdempotencyKey(raw: unknown, field = "idempotencyKey"): string | null {
  if (raw === undefined || raw === null || raw === "") return null;
  if (typeof raw === "string" && KEY.test(raw)) return raw;
  throw new ValidationError([{ field, code: "invalid_value" }]);
}

/** What identifies "the same request": the operation and its normalised content. */
export function fingerprint(scope: string, content: unknown): string {
  return sha256(JSON.stringify([scope, content]));
}

interface StoredResult<T> {
  fingerprint: string;
  outcome?: T;
}

export interface Idempotent<T> {
  outcome: T;
  /** True when this call returned the stored outcome of an earlier one. */
  replayed: boolean;
}

/**
 * Runs `act` at most once per (user, key). The key is inserted first, inside the caller's
 * transaction: a concurrent duplicate blocks on the unique key until the first commits, then
 * reads its outcome; if the first rolls back, the duplicate proceeds as the first. The same key
 * with other content (or for another operation) is a 409 `idempotency_conflict`.
 */
export async function runIdempotent<T>(
  trx: Transaction<Database>,
  request: { userId: string; key: string | null; scope: string; fingerprint: string },
  act: () => Promise<T>,
): Promise<Idempotent<T>> {
  if (!request.key) return { outcome: await act(), replayed: false };
  const pending: StoredResult<T> = { fingerprint: request.fingerprint };
  const claimed = await claimIdempotencyKey(trx, request.userId, request.key, request.scope, pending);
  if (!claimed) {
    const existing = await findIdempotencyKey(trx, request.userId, request.key);
    const stored = existing?.result as StoredResult<T> | undefined;
    if (
      !existing ||
      existing.scope !== request.scope ||
      stored?.fingerprint !== request.fingerprint ||
      stored.outcome === undefined
    ) {
      throw conflict("idempotency_conflict");
    }
    return { outcome: stored.outcome, replayed: true };
  }
  const outcome = await act();
  const done: StoredResult<T> = { fingerprint: request.fingerprint, outcome };
  await storeIdempotencyResult(trx, request.userId, request.key, done);
  return { outcome, replayed: false };
}

/**
 * One write in one transaction, run at most once per (user, key): `content` is what makes two
 * calls with the same key "the same" (anything else under that key is a 409).
 */
export function idempotentTransaction<T>(
  db: Kysely<Database>,
  request: { userId: string; key?: string | null; scope: string; content: unknown },
  act: (trx: Transaction<Database>) => Promise<T>,
): Promise<Idempotent<T>> {
  const { userId, scope } = request;
  return db
    .transaction()
    .execute((trx) =>
      runIdempotent(
        trx,
        { userId, key: request.key ?? null, scope, fingerprint: fingerprint(scope, request.content) },
        () => act(trx),
      ),
    );
}

/** `idempotentTransaction` for a write by `actor` under the key its options carry (none: it just runs). */
export function idempotentWrite<T>(
  db: Kysely<Database>,
  actor: { id: string },
  options: { idempotencyKey?: string | null },
  scope: string,
  content: unknown,
  act: (trx: Transaction<Database>) => Promise<T>,
): Promise<Idempotent<T>> {
  return idempotentTransaction(db, { userId: actor.id, key: options.idempotencyKey, scope, content }, act);
}
