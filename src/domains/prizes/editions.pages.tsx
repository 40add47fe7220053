import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { formatFigure, phaseName, ZonedAndUtc, ZonedTime } from "./edition-components.tsx";
import { PastFiguresSection } from "./edition-figures.pages.tsx";
import { EditionsTable, PhaseTimeline } from "./edition-tables.tsx";
import type { EditionDetail, EditionSummary } from "./editions.presenter.ts";

/** The public prize pages: the list of editions and one edition with its timeline and links. */

export function PrizesIndexPage({
  ctx,
  editions,
  canAdminister,
}: {
  ctx: PageContext;
  editions: EditionSummary[];
  canAdminister: boolean;
}) {
  const { t } = ctx;
  const toDate = editions.find((edition) => edition.pastFigures?.toDate);
  return (
    <Layout ctx={ctx} title={t("prizes.editions.index.title")}>
      <h1>{t("prizes.editions.index.title")}</h1>
      <p class="lead">{t("prizes.editions.index.lead")}</p>
      {canAdminister ? (
        <p>
          <a href="/admin/prizes">{t("prizes.editions.admin.link")}</a>
        </p>
      ) : null}
      {toDate?.pastFigures?.toDate ? (
        <section aria-labelledby="to-date">
          <h2 id="to-date">{t("prizes.editions.toDate.title", { year: toDate.year })}</h2>
          <ul class="stats">
            {(["submissions", "winners", "champions"] as const).map((key) => {
              const figure = toDate.pastFigures?.toDate?.[key];
              return figure ? (
                <li key={key}>
                  <strong>{formatFigure(ctx, figure)}</strong> {t(`prizes.editions.toDate.${key}`)}
                </li>
              ) : null;
            })}
          </ul>
        </section>
      ) : null}
      {editions.length === 0 ? (
        <p>{t("prizes.editions.index.none")}</p>
      ) : (
        <EditionsTable ctx={ctx} editions={editions} base="/prizes" figures />
      )}
    </Layout>
  );
}

interface PageLink {
  href: string;
  label: string;
}

/** The other parts' pages, by the phase they belong to (the photo contest runs on its own). */
function phaseLinks(ctx: PageContext, year: number, secretariat: boolean): Record<string, PageLink[]> {
  const { t } = ctx;
  const base = `/prizes/${year}`;
  const staff = (links: PageLink[]) => (secretariat ? links : []);
  return {
    submission: [
      { href: `${base}/submit`, label: t("prizes.editions.link.submit") },
      { href: "/prizes/submissions", label: t("prizes.editions.link.mySubmissions") },
    ],
    review: [{ href: `${base}/review`, label: t("prizes.editions.link.review") }],
    nomination: staff([
      { href: `${base}/secretariat/nominations`, label: t("prizes.editions.link.nominations") },
    ]),
    voting: [
      { href: `${base}/vote`, label: t("prizes.editions.link.vote") },
      { href: "/prizes/my-votes", label: t("prizes.editions.link.myVotes") },
    ],
    evaluation: staff([
      { href: `${base}/secretariat/votes`, label: t("prizes.editions.link.secretariatVotes") },
      { href: `${base}/secretariat/results`, label: t("prizes.editions.link.secretariatResults") },
    ]),
    results: [
      { href: `${base}/results`, label: t("prizes.editions.link.results") },
      { href: `${base}/statistics`, label: t("prizes.editions.link.statistics") },
    ],
  };
}

function PhaseLinks({ links }: { links: PageLink[] }) {
  return links.length ? (
    <ul class="inline-list">
      {links.map((link) => (
        <li key={link.href}>
          <a href={link.href}>{link.label}</a>
        </li>
      ))}
    </ul>
  ) : null;
}

export function EditionPage({
  ctx,
  edition,
  canAdminister,
  isSecretariat,
}: {
  ctx: PageContext;
  edition: EditionDetail;
  canAdminister: boolean;
  isSecretariat: boolean;
}) {
  const { t } = ctx;
  const title = t("prizes.editions.edition.title", { year: edition.year });
  const links = phaseLinks(ctx, edition.year, isSecretariat);
  const open = edition.phases.find((phase) => phase.phase === edition.openPhase);
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href="/prizes">{t("prizes.editions.index.back")}</a>
      </p>
      <h1>{title}</h1>
      {edition.theme ? <p class="lead">{edition.theme}</p> : null}
      {canAdminister ? (
        <p>
          <a href={`/admin/prizes/${edition.year}`}>{t("prizes.editions.admin.manage")}</a>
        </p>
      ) : null}
      {edition.pastFigures ? (
        <PastFiguresSection ctx={ctx} figures={edition.pastFigures} names={edition.shareNames} />
      ) : (
        <>
          <section aria-labelledby="now" class="notice notice--info">
            <h2 id="now">{t("prizes.editions.now.title")}</h2>
            <p>
              {open ? (
                <>
                  {t("prizes.editions.now.open", { phase: phaseName(ctx, open.phase) })}{" "}
                  {t("prizes.editions.now.until")}{" "}
                  <ZonedAndUtc ctx={ctx} at={open.endsAt} zone={edition.timeZone} />
                </>
              ) : (
                t("prizes.editions.now.none")
              )}
            </p>
            {edition.nextPhase ? (
              <p>
                {t("prizes.editions.now.next", { phase: phaseName(ctx, edition.nextPhase.phase) })}{" "}
                <ZonedAndUtc ctx={ctx} at={edition.nextPhase.startsAt} zone={edition.timeZone} />
              </p>
            ) : null}
          </section>
          <section aria-labelledby="timeline">
            <h2 id="timeline">{t("prizes.editions.timeline.title")}</h2>
            <PhaseTimeline
              ctx={ctx}
              edition={edition}
              Time={ZonedTime}
              lastHeading={t("prizes.editions.timeline.pages")}
              lastCell={(phase) => <PhaseLinks links={links[phase.phase] ?? []} />}
            />
          </section>
        </>
      )}
      <EditionBody ctx={ctx} edition={edition} />
    </Layout>
  );
}

/** Categories, criteria, rules, special prizes and the photo contest: what the edition is made of. */
function EditionBody({ ctx, edition }: { ctx: PageContext; edition: EditionDetail }) {
  const { t } = ctx;
  const yesNo = (value: boolean) => t(value ? "prizes.editions.rules.yes" : "prizes.editions.rules.no");
  return (
    <>
      {edition.categories.length ? (
        <section aria-labelledby="categories">
          <h2 id="categories">
            {t("prizes.editions.categories.title", { count: edition.categories.length })}
          </h2>
          <ul>
            {edition.categories.map((category) => (
              <li key={category.code}>
                <bdi>{category.code}</bdi> {category.name}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {edition.criteria.length ? (
        <section aria-labelledby="criteria">
          <h2 id="criteria">{t("prizes.editions.criteria.title")}</h2>
          <table>
            <caption class="muted">{t("prizes.editions.criteria.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("prizes.editions.criteria.name")}</th>
                <th scope="col">{t("prizes.editions.criteria.weight")}</th>
              </tr>
            </thead>
            <tbody>
              {edition.criteria.map((criterion) => (
                <tr key={criterion.code}>
                  <th scope="row">{criterion.name}</th>
                  <td>{ctx.formatNumber(criterion.weight)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      {edition.pastFigures ? null : (
        <section aria-labelledby="rules">
          <h2 id="rules">{t("prizes.editions.rules.title")}</h2>
          <dl class="fields">
            <dt>{t("prizes.editions.rules.completeVoters")}</dt>
            <dd>{yesNo(edition.rules.votesOnlyFromCompleteVoters)}</dd>
            <dt>{t("prizes.editions.rules.previousWinners")}</dt>
            <dd>{yesNo(edition.rules.previousWinnersExcluded)}</dd>
            <dt>{t("prizes.editions.rules.champions")}</dt>
            <dd>{ctx.formatNumber(edition.rules.championsPerCategory)}</dd>
          </dl>
        </section>
      )}
      {edition.specialPrizes.length ? (
        <section aria-labelledby="special-prizes">
          <h2 id="special-prizes">{t("prizes.editions.special.title")}</h2>
          {edition.specialPrizes.map((prize) => (
            <article key={prize.id} aria-labelledby={`special-${prize.code}`}>
              <h3 id={`special-${prize.code}`}>{prize.name}</h3>
              <p>
                {t("prizes.editions.special.window")}{" "}
                <ZonedTime ctx={ctx} at={prize.startsAt} zone={edition.timeZone} /> –{" "}
                <ZonedTime ctx={ctx} at={prize.endsAt} zone={edition.timeZone} />
              </p>
              {prize.rules ? <p class="pre-line">{prize.rules}</p> : null}
              <dl class="fields">
                <dt>{t("prizes.editions.special.jury")}</dt>
                <dd>{prize.jurors.length ? prize.jurors.map((juror) => juror.name).join(", ") : "—"}</dd>
                <dt>{t("prizes.editions.special.finalists")}</dt>
                <dd>
                  {prize.finalists.length ? (
                    <ul>
                      {prize.finalists.map((finalist) => (
                        <li key={finalist}>{finalist}</li>
                      ))}
                    </ul>
                  ) : (
                    "—"
                  )}
                </dd>
                <dt>{t("prizes.editions.special.winner")}</dt>
                <dd>{prize.winner ?? t("prizes.editions.special.noWinner")}</dd>
              </dl>
            </article>
          ))}
        </section>
      ) : null}
      {edition.pastFigures ? null : (
        <p>
          <a href={`/prizes/${edition.year}/photos`}>{t("prizes.editions.link.photos")}</a>
        </p>
      )}
    </>
  );
}
