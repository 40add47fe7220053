import type { ComponentChildren } from "preact";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import type { ContestStatus, PresentedPhoto } from "./photos.presenter.ts";

/**
 * How wide the gallery shows a photo: a grid of cells about 18rem wide (the full width of a
 * phone). Browsers pick the rendition from this before any CSS is loaded.
 */
const GALLERY_SIZES = "(max-width: 40rem) 100vw, 20rem";

/** The contest's state in one sentence, with times in the edition's zone (named). */
export function ContestStatusLine({ ctx, status }: { ctx: PageContext; status: ContestStatus }) {
  const { t } = ctx;
  if (status.state === "none") return <p class="state">{t("prizes.photos.status.none")}</p>;
  if (status.state === "open")
    return <p class="state">{t("prizes.photos.status.open", { closes: status.closesAt ?? "" })}</p>;
  if (status.state === "upcoming")
    return <p class="state">{t("prizes.photos.status.upcoming", { opens: status.opensAt ?? "" })}</p>;
  return <p class="state">{t("prizes.photos.status.closed", { closed: status.closesAt ?? "" })}</p>;
}

/** The SDGs a photo shows, as tags. */
export function SdgTags({ ctx, photo }: { ctx: PageContext; photo: PresentedPhoto }) {
  return (
    <ul class="tags" aria-label={ctx.t("prizes.photos.sdgsShown")}>
      {photo.sdgs.map((sdg) => (
        <li class="tag" key={sdg.number}>
          {ctx.t("prizes.photos.sdg", { number: sdg.number, name: sdg.name })}
        </li>
      ))}
    </ul>
  );
}

/** One photo as a figure: the image (alt = caption), then caption, entrant, SDGs and licence. */
export function PhotoFigure({
  ctx,
  photo,
  sizes = GALLERY_SIZES,
  children,
}: {
  ctx: PageContext;
  photo: PresentedPhoto;
  sizes?: string;
  children?: ComponentChildren;
}) {
  const { t } = ctx;
  return (
    <figure class="photo-card">
      <img
        src={photo.url}
        alt={photo.caption}
        width={photo.width}
        height={photo.height}
        loading="lazy"
        decoding="async"
        srcset={photo.srcset ?? undefined}
        sizes={photo.srcset ? sizes : undefined}
      />
      <figcaption class="stack">
        {photo.winnerRank ? (
          <strong class="photo-prize">{t("prizes.photos.rank", { rank: photo.winnerRank })}</strong>
        ) : null}
        <span class="photo-caption">{photo.caption}</span>
        <span class="muted">{t("prizes.photos.by", { name: photo.entrantName })}</span>
        <SdgTags ctx={ctx} photo={photo} />
        <span class="muted">{t("prizes.photos.licenceShown", { licence: photo.licence })}</span>
        {children}
      </figcaption>
    </figure>
  );
}

export interface GalleryProps {
  year: number;
  status: ContestStatus;
  published: boolean;
  photos: PresentedPhoto[];
  /** The reader sits on the jury (a juror, or the secretariat): link to its page. */
  juryLink: boolean;
}

/** The public gallery: the winners once published, then the rest of the shortlist. */
export function GalleryPage({
  ctx,
  year,
  status,
  published,
  photos,
  juryLink,
}: GalleryProps & { ctx: PageContext }) {
  const { t } = ctx;
  const winners = photos.filter((photo) => photo.winnerRank !== null);
  const others = photos.filter((photo) => photo.winnerRank === null);
  const title = t("prizes.photos.gallery.title", { year });
  const links: Array<{ href: string; label: string; primary?: boolean }> = [];
  if (status.state === "open")
    links.push({
      href: `/prizes/${year}/photos/mine`,
      label: t("prizes.photos.gallery.enter"),
      primary: true,
    });
  else if (ctx.actor)
    links.push({ href: `/prizes/${year}/photos/mine`, label: t("prizes.photos.gallery.mine") });
  if (juryLink) links.push({ href: `/prizes/${year}/photos/jury`, label: t("prizes.photos.gallery.jury") });
  return (
    <Layout ctx={ctx} title={title} description={t("prizes.photos.gallery.lead")}>
      <p>
        <a href={`/prizes/${year}`}>{t("prizes.photos.backToEdition", { year })}</a>
      </p>
      <h1>{title}</h1>
      <p class="lead">{t("prizes.photos.gallery.lead")}</p>
      <ContestStatusLine ctx={ctx} status={status} />
      {links.length > 0 ? (
        <ul class="actions photo-links">
          {links.map((link) => (
            <li key={link.href}>
              <a class={link.primary ? "button" : undefined} href={link.href}>
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {published && winners.length > 0 ? (
        <section aria-labelledby="photo-winners" class="stack">
          <h2 id="photo-winners">{t("prizes.photos.gallery.winners")}</h2>
          <ol class="photo-grid">
            {winners.map((photo) => (
              <li key={photo.id}>
                <PhotoFigure ctx={ctx} photo={photo} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section aria-labelledby="photo-shortlist" class="stack">
        <h2 id="photo-shortlist">
          {published ? t("prizes.photos.gallery.otherShortlisted") : t("prizes.photos.gallery.shortlist")}
        </h2>
        {others.length === 0 ? (
          <p class="muted">
            {photos.length === 0 ? t("prizes.photos.gallery.empty") : t("prizes.photos.gallery.noOthers")}
          </p>
        ) : (
          <ul class="photo-grid">
            {others.map((photo) => (
              <li key={photo.id}>
                <PhotoFigure ctx={ctx} photo={photo} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
