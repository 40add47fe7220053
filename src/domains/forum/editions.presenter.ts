import type { ForumEditionDetail, ForumEditionSummary } from "./edition-read.service.ts";

/** Forum editions as the API gives them: ISO instants, no database ids. */

const iso = (at: Date | null) => (at ? at.toISOString() : null);

export function presentForumEditionApi(edition: ForumEditionSummary) {
  return {
    year: edition.year,
    theme: edition.theme,
    startsOn: edition.startsOn,
    endsOn: edition.endsOn,
    datesRecorded: edition.datesRecorded,
    timeZone: edition.timeZone,
    venue: edition.venue,
    city: edition.city,
    chair: edition.chair,
    timing: edition.timing,
    ocp: edition.ocp.map((window) => ({
      phase: window.phase,
      startsAt: window.startsAt.toISOString(),
      endsAt: window.endsAt.toISOString(),
    })),
    openOcpPhase: edition.openOcpPhase,
    registration: {
      opensAt: iso(edition.registration.opensAt),
      closesAt: iso(edition.registration.closesAt),
      accreditationDeadline: iso(edition.registration.accreditationDeadline),
    },
    pastFigures: edition.pastFigures,
    outcomesPublished: edition.outcomesPublished,
    links: { self: `/api/v1/forum/editions/${edition.year}`, html: `/forum/${edition.year}` },
  };
}

export function presentForumEditionDetailApi(edition: ForumEditionDetail) {
  return {
    ...presentForumEditionApi(edition),
    rooms: edition.rooms.map(({ name, capacity, opensAt, closesAt }) => ({
      name,
      capacity,
      opensAt,
      closesAt,
    })),
    tracks: edition.tracks.map(({ code, name }) => ({ code, name })),
  };
}
