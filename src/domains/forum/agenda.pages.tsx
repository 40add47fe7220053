import { ASSETS } from "../../ui/assets.ts";
import { CsrfField, Notice } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { AgendaItem } from "./agenda.service.ts";
import { localTimeAttributes } from "./programme.pages.tsx";
import { dayInZone, formatDay, formatSlot } from "./programme-time.ts";

/**
 * The personal agenda: starred sessions by day with a clash warning beside each session that
 * overlaps another starred one, unstar buttons, and the iCal feed addresses (create, revoke).
 */

export interface IcalFeedRow {
  id: string;
  created_at: Date | string;
  revoked_at: Date | string | null;
  last_used_at: Date | string | null;
}

function UnstarForm({ ctx, item }: { ctx: PageContext; item: AgendaItem }) {
  return (
    <form method="post" action={`/forum/${item.year}/sessions/${item.number}/unstar`}>
      <CsrfField ctx={ctx} />
      <input type="hidden" name="return" value="agenda" />
      <button type="submit" class="link-button">
        {ctx.t("forum.programme.agenda.unstar", { number: item.number })}
      </button>
    </form>
  );
}

type Scheduled = AgendaItem & { session: NonNullable<AgendaItem["session"]> };

function AgendaEntry({ ctx, item }: { ctx: PageContext; item: Scheduled }) {
  const { t } = ctx;
  const { session } = item;
  return (
    <li>
      <a href={`/forum/${item.year}/sessions/${item.number}`}>{item.title}</a>
      <br />
      <time datetime={session.startsAt.toISOString()}>
        {formatSlot(session.startsAt, session.endsAt, ctx.lang, item.timeZone)}
      </time>
      <span class="muted">
        {" · "}
        {t("forum.programme.number", { number: item.number })}
        {" · "}
        {session.room ?? t("forum.programme.noRoom")}
      </span>
      {item.clashesWith.length > 0 ? (
        <p class="forum-clash">
          <strong>{t("forum.programme.agenda.clash")}</strong>{" "}
          {item.clashesWith.map((other, index) => (
            <span key={`${other.year}-${other.number}`}>
              {index > 0 ? ", " : null}
              <a href={`/forum/${other.year}/sessions/${other.number}`}>
                {t("forum.programme.sessionTitle", { number: other.number, title: other.title })}
              </a>
            </span>
          ))}
        </p>
      ) : null}
      <UnstarForm ctx={ctx} item={item} />
    </li>
  );
}

function IcalSection({
  ctx,
  feeds,
  createdUrl,
}: {
  ctx: PageContext;
  feeds: IcalFeedRow[];
  createdUrl: string | null;
}) {
  const { t } = ctx;
  return (
    <section aria-labelledby="ical-heading">
      <h2 id="ical-heading">{t("forum.programme.ical.heading")}</h2>
      <p>{t("forum.programme.ical.intro")}</p>
      {createdUrl ? (
        <Notice kind="ok">
          <p>{t("forum.programme.ical.created")}</p>
          <div class="field">
            <label for="ical-url">{t("forum.programme.ical.address")}</label>
            <input id="ical-url" type="text" readOnly value={createdUrl} />
          </div>
        </Notice>
      ) : null}
      <form method="post" action="/forum/my-agenda/ical">
        <CsrfField ctx={ctx} />
        <button type="submit" class="button">
          {t("forum.programme.ical.create")}
        </button>
      </form>
      {feeds.length > 0 ? (
        <div class="table-scroll">
          <table>
            <caption>{t("forum.programme.ical.tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("forum.programme.ical.createdAt")}</th>
                <th scope="col">{t("forum.programme.ical.lastUsed")}</th>
                <th scope="col">{t("forum.programme.ical.status")}</th>
              </tr>
            </thead>
            <tbody>
              {feeds.map((feed) => (
                <tr key={feed.id}>
                  <td>{ctx.formatDateTime(feed.created_at)}</td>
                  <td>
                    {feed.last_used_at
                      ? ctx.formatDateTime(feed.last_used_at)
                      : t("forum.programme.ical.never")}
                  </td>
                  <td>
                    {feed.revoked_at ? (
                      t("forum.programme.ical.revokedOn", { date: ctx.formatDateTime(feed.revoked_at) })
                    ) : (
                      <form method="post" action={`/forum/my-agenda/ical/${feed.id}/revoke`}>
                        <CsrfField ctx={ctx} />
                        <button type="submit" class="button button--danger">
                          {t("forum.programme.ical.revoke")}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function AgendaPage({
  ctx,
  items,
  feeds,
  createdUrl = null,
}: {
  ctx: PageContext;
  items: AgendaItem[];
  feeds: IcalFeedRow[];
  createdUrl?: string | null;
}) {
  const { t } = ctx;
  const scheduled = items.filter((item): item is Scheduled => item.session !== null);
  const gone = items.filter((item) => item.session === null);
  const clashes = scheduled.filter((item) => item.clashesWith.length > 0).length;
  // Venue days, in order; an agenda may hold sessions of more than one edition.
  const days = new Map<string, { year: number; day: string; timeZone: string; items: Scheduled[] }>();
  for (const item of scheduled) {
    const day = dayInZone(item.session.startsAt, item.timeZone);
    const key = `${item.year}-${day}`;
    const group = days.get(key) ?? { year: item.year, day, timeZone: item.timeZone, items: [] };
    group.items.push(item);
    days.set(key, group);
  }
  return (
    <Layout ctx={ctx} title={t("forum.programme.agenda.title")} scripts={[ASSETS.forumLocalTimeJs.url]}>
      <h1>{t("forum.programme.agenda.title")}</h1>
      {items.length === 0 ? <p class="lead">{t("forum.programme.agenda.empty")}</p> : null}
      {clashes > 0 ? (
        <Notice kind="error">
          <p>{t("forum.programme.agenda.clashCount", { count: clashes })}</p>
        </Notice>
      ) : null}
      {[...days.values()].map((group) => (
        <section
          key={`${group.year}-${group.day}`}
          aria-labelledby={`agenda-${group.year}-${group.day}`}
          {...localTimeAttributes(ctx, group.timeZone, null)}
        >
          <h2 id={`agenda-${group.year}-${group.day}`}>
            {t("forum.programme.agenda.day", { year: group.year, day: formatDay(group.day, ctx.lang) })}
          </h2>
          <p class="muted">{t("forum.programme.changes.zone", { zone: group.timeZone })}</p>
          <ul class="results">
            {group.items.map((item) => (
              <AgendaEntry key={item.sessionId} ctx={ctx} item={item} />
            ))}
          </ul>
        </section>
      ))}
      {gone.length > 0 ? (
        <section aria-labelledby="agenda-gone">
          <h2 id="agenda-gone">{t("forum.programme.agenda.gone")}</h2>
          <ul class="results">
            {gone.map((item) => (
              <li key={item.sessionId}>
                {t("forum.programme.sessionTitle", { number: item.number, title: item.title })}
                <UnstarForm ctx={ctx} item={item} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <IcalSection ctx={ctx} feeds={feeds} createdUrl={createdUrl} />
    </Layout>
  );
}
