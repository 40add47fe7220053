import { ASSETS } from "../../ui/assets.ts";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import {
  EditionDays,
  EditionsTable,
  formatForumFigure,
  ocpPhaseName,
  RecordedFact,
  recordedColumn,
  VenueTime,
} from "./edition-components.tsx";
import type { ForumEditionDetail, ForumEditionSummary } from "./edition-read.service.ts";
import { PARTICIPATION_KINDS, type PastForumFigures } from "./past-forums.ts";
import { localTimeAttributes } from "./programme.pages.tsx";

/** The public Forum pages: the editions (running and upcoming first, then past) and one edition. */

const editionTitle = (ctx: PageContext, year: number) => ctx.t("forum.editions.edition.title", { year });

export function ForumIndexPage({
  ctx,
  editions,
  canAdminister,
}: {
  ctx: PageContext;
  editions: ForumEditionSummary[];
  canAdminister: boolean;
}) {
  const { t } = ctx;
  const ahead = editions.filter((edition) => edition.timing !== "past");
  const past = editions.filter((edition) => edition.timing === "past");
  return (
    <Layout ctx={ctx} title={t("forum.editions.index.title")}>
      <h1>{t("forum.editions.index.title")}</h1>
      <p class="lead">{t("forum.editions.index.lead")}</p>
      <ul class="inline-list">
        <li>
          <a href="/forum/history">{t("forum.editions.link.history")}</a>
        </li>
        {canAdminister ? (
          <li>
            <a href="/admin/forum">{t("forum.editions.admin.link")}</a>
          </li>
        ) : null}
      </ul>
      <section aria-labelledby="ahead">
        <h2 id="ahead">{t("forum.editions.index.ahead")}</h2>
        {ahead.length === 0 ? (
          <p>{t("forum.editions.index.noneAhead")}</p>
        ) : (
          ahead.map((edition) => (
            <article key={edition.year} aria-labelledby={`edition-${edition.year}`}>
              <h3 id={`edition-${edition.year}`}>
                <a href={`/forum/${edition.year}`}>{editionTitle(ctx, edition.year)}</a>{" "}
                {edition.timing === "current" ? (
                  <span class="state">{t("forum.editions.timing.current")}</span>
                ) : null}
              </h3>
              {edition.theme ? <p>{edition.theme}</p> : null}
              <p>
                <EditionDays ctx={ctx} edition={edition} />
                {edition.city ? ` · ${edition.city}` : ""}
              </p>
              {edition.openOcpPhase ? (
                <p>{t("forum.editions.ocp.openNow", { phase: ocpPhaseName(ctx, edition.openOcpPhase) })}</p>
              ) : null}
            </article>
          ))
        )}
      </section>
      <section aria-labelledby="past">
        <h2 id="past">{t("forum.editions.index.past")}</h2>
        {past.length === 0 ? (
          <p>{t("forum.editions.index.nonePast")}</p>
        ) : (
          <EditionsTable
            ctx={ctx}
            caption={t("forum.editions.index.pastCaption")}
            editions={past}
            href={(year) => `/forum/${year}`}
            columns={[
              recordedColumn(ctx, "theme"),
              recordedColumn(ctx, "chair"),
              {
                header: t("forum.history.participants"),
                cell: (edition) =>
                  edition.pastFigures ? <ParticipantsText ctx={ctx} figures={edition.pastFigures} /> : "—",
              },
            ]}
          />
        )}
      </section>
    </Layout>
  );
}

/** "1,150 onsite + 1,000 remote", "15,000+ virtual", "4,000+": participants as the source splits them. */
export function participantsText(ctx: PageContext, figures: PastForumFigures): string {
  const parts = PARTICIPATION_KINDS.flatMap((kind) => {
    const figure = figures.participants[kind];
    if (!figure) return [];
    const value = formatForumFigure(ctx, figure);
    return [kind === "total" ? value : ctx.t(`forum.history.amount.${kind}`, { value })];
  });
  return parts.length ? parts.join(" + ") : ctx.t("forum.editions.notRecorded");
}

function ParticipantsText({ ctx, figures }: { ctx: PageContext; figures: PastForumFigures }) {
  return <>{participantsText(ctx, figures)}</>;
}

interface PageLink {
  href: string;
  label: string;
}

function editionLinks(ctx: PageContext, edition: ForumEditionDetail, isSecretariat: boolean): PageLink[] {
  const { t } = ctx;
  const base = `/forum/${edition.year}`;
  const links: PageLink[] = [
    { href: `${base}/programme`, label: t("forum.editions.link.programme") },
    { href: `${base}/register`, label: t("forum.editions.link.register") },
    { href: `${base}/ocp`, label: t("forum.editions.link.ocp") },
  ];
  if (edition.outcomesPublished || isSecretariat)
    links.push(
      { href: `${base}/outcomes`, label: t("forum.editions.link.outcomes") },
      { href: `${base}/sdg-matrix`, label: t("forum.editions.link.sdgMatrix") },
    );
  if (isSecretariat)
    links.push({ href: `${base}/secretariat/outcomes`, label: t("forum.editions.link.secretariatOutcomes") });
  return links;
}

export function ForumEditionPage({
  ctx,
  edition,
  canAdminister,
  isSecretariat,
  myOutcomes,
  visitorZone = null,
}: {
  ctx: PageContext;
  edition: ForumEditionDetail;
  canAdminister: boolean;
  isSecretariat: boolean;
  /** A zone the visitor picked with `?tz=`: times are shown in it too. */
  visitorZone?: string | null;
  /** The signed-in organiser's ended sessions, for their outcome forms. */
  myOutcomes: Array<{ number: number; title: string; status: "none" | "draft" | "submitted" }>;
}) {
  const { t } = ctx;
  const title = editionTitle(ctx, edition.year);
  const past = edition.pastFigures;
  return (
    // The venue's times get the visitor's own beside them (forum-local-time.js, F4's script).
    <Layout ctx={ctx} title={title} scripts={past ? [] : [ASSETS.forumLocalTimeJs.url]}>
      <p>
        <a href="/forum">{t("forum.editions.index.back")}</a>
      </p>
      <h1>{title}</h1>
      {edition.theme ? <p class="lead">{edition.theme}</p> : null}
      {canAdminister ? (
        <p>
          <a href={`/admin/forum/${edition.year}`}>{t("forum.editions.admin.manage")}</a>
        </p>
      ) : null}
      <dl class="fields">
        <RecordedFact ctx={ctx} term={t("forum.editions.field.theme")} value={edition.theme} />
        <dt>{t("forum.editions.field.dates")}</dt>
        <dd>
          <EditionDays ctx={ctx} edition={edition} />
          {edition.datesRecorded ? (
            <span class="muted"> {t("forum.editions.venueZone", { zone: edition.timeZone })}</span>
          ) : null}
        </dd>
        <RecordedFact
          ctx={ctx}
          term={t("forum.editions.field.venue")}
          value={[edition.venue, edition.city].filter(Boolean).join(", ")}
        />
        <RecordedFact ctx={ctx} term={t("forum.editions.field.chair")} value={edition.chair} />
        {past ? (
          <>
            <dt>{t("forum.history.participants")}</dt>
            <dd>{participantsText(ctx, past)}</dd>
            {past.countries ? (
              <>
                <dt>{t("forum.history.countries")}</dt>
                <dd>{formatForumFigure(ctx, past.countries)}</dd>
              </>
            ) : null}
            {past.sessions ? (
              <>
                <dt>{t("forum.history.sessions")}</dt>
                <dd>{formatForumFigure(ctx, past.sessions)}</dd>
              </>
            ) : null}
          </>
        ) : null}
      </dl>
      {past ? (
        <p>
          <a href="/forum/history">{t("forum.editions.link.history")}</a>
        </p>
      ) : (
        <LiveEditionSections
          ctx={ctx}
          edition={edition}
          isSecretariat={isSecretariat}
          myOutcomes={myOutcomes}
          visitorZone={visitorZone}
        />
      )}
    </Layout>
  );
}

function LiveEditionSections({
  ctx,
  edition,
  isSecretariat,
  myOutcomes,
  visitorZone,
}: {
  ctx: PageContext;
  edition: ForumEditionDetail;
  isSecretariat: boolean;
  myOutcomes: Array<{ number: number; title: string; status: "none" | "draft" | "submitted" }>;
  visitorZone: string | null;
}) {
  const { t } = ctx;
  const zone = edition.timeZone;
  const { registration } = edition;
  return (
    <>
      <nav aria-labelledby="edition-pages">
        <h2 id="edition-pages">{t("forum.editions.pages")}</h2>
        <ul class="inline-list">
          {editionLinks(ctx, edition, isSecretariat).map((link) => (
            <li key={link.href}>
              <a href={link.href}>{link.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="ocp">
        <h2 id="ocp">{t("forum.editions.ocp.title")}</h2>
        {edition.ocp.length === 0 ? (
          <p>{t("forum.editions.ocp.none")}</p>
        ) : (
          <ol class="stack" {...localTimeAttributes(ctx, zone, visitorZone)}>
            {edition.ocp.map((window) => {
              const open = window.phase === edition.openOcpPhase;
              return (
                <li key={window.phase} aria-current={open ? "step" : undefined}>
                  <strong>{ocpPhaseName(ctx, window.phase)}</strong>
                  {open ? <span class="state"> {t("forum.editions.ocp.open")}</span> : null}
                  <br />
                  <VenueTime ctx={ctx} at={window.startsAt} zone={zone} visitorZone={visitorZone} /> –{" "}
                  <VenueTime ctx={ctx} at={window.endsAt} zone={zone} visitorZone={visitorZone} />
                </li>
              );
            })}
          </ol>
        )}
      </section>
      <section aria-labelledby="registration">
        <h2 id="registration">{t("forum.editions.registration.title")}</h2>
        <dl class="fields" {...localTimeAttributes(ctx, zone, visitorZone)}>
          {(
            [
              ["opens", registration.opensAt],
              ["closes", registration.closesAt],
              ["accreditation", registration.accreditationDeadline],
            ] as const
          ).map(([key, at]) => (
            <div key={key}>
              <dt>{t(`forum.editions.registration.${key}`)}</dt>
              <dd>
                {at ? (
                  <VenueTime ctx={ctx} at={at} zone={zone} visitorZone={visitorZone} />
                ) : (
                  t("forum.editions.notSet")
                )}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      {edition.tracks.length ? (
        <section aria-labelledby="tracks">
          <h2 id="tracks">{t("forum.editions.tracks.title")}</h2>
          <ul>
            {edition.tracks.map((track) => (
              <li key={track.code}>{track.name}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {myOutcomes.length ? (
        <section aria-labelledby="my-outcomes">
          <h2 id="my-outcomes">{t("forum.outcomes.mine.title")}</h2>
          <ul>
            {myOutcomes.map((session) => (
              <li key={session.number}>
                <a href={`/forum/${edition.year}/sessions/${session.number}/outcomes`}>
                  {t("forum.outcomes.sessionLabel", { number: session.number, title: session.title })}
                </a>{" "}
                <span class="state">{t(`forum.outcomes.status.${session.status}`)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
