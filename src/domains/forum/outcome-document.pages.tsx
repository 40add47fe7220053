import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { TableScroll } from "../taxonomy/taxonomy.pages.tsx";
import { cellSessions, type OutcomeDocument, type OutcomeSession } from "./outcome-document.service.ts";

/**
 * `/forum/:year/outcomes` (the Outcome Document, by Action Line) and `/forum/:year/sdg-matrix` (the
 * edition's WSIS-SDG matrix of sessions: a table of counts, each linking to its sessions).
 */

const sessionHref = (year: number, number: number) => `/forum/${year}/sessions/${number}`;

function PreviewNotice({ ctx, document }: { ctx: PageContext; document: OutcomeDocument }) {
  if (document.published) return null;
  return (
    <div class="notice notice--info">
      <p>
        {ctx.t(
          document.compiled ? "forum.outcomes.document.previewCompiled" : "forum.outcomes.document.preview",
        )}
      </p>
    </div>
  );
}

function SessionOutcome({
  ctx,
  year,
  session,
  headingId,
}: {
  ctx: PageContext;
  year: number;
  session: OutcomeSession;
  headingId: string;
}) {
  return (
    <article aria-labelledby={headingId}>
      <h3 id={headingId}>
        <a href={sessionHref(year, session.number)}>
          {ctx.t("forum.outcomes.sessionLabel", { number: session.number, title: session.title })}
        </a>
      </h3>
      <p class="pre-line" dir="auto">
        {session.keyMessages}
      </p>
      {session.sdgs.length ? (
        <p class="muted">{ctx.t("forum.outcomes.document.sdgs", { list: session.sdgs.join(", ") })}</p>
      ) : null}
    </article>
  );
}

export function OutcomeDocumentPage({ ctx, document }: { ctx: PageContext; document: OutcomeDocument }) {
  const { t } = ctx;
  const title = t("forum.outcomes.document.title", { year: document.year });
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/forum/${document.year}`}>{t("forum.outcomes.backToEdition", { year: document.year })}</a>
      </p>
      <h1>{title}</h1>
      {document.theme ? <p class="lead">{document.theme}</p> : null}
      <PreviewNotice ctx={ctx} document={document} />
      <ul class="inline-list">
        <li>
          <a href={`/forum/${document.year}/sdg-matrix`}>{t("forum.editions.link.sdgMatrix")}</a>
        </li>
        {document.published ? (
          <li>
            <a href={`/forum/${document.year}/outcomes.pdf`} type="application/pdf">
              {t("forum.outcomes.document.pdf")}
            </a>
          </li>
        ) : null}
      </ul>
      <p>{t("forum.outcomes.document.count", { count: document.sessionCount })}</p>
      {document.groups.length ? (
        <nav aria-labelledby="contents">
          <h2 id="contents">{t("forum.outcomes.document.contents")}</h2>
          <ul>
            {document.groups.map((group) => (
              <li key={group.code}>
                <a href={`#al-${group.code}`}>
                  <bdi>{group.code}</bdi> {group.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {document.groups.map((group) => (
        <section key={group.code} aria-labelledby={`al-${group.code}`}>
          <h2 id={`al-${group.code}`}>
            <bdi>{group.code}</bdi> {group.name}
          </h2>
          {group.sessions.map((session) => (
            <SessionOutcome
              key={session.number}
              ctx={ctx}
              year={document.year}
              session={session}
              headingId={`al-${group.code}-s${session.number}`}
            />
          ))}
        </section>
      ))}
      {document.unlinked.length ? (
        <section aria-labelledby="unlinked">
          <h2 id="unlinked">{t("forum.outcomes.document.unlinked")}</h2>
          {document.unlinked.map((session) => (
            <SessionOutcome
              key={session.number}
              ctx={ctx}
              year={document.year}
              session={session}
              headingId={`unlinked-s${session.number}`}
            />
          ))}
        </section>
      ) : null}
    </Layout>
  );
}

export function SdgMatrixPage({
  ctx,
  document,
  selected,
}: {
  ctx: PageContext;
  document: OutcomeDocument;
  /** The cell whose sessions are listed under the table, if one was picked. */
  selected: { code: string; sdg: number } | null;
}) {
  const { t } = ctx;
  const title = t("forum.outcomes.matrix.title", { year: document.year });
  const base = `/forum/${document.year}/sdg-matrix`;
  const count = (code: string, sdg: number) => document.cells.get(code)?.get(sdg)?.length ?? 0;
  const rowTotal = (code: string) =>
    document.groups.find((group) => group.code === code)?.sessions.length ?? 0;
  const picked = selected ? cellSessions(document, selected.code, selected.sdg) : [];
  const pickedLine = selected ? document.actionLines.find((line) => line.code === selected.code) : undefined;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/forum/${document.year}/outcomes`}>{t("forum.outcomes.matrix.back")}</a>
      </p>
      <h1>{title}</h1>
      <PreviewNotice ctx={ctx} document={document} />
      <p>{t("forum.outcomes.matrix.lead")}</p>
      <TableScroll labelledBy="sdg-matrix-caption">
        <table class="matrix">
          <caption id="sdg-matrix-caption">
            {t("forum.outcomes.matrix.caption", { count: document.sessionCount })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("forum.outcomes.matrix.actionLine")}</th>
              {document.sdgs.map((sdg) => (
                <th scope="col" key={sdg.number}>
                  <abbr title={sdg.name}>{t("forum.outcomes.matrix.sdgShort", { number: sdg.number })}</abbr>
                </th>
              ))}
              <th scope="col">{t("forum.outcomes.matrix.sessions")}</th>
            </tr>
          </thead>
          <tbody>
            {document.actionLines.map((line) => (
              <tr key={line.code}>
                <th scope="row">
                  <bdi>{line.code}</bdi> {line.name}
                </th>
                {document.sdgs.map((sdg) => {
                  const n = count(line.code, sdg.number);
                  return (
                    <td key={sdg.number}>
                      {n ? (
                        <a
                          href={`${base}?actionLine=${encodeURIComponent(line.code)}&sdg=${sdg.number}#cell`}
                          aria-label={t("forum.outcomes.matrix.cellLabel", {
                            count: n,
                            actionLine: line.code,
                            sdg: sdg.number,
                          })}
                        >
                          {ctx.formatNumber(n)}
                        </a>
                      ) : (
                        <span class="empty">0</span>
                      )}
                    </td>
                  );
                })}
                <td>{ctx.formatNumber(rowTotal(line.code))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {selected ? (
        <section id="cell" aria-labelledby="cell-title" tabIndex={-1}>
          <h2 id="cell-title">
            {t("forum.outcomes.matrix.cellTitle", {
              actionLine: pickedLine ? `${pickedLine.code} ${pickedLine.name}` : selected.code,
              sdg: selected.sdg,
            })}
          </h2>
          {picked.length === 0 ? (
            <p>{t("forum.outcomes.matrix.cellEmpty")}</p>
          ) : (
            <ul>
              {picked.map((session) => (
                <li key={session.number}>
                  <a href={sessionHref(document.year, session.number)}>
                    {t("forum.outcomes.sessionLabel", { number: session.number, title: session.title })}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </Layout>
  );
}
