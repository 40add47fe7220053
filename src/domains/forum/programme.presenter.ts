import { type Language, localName, type Translate } from "../../platform/i18n.ts";
import type { AgendaItem } from "./agenda.service.ts";
import { vocabularyLabel } from "./forum-vocabulary.ts";
import type { ProgrammeTrack } from "./programme.service.ts";
import type { ProgrammeSession } from "./programme-snapshot.ts";

/** Programme and agenda rows in the API's shapes (never the snapshot or the rows as they are). */

export function presentProgrammeSession(
  session: ProgrammeSession,
  year: number,
  tracks: readonly ProgrammeTrack[],
  t: Translate,
  lang: Language,
) {
  const track = session.track ? tracks.find((item) => item.code === session.track) : undefined;
  return {
    number: session.number,
    title: session.title,
    type: session.type,
    typeName: vocabularyLabel.sessionType(t, session.type),
    track: session.track
      ? { code: session.track, name: track ? localName(track.names, lang) : session.track }
      : null,
    mode: session.mode,
    room: session.room,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    speakers: session.speakers.map((speaker) => ({
      name: speaker.name,
      organisation: speaker.organisation,
      role: speaker.role,
    })),
    actionLines: [...session.actionLines],
    sdgs: [...session.sdgs],
    url: `/forum/${year}/sessions/${session.number}`,
  };
}

export function presentAgenda(items: readonly AgendaItem[]) {
  return {
    clashes: items.filter((item) => item.clashesWith.length > 0).length,
    items: items.map((item) => ({
      year: item.year,
      number: item.number,
      title: item.title,
      inProgramme: item.session !== null,
      startsAt: item.session?.startsAt.toISOString() ?? null,
      endsAt: item.session?.endsAt.toISOString() ?? null,
      room: item.session?.room ?? null,
      timeZone: item.timeZone,
      url: `/forum/${item.year}/sessions/${item.number}`,
      clashesWith: item.clashesWith.map((other) => ({ year: other.year, number: other.number })),
    })),
  };
}
