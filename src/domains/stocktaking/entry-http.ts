import { randomToken } from "../../platform/crypto.ts";

/** A fresh key per rendered form, so a double-clicked or re-sent form acts once. */
export const newIdempotencyKey = (): string => randomToken(18);

/** `?page=` as a positive integer; anything else is the first page. */
export function pageParam(query: unknown): number {
  const raw = (query as Record<string, unknown> | undefined)?.page;
  const page = typeof raw === "string" && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return Math.max(1, page);
}

/** One text field of a urlencoded form body; a missing or repeated field reads as "". */
export function formField(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : "";
}

/** The `:id` route parameter, still unchecked (`parseEntryId` decides whether it names an entry). */
export function idParam(request: { params: unknown }): string {
  const id = (request.params as Record<string, unknown> | undefined)?.id;
  return typeof id === "string" ? id : "";
}
