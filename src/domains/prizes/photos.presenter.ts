import { type Language, localName } from "../../platform/i18n.ts";
import { effectiveTimeZone, formatInZone } from "../../platform/zoned-time.ts";
import type { SdgRow } from "../taxonomy/taxonomy.repo.ts";
import type { PhotoLicence } from "./photo-input.ts";
import type { PhotoRow } from "./photos.repo.ts";
import type { PhotoEdition } from "./photos.service.ts";

/** A contest photo as pages and the API show it. */
export interface PresentedPhoto {
  id: string;
  /** The clean copy; carries a prefix of its sha256, so other bytes get another URL. */
  url: string;
  /** The WebP renditions as an `srcset` ("<url> 320w, …"), or null when there are none. */
  srcset: string | null;
  width: number;
  height: number;
  caption: string;
  sdgs: Array<{ number: number; name: string }>;
  entrantName: string;
  licence: PhotoLicence;
  shortlisted: boolean;
  /** 1–3 for a winner; null otherwise, and for everyone but the jury until the winners are published. */
  winnerRank: number | null;
  enteredAt: string;
}

export const photoUrl = (year: number, photo: { id: string; sha256: string }): string =>
  `/prizes/${year}/photos/${photo.id}/image?v=${photo.sha256.slice(0, 16)}`;

export function photoSrcset(year: number, photo: PhotoRow): string | null {
  if (photo.renditions.length === 0) return null;
  const version = photo.sha256.slice(0, 16);
  return photo.renditions
    .map(({ width }) => `/prizes/${year}/photos/${photo.id}/${width}.webp?v=${version} ${width}w`)
    .join(", ");
}

/**
 * A photo for a reader: `showRank` is false for the public before publication, so a rank the
 * jury is still deciding never leaks.
 */
export function presentPhoto(
  year: number,
  photo: PhotoRow,
  { sdgs, lang, showRank }: { sdgs: readonly SdgRow[]; lang: Language; showRank: boolean },
): PresentedPhoto {
  const names = new Map(sdgs.map((sdg) => [sdg.number, localName(sdg.names, lang)]));
  return {
    id: photo.id,
    url: photoUrl(year, photo),
    srcset: photoSrcset(year, photo),
    width: photo.width,
    height: photo.height,
    caption: photo.caption,
    sdgs: photo.sdgs.map((number) => ({ number, name: names.get(number) ?? String(number) })),
    entrantName: photo.entrant_name,
    // The database allows only these values.
    licence: photo.licence as PhotoLicence,
    shortlisted: photo.shortlisted_at !== null,
    winnerRank: showRank ? photo.winner_rank : null,
    enteredAt: new Date(photo.created_at).toISOString(),
  };
}

/** Where the contest stands, for the pages' status line. */
export interface ContestStatus {
  /** `none`: the edition has no submission phase here (a past edition loaded with its figures). */
  state: "none" | "upcoming" | "open" | "closed";
  opensAt: string | null;
  closesAt: string | null;
  timeZone: string;
}

export function contestStatus(contest: PhotoEdition, lang: Language, now = new Date()): ContestStatus {
  const { entries, edition } = contest;
  const zone = effectiveTimeZone(edition.time_zone);
  const state = !entries
    ? "none"
    : contest.entriesOpen
      ? "open"
      : now < entries.startsAt
        ? "upcoming"
        : "closed";
  return {
    state,
    opensAt: entries ? formatInZone(entries.startsAt, lang, zone) : null,
    closesAt: entries ? formatInZone(entries.endsAt, lang, zone) : null,
    timeZone: zone,
  };
}
