import type { FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { direction } from "../platform/i18n.ts";
import type { PageContext } from "./page-context.ts";

export const FLASH_COOKIE = "wsis_flash";

/** Builds the per-request page context; the CSRF secret cookie is set here on a first visit. */
export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  const lang = request.lang;
  const numbers = new Intl.NumberFormat(lang);
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" });
  const dateTimes = new Intl.DateTimeFormat(lang, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  });
  const toDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));
  const flashKey = request.cookies[FLASH_COOKIE];
  if (flashKey) reply.clearCookie(FLASH_COOKIE, { path: "/" });
  return {
    t: request.t,
    lang,
    dir: direction(lang),
    actor: request.actor,
    csrfToken: reply.generateCsrf(),
    path: request.url,
    // Only catalog keys under `flash.` are shown, so the cookie cannot inject text.
    flash: flashKey?.startsWith("flash.") ? request.t(flashKey) : null,
    formatNumber: (value) => numbers.format(value),
    formatDate: (value) => (value ? dates.format(toDate(value)) : ""),
    formatDateTime: (value) => (value ? `${dateTimes.format(toDate(value))} UTC` : ""),
  };
}

export function sendPage(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply
    .code(status)
    .header("content-type", "text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(`<!doctype html>${renderToString(page)}`);
}

/** Post/redirect/get with a one-shot message key. */
export function redirectWithFlash(reply: FastifyReply, location: string, flashKey: string): FastifyReply {
  reply.setCookie(FLASH_COOKIE, flashKey, { path: "/", httpOnly: true, sameSite: "lax", maxAge: 60 });
  return reply.code(303).redirect(location);
}
