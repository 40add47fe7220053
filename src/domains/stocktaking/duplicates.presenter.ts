import type { OpenPairRow, PairRecord } from "./duplicates.repo.ts";
import type { PairSideView, PairView } from "./duplicates-view.service.ts";
import { type EntryContent, type Labels, presentContent } from "./entries.presenter.ts";

const iso = (value: Date | string | null): string | null =>
  value === null ? null : (value instanceof Date ? value : new Date(value)).toISOString();

/** Scores as shown: three decimals are more than any threshold needs. */
const round = (value: number): number => Math.round(Number(value) * 1000) / 1000;

export interface PairScores {
  title: number;
  organisation: number;
  description: number;
}

export const presentScores = (
  row: Pick<PairRecord, "title_score" | "organisation_score" | "description_score">,
): PairScores => ({
  title: round(row.title_score),
  organisation: round(row.organisation_score),
  description: round(row.description_score),
});

/** The API lists a pair's two entries as a tuple, lower id first. */
const pairOf = <T>(first: T, second: T): [T, T] => [first, second];

const pairLinks = (id: string) => ({
  self: `/api/v1/duplicate-candidates/${id}`,
  html: `/moderation/duplicates/${id}`,
});

/** An open pair in the API list. */
export function presentPairSummary(row: OpenPairRow) {
  const side = (entry: OpenPairRow["a"]) => ({
    id: entry.id,
    state: entry.state,
    title: entry.title,
    organisationName: entry.organisation,
    links: { self: `/api/v1/entries/${entry.id}`, html: `/entries/${entry.id}` },
  });
  return {
    id: row.id,
    status: "open" as const,
    scores: presentScores(row),
    flaggedAt: iso(row.flagged_at) as string,
    entries: pairOf(side(row.a), side(row.b)),
    links: pairLinks(row.id),
  };
}

export interface PresentedSide {
  view: PairSideView;
  content: EntryContent;
}

/** Both sides of a pair with their content in the reader's language. */
export function presentSides(view: PairView, labels: Labels): [PresentedSide, PresentedSide] {
  return [
    { view: view.a, content: presentContent(view.a.revision, labels, view.a.images) },
    { view: view.b, content: presentContent(view.b.revision, labels, view.b.images) },
  ];
}

/** A pair in full, for the API. */
export function presentPair(view: PairView, labels: Labels) {
  const { pair } = view;
  const side = ({ view: entry, content }: PresentedSide) => ({
    id: entry.entry.id,
    state: entry.entry.state,
    isPublic: entry.entry.published_revision_id !== null,
    mergeable: entry.compared,
    ownerName: entry.ownerName,
    content,
    links: {
      self: `/api/v1/entries/${entry.entry.id}`,
      html: `/entries/${entry.entry.id}`,
      history: `/entries/${entry.entry.id}/history`,
    },
  });
  const [a, b] = presentSides(view, labels);
  return {
    id: pair.id,
    status: pair.status,
    scores: presentScores(pair),
    flaggedAt: iso(pair.flagged_at) as string,
    decidedAt: iso(pair.decided_at),
    decidedBy: pair.decided_by_name,
    survivorId: pair.survivor_id,
    entries: pairOf(side(a), side(b)),
    links: pairLinks(pair.id),
  };
}
