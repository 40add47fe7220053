import { CsrfField, Notice } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { Pagination } from "../../ui/pagination.tsx";
import type { JuryRole } from "./photo-jurors.service.ts";
import { WINNER_RANKS } from "./photo-jury.service.ts";
import { ContestStatusLine, PhotoFigure } from "./photos.pages.tsx";
import type { ContestStatus, PresentedPhoto } from "./photos.presenter.ts";

const JURY_SIZES = "16rem";

/** A photo on the jury's page: who took the decisions standing on it, and whether it is the viewer's. */
export interface JuryPhoto extends PresentedPhoto {
  /** The viewer entered it: they do not judge it. */
  own: boolean;
  shortlistedBy: string | null;
  rankedBy: string | null;
}

export interface JuryPageProps {
  year: number;
  status: ContestStatus;
  judgingOpen: boolean;
  /** When the winners were published (formatted in the edition's zone), or null. */
  publishedAt: string | null;
  /** The viewer is a juror, or the secretariat recording for the jury. */
  role: JuryRole;
  jurors: Array<{ id: string; name: string }>;
  /** The viewer may name and remove jurors (the secretariat). */
  canManageJurors: boolean;
  counts: { photos: number; entrants: number; shortlisted: number };
  winners: JuryPhoto[];
  photos: JuryPhoto[];
  page: number;
  pageCount: number;
  shortlistedOnly: boolean;
}

/** Who took the decisions standing on a photo. */
function DecidedBy({ ctx, photo }: { ctx: PageContext; photo: JuryPhoto }) {
  const { t } = ctx;
  return (
    <>
      {photo.shortlisted && photo.shortlistedBy ? (
        <span class="muted">{t("prizes.photos.jury.shortlistedBy", { name: photo.shortlistedBy })}</span>
      ) : null}
      {photo.winnerRank !== null && photo.rankedBy ? (
        <span class="muted">{t("prizes.photos.jury.rankedBy", { name: photo.rankedBy })}</span>
      ) : null}
    </>
  );
}

/** The jury's members, with the secretariat's link to change them and what acting for them means. */
function JuryMembers({ ctx, year, role, jurors, canManageJurors }: JuryPageProps & { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="jury-members" class="stack">
      <h2 id="jury-members">{t("prizes.photos.jury.members", { count: jurors.length })}</h2>
      {jurors.length === 0 ? (
        <p class="muted">{t("prizes.photos.jury.noJurors")}</p>
      ) : (
        <ul class="tags">
          {jurors.map((juror) => (
            <li class="tag" key={juror.id}>
              <bdi>{juror.name}</bdi>
            </li>
          ))}
        </ul>
      )}
      {role === "secretariat" ? <Notice>{t("prizes.photos.jury.onBehalf")}</Notice> : null}
      {canManageJurors ? (
        <p>
          <a href={`/prizes/${year}/photos/jury/jurors`}>{t("prizes.photos.jury.manageJurors")}</a>
        </p>
      ) : null}
    </section>
  );
}

function Decisions({ ctx, year, photo }: { ctx: PageContext; year: number; photo: JuryPhoto }) {
  const { t } = ctx;
  if (photo.own) return <p class="muted">{t("prizes.photos.jury.ownPhoto")}</p>;
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
  // The secretariat records decisions for a jury, so only once there is one.
  const canDecide =
    judgingOpen && publishedAt === null && (props.role === "juror" || props.jurors.length > 0);
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
      <JuryMembers {...props} />
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
                <PhotoFigure ctx={ctx} photo={photo} sizes={JURY_SIZES}>
                  <DecidedBy ctx={ctx} photo={photo} />
                </PhotoFigure>
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
                  <DecidedBy ctx={ctx} photo={photo} />
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
