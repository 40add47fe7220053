import { CsrfField, Notice } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { Pagination } from "../../ui/pagination.tsx";
import { WINNER_RANKS } from "./photo-jury.service.ts";
import { ContestStatusLine, PhotoFigure } from "./photos.pages.tsx";
import type { ContestStatus, PresentedPhoto } from "./photos.presenter.ts";

const JURY_SIZES = "16rem";

export interface JuryPageProps {
  year: number;
  status: ContestStatus;
  judgingOpen: boolean;
  /** When the winners were published (formatted in the edition's zone), or null. */
  publishedAt: string | null;
  counts: { photos: number; entrants: number; shortlisted: number };
  winners: PresentedPhoto[];
  photos: PresentedPhoto[];
  page: number;
  pageCount: number;
  shortlistedOnly: boolean;
}

function Decisions({ ctx, year, photo }: { ctx: PageContext; year: number; photo: PresentedPhoto }) {
  const { t } = ctx;
  const base = `/prizes/${year}/photos/${photo.id}`;
  return (
    <div class="stack">
      <form method="post" action={`${base}/shortlist`} class="inline-form">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="shortlisted" value={photo.shortlisted ? "no" : "yes"} />
        <button type="submit" class={photo.shortlisted ? "secondary" : undefined}>
          {photo.shortlisted
            ? t("prizes.photos.jury.unshortlist", { id: photo.id })
            : t("prizes.photos.jury.shortlist", { id: photo.id })}
        </button>
      </form>
      {photo.shortlisted ? (
        <form method="post" action={`${base}/rank`} class="inline-form">
          <CsrfField ctx={ctx} />
          <label for={`rank-${photo.id}`}>{t("prizes.photos.jury.rankLabel", { id: photo.id })}</label>
          <select id={`rank-${photo.id}`} name="rank">
            <option value="" selected={photo.winnerRank === null}>
              {t("prizes.photos.jury.noRank")}
            </option>
            {WINNER_RANKS.map((rank) => (
              <option key={rank} value={String(rank)} selected={photo.winnerRank === rank}>
                {t("prizes.photos.rank", { rank })}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary">
            {t("prizes.photos.jury.saveRank")}
          </button>
        </form>
      ) : null}
    </div>
  );
}

/** The jury's page: every entry, shortlisting and ranking while judging is open, and the publication. */
export function JuryPage(props: JuryPageProps & { ctx: PageContext }) {
  const { ctx, year, status, judgingOpen, publishedAt, counts, winners, photos } = props;
  const { t } = ctx;
  const canDecide = judgingOpen && publishedAt === null;
  const title = t("prizes.photos.jury.title", { year });
  const listUrl = (page: number, shortlistedOnly = props.shortlistedOnly) =>
    `/prizes/${year}/photos/jury?${new URLSearchParams({
      ...(shortlistedOnly ? { shortlisted: "1" } : {}),
      ...(page > 1 ? { page: String(page) } : {}),
    })}`.replace(/\?$/, "");
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/prizes/${year}/photos`}>{t("prizes.photos.mine.backToGallery", { year })}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">{t("prizes.photos.jury.lead")}</p>
      <ContestStatusLine ctx={ctx} status={status} />
      {ctx.flash ? <Notice kind="ok">{ctx.flash}</Notice> : null}
      <dl class="stats">
        <div>
          <dt>{t("prizes.photos.jury.photos")}</dt>
          <dd>{ctx.formatNumber(counts.photos)}</dd>
        </div>
        <div>
          <dt>{t("prizes.photos.jury.entrants")}</dt>
          <dd>{ctx.formatNumber(counts.entrants)}</dd>
        </div>
        <div>
          <dt>{t("prizes.photos.jury.shortlistedCount")}</dt>
          <dd>{ctx.formatNumber(counts.shortlisted)}</dd>
        </div>
      </dl>
      {publishedAt ? (
        <Notice kind="ok">{t("prizes.photos.jury.published", { at: publishedAt })}</Notice>
      ) : !judgingOpen ? (
        <Notice>{t("prizes.photos.jury.notYet")}</Notice>
      ) : null}
      <section aria-labelledby="jury-winners" class="stack">
        <h2 id="jury-winners">{t("prizes.photos.jury.winners", { count: winners.length })}</h2>
        {winners.length === 0 ? (
          <p class="muted">{t("prizes.photos.jury.noWinners")}</p>
        ) : (
          <ol class="photo-grid photo-grid--small">
            {winners.map((photo) => (
              <li key={photo.id}>
                <PhotoFigure ctx={ctx} photo={photo} sizes={JURY_SIZES} />
              </li>
            ))}
          </ol>
        )}
        {canDecide ? (
          <form method="post" action={`/prizes/${year}/photos/jury/publish`} class="inline-form">
            <CsrfField ctx={ctx} />
            <p class="hint">{t("prizes.photos.jury.publishHint")}</p>
            <button type="submit">{t("prizes.photos.jury.publish")}</button>
          </form>
        ) : null}
      </section>
      <section aria-labelledby="jury-entries" class="stack">
        <h2 id="jury-entries">{t("prizes.photos.jury.entries")}</h2>
        <nav aria-label={t("prizes.photos.jury.filter")}>
          <ul class="actions">
            <li>
              <a href={listUrl(1, false)} aria-current={props.shortlistedOnly ? undefined : "page"}>
                {t("prizes.photos.jury.all")}
              </a>
            </li>
            <li>
              <a href={listUrl(1, true)} aria-current={props.shortlistedOnly ? "page" : undefined}>
                {t("prizes.photos.jury.onlyShortlisted")}
              </a>
            </li>
          </ul>
        </nav>
        {photos.length === 0 ? (
          <p class="muted">{t("prizes.photos.jury.none")}</p>
        ) : (
          <ul class="photo-grid photo-grid--small">
            {photos.map((photo) => (
              <li key={photo.id}>
                <PhotoFigure ctx={ctx} photo={photo} sizes={JURY_SIZES}>
                  <span class="muted">{t("prizes.photos.jury.photoId", { id: photo.id })}</span>
                  {photo.shortlisted ? <span class="tag">{t("prizes.photos.shortlisted")}</span> : null}
                  {canDecide ? <Decisions ctx={ctx} year={year} photo={photo} /> : null}
                </PhotoFigure>
              </li>
            ))}
          </ul>
        )}
        <Pagination
          ctx={ctx}
          page={props.page}
          pageCount={props.pageCount}
          hrefFor={(page) => listUrl(page)}
        />
      </section>
    </Layout>
  );
}
