import { localName } from "../../platform/i18n.ts";
import { ASSETS } from "../../ui/assets.ts";
import { CsrfField } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { SPEAKER_ROLES, vocabularyLabel } from "./forum-vocabulary.ts";
import { localTimeAttributes } from "./programme.pages.tsx";
import type { SessionView } from "./programme.service.ts";
import { dayInZone, formatDay, formatSlot, formatVisitorTime } from "./programme-time.ts";

/**
 * A session of the published programme: the DOMAIN.md fields (number, organisers, date and time
 * with the zone, mode, room, type, documents, description, speakers with roles, Action Lines and
 * SDGs linking to their reference pages) and the star button of the personal agenda.
 */

function StarControl({ ctx, view, starred }: { ctx: PageContext; view: SessionView; starred: boolean }) {
  const { t } = ctx;
  const base = `/forum/${view.edition.year}/sessions/${view.session.number}`;
  if (!ctx.actor)
    return (
      <p>
        <a href={`/sign-in?next=${encodeURIComponent(base)}`}>{t("forum.programme.signInToStar")}</a>
      </p>
    );
  return (
    <form method="post" action={`${base}/${starred ? "unstar" : "star"}`} class="actions">
      <CsrfField ctx={ctx} />
      {starred ? <span class="state">{t("forum.programme.inAgenda")}</span> : null}
      <button type="submit" class={starred ? "button button--secondary" : "button"}>
        {starred ? t("forum.programme.unstar") : t("forum.programme.star")}
      </button>
      <a href="/forum/my-agenda">{t("forum.programme.myAgendaLink")}</a>
    </form>
  );
}

/** A session's places as the public page shows them: only for sessions with limited places. */
export interface SessionPlaces {
  capacity: number;
  confirmed: number;
  waitlisted: number;
  /** The visitor's own place, if any. */
  mine: "confirmed" | "waitlisted" | null;
  /** Places can still be taken (scheduled, not started). */
  open: boolean;
}

/**
 * The places row: what is free now and the way to the places page, worded for what the visitor
 * can do there (book, queue, or see their own place), so nobody has to find it through "my
 * registration".
 */
function PlacesRow({ ctx, href, places }: { ctx: PageContext; href: string; places: SessionPlaces }) {
  const { t } = ctx;
  const free = Math.max(0, places.capacity - places.confirmed);
  const action =
    places.mine !== null
      ? t("forum.programme.places.mine")
      : !places.open
        ? null
        : free > 0
          ? t("forum.registration.places.join")
          : t("forum.registration.places.joinQueue");
  return (
    <>
      <dt>{t("forum.registration.places.capacity")}</dt>
      <dd>
        {t("forum.programme.places.summary", {
          free,
          capacity: places.capacity,
          waiting: places.waitlisted,
        })}
        {action ? (
          <>
            {" "}
            <a href={href}>{action}</a>
          </>
        ) : null}
      </dd>
    </>
  );
}

export function SessionPage({
  ctx,
  view,
  reference,
  starred,
  places,
}: {
  ctx: PageContext;
  view: SessionView;
  reference: ReferenceData;
  starred: boolean;
  places: SessionPlaces | null;
}) {
  const { t } = ctx;
  const { edition, session, visitorZone } = view;
  const zone = edition.timeZone;
  const actionLines = new Map(reference.actionLines.map((line) => [line.code, line]));
  const sdgs = new Map(reference.sdgs.map((sdg) => [sdg.number, sdg]));
  const track = session.track ? view.tracks.find((item) => item.code === session.track) : undefined;
  const speakers = [...session.speakers].sort(
    (a, b) => SPEAKER_ROLES.indexOf(a.role) - SPEAKER_ROLES.indexOf(b.role),
  );
  const title = t("forum.programme.sessionTitle", { number: session.number, title: session.title });
  return (
    <Layout ctx={ctx} title={title} scripts={[ASSETS.forumLocalTimeJs.url]}>
      <p class="muted">
        <a href={`/forum/${edition.year}/programme`}>{t("forum.programme.title", { year: edition.year })}</a>
      </p>
      <h1>{session.title}</h1>
      <StarControl ctx={ctx} view={view} starred={starred} />
      <dl class="fields" {...localTimeAttributes(ctx, zone, visitorZone)}>
        <dt>{t("forum.programme.numberLabel")}</dt>
        <dd>{session.number}</dd>
        <dt>{t("forum.programme.when")}</dt>
        <dd>
          {formatDay(dayInZone(session.startsAt, zone), ctx.lang)},{" "}
          <time datetime={session.startsAt.toISOString()}>
            {formatSlot(session.startsAt, session.endsAt, ctx.lang, zone)}
          </time>
          <span class="muted"> ({zone})</span>
          {visitorZone && visitorZone !== zone ? (
            <>
              <br />
              {t("forum.programme.inZone", {
                zone: visitorZone,
                start: formatVisitorTime(session.startsAt, ctx.lang, visitorZone),
                end: formatVisitorTime(session.endsAt, ctx.lang, visitorZone),
              })}
            </>
          ) : null}
        </dd>
        <dt>{t("forum.programme.mode")}</dt>
        <dd>{vocabularyLabel.sessionMode(t, session.mode)}</dd>
        <dt>{t("forum.programme.room")}</dt>
        <dd>{session.room ?? t("forum.programme.noRoom")}</dd>
        <dt>{t("forum.programme.type")}</dt>
        <dd>{vocabularyLabel.sessionType(t, session.type)}</dd>
        {places ? (
          <PlacesRow
            ctx={ctx}
            href={`/forum/${edition.year}/sessions/${session.number}/places`}
            places={places}
          />
        ) : null}
        {track ? (
          <>
            <dt>{t("forum.programme.track")}</dt>
            <dd>{localName(track.names, ctx.lang)}</dd>
          </>
        ) : null}
        <dt>{t("forum.programme.organisers")}</dt>
        <dd>{view.organisers || t("forum.programme.none")}</dd>
        <dt>{t("forum.programme.actionLines")}</dt>
        <dd>
          {session.actionLines.length === 0 ? t("forum.programme.none") : null}
          <ul class="tags">
            {session.actionLines.map((code) => (
              <li key={code}>
                <a class="tag" href={`/action-lines#action-line-${code}`}>
                  {code} {localName(actionLines.get(code)?.names, ctx.lang)}
                </a>
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t("forum.programme.sdgs")}</dt>
        <dd>
          {session.sdgs.length === 0 ? t("forum.programme.none") : null}
          <ul class="tags">
            {session.sdgs.map((number) => (
              <li key={number}>
                <a class="tag" href={`/sdgs#sdg-${number}`}>
                  {number}. {localName(sdgs.get(number)?.names, ctx.lang)}
                </a>
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <h2>{t("forum.programme.description")}</h2>
      <p class="forum-session-description">{view.description || t("forum.programme.none")}</p>
      <h2>{t("forum.programme.speakers")}</h2>
      {speakers.length === 0 ? (
        <p>{t("forum.programme.noSpeakers")}</p>
      ) : (
        <ul>
          {speakers.map((speaker) => (
            <li key={`${speaker.role}-${speaker.name}`}>
              <bdi>{speaker.name}</bdi>
              {speaker.organisation ? (
                <>
                  {", "}
                  <bdi>{speaker.organisation}</bdi>
                </>
              ) : null}{" "}
              <span class="muted">({vocabularyLabel.speakerRole(t, speaker.role)})</span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("forum.programme.documents")}</h2>
      {view.documents.length === 0 ? (
        <p>{t("forum.programme.noDocuments")}</p>
      ) : (
        <ul>
          {view.documents.map((document) => (
            <li key={document.url}>
              <a href={document.url} rel="noopener nofollow">
                {document.title || document.url}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
