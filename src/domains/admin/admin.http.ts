import type { FastifyRequest } from "fastify";
import { formText } from "../../platform/http/form-input.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { type Permission, requirePermission } from "../../platform/permissions.ts";
import type { Editor } from "../taxonomy/taxonomy.edit.service.ts";

/** Small HTTP helpers shared by the admin routes. */

/** A page number from the query: anything odd means page 1, and deep pages are capped. */
export function pageNumber(query: unknown, max = 10_000): number {
  const raw = formText(query, "page");
  if (!/^\d{1,6}$/.test(raw)) return 1;
  return Math.min(Math.max(Number(raw), 1), max);
}

/** The signed-in admin as the audit log records them; the route's permission guard has already run. */
export function editorOf(request: FastifyRequest, permission: Exclude<Permission, "public">): Editor {
  const actor = requirePermission(request.actor, permission);
  return { actorId: actor.id, ip: clientIp(request) };
}
