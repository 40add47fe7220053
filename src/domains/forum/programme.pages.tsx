import { localName } from "../../platform/i18n.ts";
import { ASSETS } from "../../ui/assets.ts";
import { ErrorSummary, type FormErrors, type Option, Select, TextInput } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { SESSION_TYPES, vocabularyLabel } from "./forum-vocabulary.ts";
import type { ProgrammeView } from "./programme.service.ts";
import { FILTER_LIMITS, filtersQuery } from "./programme-filters.ts";
import type { ProgrammeSession } from "./programme-snapshot.ts";
import { dayInZone, formatClock, formatDay, formatVisitorTime, zoneAbbreviation } from "./programme-time.ts";

/**
 * The public programme: a GET filter form (works without script) and the matching sessions of the
 * latest published version grouped by venue day and start time. Markup stays small (one list item
 * per session, one heading per time slot) because a whole edition is one page of 250 sessions.
 */

/** The data attributes `forum-local-time.js` reads to add the browser's own time to slot headings. */
export function localTimeAttributes(ctx: PageContext, venueZone: string, visitorZone: string | null) {
  return {
    "data-local-times": "",
    "data-venue-zone": venueZone,
    "data-visitor-zone": visitorZone ?? "",
    "data-local-label": ctx.t("forum.programme.localTime", { time: "{time}" }),
  };
}

/** "Venue time: CEST (Europe/Zurich)", and the visitor's zone when asked for. */
export function ZoneNote({
  ctx,
  timeZone,
  visitorZone,
  sample,
}: {
  ctx: PageContext;
  timeZone: string;
  visitorZone: string | null;
  sample: Date;
}) {
  return (
    <p class="muted">
      {ctx.t("forum.programme.venueZone", {
        zone: timeZone,
        abbreviation: zoneAbbreviation(sample, ctx.lang, timeZone),
      })}
      {visitorZone && visitorZone !== timeZone
        ? ` ${ctx.t("forum.programme.visitorZone", { zone: visitorZone })}`
        : null}
    </p>
  );
}

interface Slot {
  startsAt: Date;
  sessions: ProgrammeSession[];
}

/** Sessions (sorted by start) in venue days and start-time slots; the day is worked out per slot. */
function groupByDayAndTime(sessions: readonly ProgrammeSession[], timeZone: string) {
  const days = new Map<string, Slot[]>();
  let slot: Slot | undefined;
  for (const session of sessions) {
    if (slot && slot.startsAt.getTime() === session.startsAt.getTime()) {
      slot.sessions.push(session);
      continue;
    }
    slot = { startsAt: session.startsAt, sessions: [session] };
    const day = dayInZone(session.startsAt, timeZone);
    const slots = days.get(day) ?? [];
    slots.push(slot);
    days.set(day, slots);
  }
  return days;
}

/** `formatClock` remembered per instant: a programme has a few dozen distinct start and end times. */
function clockFormatter(lang: string, timeZone: string): (instant: Date) => string {
  const known = new Map<number, string>();
  return (instant) => {
    let text = known.get(instant.getTime());
    if (text === undefined) {
      text = formatClock(instant, lang, timeZone);
      known.set(instant.getTime(), text);
    }
    return text;
  };
}

interface ProgrammeProps {
  ctx: PageContext;
  view: ProgrammeView;
  reference: ReferenceData;
  errors: FormErrors;
}

interface Facet {
  name: string;
  label: string;
  /** The empty choice: no filter. */
  all: string;
  value: string | null;
  options: Option[];
}

/** The drop-down filters, in the form's order; tracks only when the edition has some. */
function facetsOf({ ctx, view, reference }: ProgrammeProps): Facet[] {
  const { t, lang } = ctx;
  const { filters } = view;
  const facets: Array<Facet | null> = [
    {
      name: "day",
      label: t("forum.programme.day"),
      all: t("forum.programme.allDays"),
      value: filters.day,
      options: view.days.map((day) => ({ value: day, label: formatDay(day, lang) })),
    },
    view.tracks.length > 0
      ? {
          name: "track",
          label: t("forum.programme.track"),
          all: t("forum.programme.allTracks"),
          value: filters.track,
          options: view.tracks.map((track) => ({ value: track.code, label: localName(track.names, lang) })),
        }
      : null,
    {
      name: "type",
      label: t("forum.programme.type"),
      all: t("forum.programme.allTypes"),
      value: filters.type,
      options: SESSION_TYPES.map((type) => ({ value: type, label: vocabularyLabel.sessionType(t, type) })),
    },
    {
      name: "actionLine",
      label: t("forum.programme.actionLine"),
      all: t("forum.programme.allActionLines"),
      value: filters.actionLine,
      options: reference.actionLines.map((line) => ({
        value: line.code,
        label: `${line.code} ${localName(line.names, lang)}`,
      })),
    },
    {
      name: "sdg",
      label: t("forum.programme.sdg"),
      all: t("forum.programme.allSdgs"),
      value: filters.sdg === null ? null : String(filters.sdg),
      options: reference.sdgs.map((sdg) => ({
        value: String(sdg.number),
        label: `${sdg.number}. ${localName(sdg.names, lang)}`,
      })),
    },
  ];
  return facets.filter((facet) => facet !== null);
}

function FilterForm(props: ProgrammeProps) {
  const { ctx, view, errors } = props;
  const { t } = ctx;
  const { filters, edition } = view;
  const facets = facetsOf(props);
  return (
    <form method="get" action={`/forum/${edition.year}/programme`} class="facets stack">
      <search>
        <h2>{t("forum.programme.filters")}</h2>
        <TextInput
          ctx={ctx}
          name="q"
          type="search"
          label={t("forum.programme.q")}
          hint={t("forum.programme.qHint")}
          value={filters.q}
          maxLength={FILTER_LIMITS.q}
          errors={errors}
        />
        {facets.map((facet) => (
          <Select
            key={facet.name}
            ctx={ctx}
            name={facet.name}
            label={facet.label}
            value={facet.value}
            placeholder={facet.all}
            options={facet.options}
            errors={errors}
          />
        ))}
        <TextInput
          ctx={ctx}
          name="speaker"
          label={t("forum.programme.speaker")}
          value={filters.speaker}
          maxLength={FILTER_LIMITS.speaker}
          errors={errors}
        />
        <TextInput
          ctx={ctx}
          name="tz"
          label={t("forum.programme.tz")}
          hint={t("forum.programme.tzHint")}
          value={view.visitorZone ?? ""}
          maxLength={64}
          errors={errors}
        />
        <div class="actions">
          <button type="submit" class="button">
            {t("forum.programme.apply")}
          </button>
          <a href={`/forum/${edition.year}/programme`}>{t("forum.programme.clear")}</a>
        </div>
      </search>
    </form>
  );
}

function SessionItem({
  ctx,
  session,
  view,
  trackNames,
  linkQuery,
  clock,
}: {
  ctx: PageContext;
  session: ProgrammeSession;
  view: ProgrammeView;
  trackNames: Map<string, string>;
  linkQuery: string;
  clock: (instant: Date) => string;
}) {
  const { t } = ctx;
  const details = [
    t("forum.programme.number", { number: session.number }),
    `${clock(session.startsAt)}–${clock(session.endsAt)}`,
    vocabularyLabel.sessionType(t, session.type),
    session.room ?? vocabularyLabel.sessionMode(t, "remote"),
    session.track ? (trackNames.get(session.track) ?? session.track) : null,
  ].filter((part) => part !== null);
  return (
    <li>
      <a href={`/forum/${view.edition.year}/sessions/${session.number}${linkQuery}`}>{session.title}</a>
      <br />
      <span class="muted">{details.join(" · ")}</span>
    </li>
  );
}

export function ProgrammePage({ ctx, view, reference, errors }: ProgrammeProps) {
  const { t } = ctx;
  const { edition, programme, sessions, visitorZone } = view;
  const zone = edition.timeZone;
  const days = groupByDayAndTime(sessions, zone);
  const trackNames = new Map(view.tracks.map((track) => [track.code, localName(track.names, ctx.lang)]));
  const linkQuery = visitorZone ? `?tz=${encodeURIComponent(visitorZone)}` : "";
  const showVisitor = visitorZone !== null && visitorZone !== zone;
  const clock = clockFormatter(ctx.lang, zone);
  return (
    <Layout
      ctx={ctx}
      title={t("forum.programme.title", { year: edition.year })}
      scripts={[ASSETS.forumLocalTimeJs.url]}
    >
      <h1>{t("forum.programme.title", { year: edition.year })}</h1>
      {programme ? (
        <p class="lead">
          {t("forum.programme.version", {
            version: programme.version,
            date: ctx.formatDate(programme.publishedAt),
          })}{" "}
          {programme.version > 1 ? (
            <a href={`/forum/${edition.year}/changes`}>{t("forum.programme.changesLink")}</a>
          ) : null}
        </p>
      ) : (
        <p class="lead">{t("forum.programme.notPublished")}</p>
      )}
      <ErrorSummary ctx={ctx} errors={errors} />
      <div class="search-layout">
        <FilterForm ctx={ctx} view={view} reference={reference} errors={errors} />
        <div {...localTimeAttributes(ctx, zone, visitorZone)}>
          <ZoneNote
            ctx={ctx}
            timeZone={zone}
            visitorZone={visitorZone}
            sample={sessions[0]?.startsAt ?? new Date()}
          />
          <p role="status">{t("forum.programme.count", { count: sessions.length })}</p>
          {[...days].map(([day, slots]) => (
            <section key={day} aria-labelledby={`day-${day}`}>
              <h2 id={`day-${day}`}>{formatDay(day, ctx.lang)}</h2>
              {slots.map((slot) => (
                <div key={slot.startsAt.getTime()}>
                  <h3 class="programme-slot">
                    <time datetime={slot.startsAt.toISOString()}>
                      {`${clock(slot.startsAt)} ${zoneAbbreviation(slot.startsAt, ctx.lang, zone)}`}
                    </time>
                    {showVisitor ? (
                      <span class="muted">
                        {" · "}
                        {formatVisitorTime(slot.startsAt, ctx.lang, visitorZone)}
                      </span>
                    ) : null}
                  </h3>
                  <ul class="programme-list">
                    {slot.sessions.map((session) => (
                      <SessionItem
                        key={session.id}
                        ctx={ctx}
                        session={session}
                        view={view}
                        trackNames={trackNames}
                        linkQuery={linkQuery}
                        clock={clock}
                      />
                    ))}
                  </ul>
                </div>
              ))}
            </section>
          ))}
          {programme && sessions.length === 0 ? (
            <p>
              {t("forum.programme.noMatch")}{" "}
              {view.filters.q ? (
                <a href={`/forum/${edition.year}/programme${filtersQuery({ ...view.filters, q: "" })}`}>
                  {t("forum.programme.withoutSearch")}
                </a>
              ) : null}
            </p>
          ) : null}
        </div>
      </div>
    </Layout>
  );
}
