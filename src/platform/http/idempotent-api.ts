import type { FastifyReply, FastifyRequest } from "fastify";
import { type Idempotent, parseIdempotencyKey } from "../idempotency.ts";
import { clientIp } from "./request-context.ts";

/** How an API write is made: its replay key, the client's address, and the language of refusals. */
export interface ApiWriteOptions {
  idempotencyKey: string | null;
  ip: string | null;
  lang: string;
}

/** The options of a write from its request: a malformed `Idempotency-Key` header is a 400. */
export function apiWriteOptions(request: FastifyRequest): ApiWriteOptions {
  return {
    idempotencyKey: parseIdempotencyKey(request.headers["idempotency-key"], "Idempotency-Key"),
    ip: clientIp(request),
    lang: request.lang,
  };
}

/**
 * The outcome of an idempotent write, telling the client (`Idempotent-Replayed: true`) when it is
 * the stored answer of an earlier call with the same key rather than a new change.
 */
export function replayedOutcome<T>(reply: FastifyReply, result: Idempotent<T>): T {
  if (result.replayed) reply.header("idempotent-replayed", "true");
  return result.outcome;
}
