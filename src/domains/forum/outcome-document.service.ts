import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import { type Language, localName } from "../../platform/i18n.ts";
import { readReferenceData } from "../taxonomy/taxonomy.service.ts";
import { requireForumEdition } from "./editions.service.ts";
import { listSubmittedOutcomes } from "./outcomes.repo.ts";

/**
 * The Outcome Document of an edition: the submitted session outcomes grouped by Action Line (a
 * session linked to several appears under each), and the edition's WSIS-SDG matrix of sessions
 * (how many sessions link each Action Line to each SDG). Public once published; the secretariat
 * previews it before.
 */

export interface OutcomeSession {
  number: number;
  title: string;
  keyMessages: string;
  actionLines: string[];
  sdgs: number[];
}

export interface OutcomeDocument {
  year: number;
  theme: string;
  published: boolean;
  compiled: boolean;
  publishedAt: Date | null;
  /** The edition's venue zone, in which the PDF dates its publication. */
  timeZone: string;
  sessionCount: number;
  groups: Array<{ code: string; name: string; sessions: OutcomeSession[] }>;
  /** Submitted outcomes that name no Action Line (possible for a draft-era edit, kept visible). */
  unlinked: OutcomeSession[];
  actionLines: Array<{ code: string; name: string }>;
  sdgs: Array<{ number: number; name: string }>;
  /** Sessions per Action Line and SDG: `cells.get(code)?.get(sdg)` lists their numbers. */
  cells: Map<string, Map<number, number[]>>;
}

/**
 * The document of `year`. 404 `forum_outcomes_not_published` unless published or `preview`
 * (the secretariat), so nobody learns an unpublished document's content.
 */
export async function readOutcomeDocument(
  db: Kysely<Database>,
  year: number,
  lang: Language,
  preview: boolean,
): Promise<OutcomeDocument> {
  const edition = await requireForumEdition(db, year);
  const published = edition.outcomes_published_at !== null;
  if (!published && !preview) throw notFound("forum_outcomes_not_published");
  const [reference, rows] = await Promise.all([readReferenceData(db), listSubmittedOutcomes(db, edition.id)]);
  const sessions: OutcomeSession[] = rows.map((row) => ({
    number: row.number,
    title: row.title,
    keyMessages: row.key_messages,
    actionLines: row.action_lines,
    sdgs: row.sdgs,
  }));
  const actionLines = reference.actionLines.map((line) => ({
    code: line.code,
    name: localName(line.names, lang),
  }));
  const cells = new Map<string, Map<number, number[]>>();
  for (const session of sessions)
    for (const code of session.actionLines) {
      const row = cells.get(code) ?? new Map<number, number[]>();
      for (const sdg of session.sdgs) row.set(sdg, [...(row.get(sdg) ?? []), session.number]);
      cells.set(code, row);
    }
  return {
    year,
    theme: localName(edition.theme, lang),
    published,
    compiled: edition.outcomes_compiled_at !== null,
    publishedAt: edition.outcomes_published_at ? new Date(edition.outcomes_published_at) : null,
    timeZone: edition.time_zone,
    sessionCount: sessions.length,
    groups: actionLines
      .map((line) => ({
        ...line,
        sessions: sessions.filter((session) => session.actionLines.includes(line.code)),
      }))
      .filter((group) => group.sessions.length > 0),
    unlinked: sessions.filter((session) => session.actionLines.length === 0),
    actionLines,
    sdgs: reference.sdgs.map((sdg) => ({ number: sdg.number, name: localName(sdg.names, lang) })),
    cells,
  };
}

/** The sessions of one matrix cell, for the list under the table. */
export function cellSessions(document: OutcomeDocument, code: string, sdg: number): OutcomeSession[] {
  const numbers = document.cells.get(code)?.get(sdg) ?? [];
  const all = new Map(
    [...document.groups.flatMap((group) => group.sessions), ...document.unlinked].map((session) => [
      session.number,
      session,
    ]),
  );
  return numbers.flatMap((number) => {
    const session = all.get(number);
    return session ? [session] : [];
  });
}
