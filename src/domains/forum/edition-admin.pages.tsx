import { Fragment } from "preact";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import {
  EditionDays,
  EditionsTable,
  ocpPhaseName,
  RecordedFact,
  recordedColumn,
  VenueTime,
} from "./edition-components.tsx";
import type { ForumEditionDetail, ForumEditionSummary } from "./edition-read.service.ts";

/** `/admin/forum`: the editions; `/admin/forum/:year`: one edition's settings, rooms and tracks. */

export function AdminForumEditionsPage({
  ctx,
  editions,
}: {
  ctx: PageContext;
  editions: ForumEditionSummary[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("forum.editions.admin.title")}>
      <h1>{t("forum.editions.admin.title")}</h1>
      <p>
        <a class="button" href="/admin/forum/new">
          {t("forum.editions.admin.new")}
        </a>
      </p>
      {editions.length === 0 ? (
        <p>{t("forum.editions.index.nonePast")}</p>
      ) : (
        <EditionsTable
          ctx={ctx}
          caption={t("forum.editions.admin.caption")}
          editions={editions}
          href={(year) => `/admin/forum/${year}`}
          columns={[
            recordedColumn(ctx, "theme"),
            {
              header: t("forum.editions.field.dates"),
              cell: (edition) => <EditionDays ctx={ctx} edition={edition} />,
            },
            {
              header: t("forum.editions.admin.kind"),
              cell: (edition) =>
                edition.pastFigures
                  ? t("forum.editions.admin.pastKind")
                  : t(`forum.editions.timing.${edition.timing}`),
            },
          ]}
        />
      )}
    </Layout>
  );
}

export function AdminForumEditionPage({ ctx, edition }: { ctx: PageContext; edition: ForumEditionDetail }) {
  const { t } = ctx;
  const base = `/admin/forum/${edition.year}`;
  const title = t("forum.editions.admin.editionTitle", { year: edition.year });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/admin/forum">{t("forum.editions.admin.back")}</a>
      </p>
      <h1>{title}</h1>
      <ul class="inline-list">
        <li>
          <a class="button" href={`${base}/edit`}>
            {t("forum.editions.admin.edit")}
          </a>
        </li>
        <li>
          <a href={`/forum/${edition.year}`}>{t("forum.editions.admin.public")}</a>
        </li>
      </ul>
      <dl class="fields">
        <RecordedFact ctx={ctx} term={t("forum.editions.field.theme")} value={edition.theme} />
        <dt>{t("forum.editions.field.dates")}</dt>
        <dd>
          <EditionDays ctx={ctx} edition={edition} />
        </dd>
        <dt>{t("forum.editions.field.timeZone")}</dt>
        <dd>{edition.timeZone}</dd>
        <RecordedFact
          ctx={ctx}
          term={t("forum.editions.field.venue")}
          value={[edition.venue, edition.city].filter(Boolean).join(", ")}
        />
        <RecordedFact ctx={ctx} term={t("forum.editions.field.chair")} value={edition.chair} />
        {edition.ocp.map((window) => (
          <Fragment key={window.phase}>
            <dt>{ocpPhaseName(ctx, window.phase)}</dt>
            <dd>
              <VenueTime ctx={ctx} at={window.startsAt} zone={edition.timeZone} /> –{" "}
              <VenueTime ctx={ctx} at={window.endsAt} zone={edition.timeZone} />
            </dd>
          </Fragment>
        ))}
      </dl>
      {edition.pastFigures ? null : (
        <>
          <section aria-labelledby="rooms">
            <h2 id="rooms">{t("forum.editions.rooms.title")}</h2>
            <p>
              <a href={`${base}/rooms/new`}>{t("forum.editions.rooms.add")}</a>
            </p>
            {edition.rooms.length === 0 ? (
              <p>{t("forum.editions.rooms.none")}</p>
            ) : (
              <div class="table-scroll">
                <table>
                  <caption class="muted">
                    {t("forum.editions.rooms.caption", { zone: edition.timeZone })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("forum.editions.rooms.name")}</th>
                      <th scope="col" class="numeric">
                        {t("forum.editions.rooms.capacity")}
                      </th>
                      <th scope="col">{t("forum.editions.rooms.hours")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {edition.rooms.map((room) => (
                      <tr key={room.id}>
                        <th scope="row">
                          <a href={`${base}/rooms/${room.id}`}>{room.name}</a>
                        </th>
                        <td class="numeric">{ctx.formatNumber(room.capacity)}</td>
                        <td>
                          <bdi>
                            {room.opensAt}–{room.closesAt}
                          </bdi>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="tracks">
            <h2 id="tracks">{t("forum.editions.tracks.title")}</h2>
            <p>
              <a href={`${base}/tracks/new`}>{t("forum.editions.tracks.add")}</a>
            </p>
            {edition.tracks.length === 0 ? (
              <p>{t("forum.editions.tracks.none")}</p>
            ) : (
              <ul>
                {edition.tracks.map((track) => (
                  <li key={track.id}>
                    <a href={`${base}/tracks/${track.id}`}>{track.name}</a> <code>{track.code}</code>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </Layout>
  );
}
