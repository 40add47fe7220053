import { CsrfField, Notice } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";

/** The places page's view of a session. */
export interface PlacesSession {
  number: number;
  title: string;
  room: string | null;
  /** When it starts, in the venue's zone. */
  startsAt: string | null;
  capacity: number | null;
  limited: boolean;
  open: boolean;
}

/** `/forum/:year/sessions/:number/places`: join or leave a session with limited places. */
export function PlacesPage({
  ctx,
  year,
  session,
  counts,
  place,
  problem,
}: {
  ctx: PageContext;
  year: number;
  session: PlacesSession;
  counts: { confirmed: number; waitlisted: number };
  place: { status: "confirmed" | "waitlisted"; position: number | null; promoted: boolean } | null;
  problem: string | null;
}) {
  const { t } = ctx;
  const title = t("forum.registration.places.title", { number: session.number });
  const action = `/forum/${year}/sessions/${session.number}/places`;
  const free = session.capacity === null ? 0 : Math.max(0, session.capacity - counts.confirmed);
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/forum/${year}/sessions/${session.number}`}>
          {t("forum.registration.places.backToSession")}
        </a>
      </p>
      <h1>
        {title}: <bdi>{session.title}</bdi>
      </h1>
      {problem ? <Notice kind="error">{problem}</Notice> : null}
      <dl class="fields">
        {session.startsAt ? (
          <>
            <dt>{t("forum.registration.places.when")}</dt>
            <dd>{session.startsAt}</dd>
          </>
        ) : null}
        {session.room ? (
          <>
            <dt>{t("forum.registration.places.room")}</dt>
            <dd>
              <bdi>{session.room}</bdi>
            </dd>
          </>
        ) : null}
        {session.capacity !== null ? (
          <>
            <dt>{t("forum.registration.places.capacity")}</dt>
            <dd>{ctx.formatNumber(session.capacity)}</dd>
            <dt>{t("forum.registration.places.free")}</dt>
            <dd>{ctx.formatNumber(free)}</dd>
            <dt>{t("forum.registration.places.waiting")}</dt>
            <dd>{ctx.formatNumber(counts.waitlisted)}</dd>
          </>
        ) : null}
      </dl>
      {!session.limited ? (
        <Notice>{t("forum.registration.places.notLimited")}</Notice>
      ) : place ? (
        <>
          <p>
            <strong>
              {place.status === "confirmed"
                ? t("forum.registration.places.youHaveSeat")
                : t("forum.registration.places.youWait", { position: place.position ?? 0 })}
            </strong>
          </p>
          <form method="post" action={`${action}/leave`}>
            <CsrfField ctx={ctx} />
            <button type="submit" class="button button--secondary">
              {place.status === "confirmed"
                ? t("forum.registration.places.leaveSeat")
                : t("forum.registration.places.leaveQueue")}
            </button>
          </form>
        </>
      ) : session.open ? (
        <form method="post" action={action} class="stack">
          <CsrfField ctx={ctx} />
          <p>
            {free > 0 ? t("forum.registration.places.joinHint") : t("forum.registration.places.fullHint")}
          </p>
          <div class="actions">
            <button type="submit" class="button">
              {free > 0 ? t("forum.registration.places.join") : t("forum.registration.places.joinQueue")}
            </button>
          </div>
        </form>
      ) : (
        <Notice>{t("forum.registration.places.notOpen")}</Notice>
      )}
    </Layout>
  );
}
