import type { FastifyRequest } from "fastify";
import { notFound } from "../../platform/errors.ts";

/** The edition year of a page URL (`/prizes/:year/...`): four digits, else the page does not exist. */
export function yearParam(request: FastifyRequest): number {
  const raw = (request.params as { year?: string }).year ?? "";
  if (!/^\d{4}$/.test(raw)) throw notFound();
  return Number(raw);
}
