import type { FastifyRequest } from "fastify";
import { notFound } from "../../platform/errors.ts";
import type { Language } from "../../platform/i18n.ts";
import { localName } from "../../platform/i18n.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { editionFormat, type VotingEdition } from "./voting-edition.ts";

/** A category as pages name it: its code and the Action Line's name in the page's language. */
export function categoryLabel(reference: ReferenceData, code: string, lang: Language): string {
  const line = reference.actionLines.find((item) => item.code === code);
  return line ? `${code} · ${localName(line.names, lang)}` : code;
}

/** An instant in the edition's own time zone, naming the zone (never the server's zone). */
export function editionDateTime(edition: VotingEdition, lang: Language, value: Date | string): string {
  return editionFormat(edition.timeZone, lang).format(value instanceof Date ? value : new Date(value));
}

/** Where the edition stands for voters at `now`. */
export type VotingState = "unpublished" | "upcoming" | "open" | "closed" | "none";

export function votingState(edition: VotingEdition, now: Date): VotingState {
  if (!edition.window) return "none";
  if (now >= edition.window.endsAt) return "closed";
  if (!edition.nomineesPublished) return "unpublished";
  if (now < edition.window.startsAt) return "upcoming";
  return "open";
}

/** A receipt in groups of eight, so a person can read it aloud and compare it. */
export function groupedReceipt(receipt: string): string {
  return receipt.replace(/(.{8})(?=.)/g, "$1 ");
}

/** `:year` of a prizes URL; anything but a four-digit year is a 404. */
export function yearParam(request: FastifyRequest): number {
  const raw = (request.params as Record<string, unknown>).year;
  if (typeof raw !== "string" || !/^\d{4}$/.test(raw)) throw notFound();
  return Number(raw);
}
