import { OPEN_DATA_LICENCE } from "../../config.ts";
import { CsrfField, Notice } from "../../ui/components.tsx";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import { TableScroll } from "../taxonomy/taxonomy.pages.tsx";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { CodeLists, DataDictionary } from "./data-dictionary.pages.tsx";
import { dumpPath } from "./dumps.presenter.ts";
import { DUMPS_KEPT, type DumpsOverview, dumpFileName } from "./dumps.service.ts";

export interface OpenDataPageProps {
  ctx: PageContext;
  overview: DumpsOverview;
  reference: ReferenceData;
  /** Shows the "regenerate now" form (admins). */
  canRegenerate: boolean;
  /** A refused regeneration's message (already running), shown above the form. */
  problem: string | null;
  now: Date;
}

// Preact types `translate` as a boolean; HTML wants "no" (machine translation must not touch a hash).
const NO_TRANSLATE = { translate: "no" } as Record<string, string>;

const UNITS = [
  ["gigabyte", 1024 ** 3],
  ["megabyte", 1024 ** 2],
  ["kilobyte", 1024],
] as const;

/** "12.3 MB" in the reader's language (binary multiples, as file managers show them). */
export function formatBytes(lang: string, bytes: number): string {
  for (const [unit, size] of UNITS)
    if (bytes >= size)
      return new Intl.NumberFormat(lang, { style: "unit", unit, maximumFractionDigits: 1 }).format(
        bytes / size,
      );
  return new Intl.NumberFormat(lang, { style: "unit", unit: "byte", unitDisplay: "long" }).format(bytes);
}

function DumpsTable({ ctx, overview }: { ctx: PageContext; overview: DumpsOverview }) {
  const { t } = ctx;
  if (overview.dumps.length === 0) return <p>{t("openDataPage.dumps.none")}</p>;
  return (
    <TableScroll labelledBy="dumps-caption">
      <table class="dumps">
        <caption id="dumps-caption">{t("openDataPage.dumps.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("openDataPage.dumps.format")}</th>
            <th scope="col">{t("openDataPage.dumps.generated")}</th>
            <th scope="col">{t("openDataPage.dumps.rows")}</th>
            <th scope="col">{t("openDataPage.dumps.size")}</th>
            <th scope="col">{t("openDataPage.dumps.checksum")}</th>
            <th scope="col">{t("openDataPage.dumps.file")}</th>
          </tr>
        </thead>
        <tbody>
          {overview.dumps.map((dump) => {
            const generated = new Date(dump.generated_at);
            return (
              <tr key={dump.id}>
                <th scope="row">{t(`openDataPage.dumps.formatName.${dump.format}`)}</th>
                <td>
                  <time dateTime={generated.toISOString()}>{ctx.formatDateTime(generated)}</time>
                </td>
                <td class="number">{ctx.formatNumber(Number(dump.row_count))}</td>
                <td class="number">{formatBytes(ctx.lang, Number(dump.byte_size))}</td>
                <td>
                  <code class="checksum" dir="ltr" {...NO_TRANSLATE}>
                    {dump.sha256}
                  </code>
                </td>
                <td>
                  <a href={dumpPath(dump)} download="" type="application/gzip" dir="ltr">
                    {dumpFileName(dump)}
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Schedule({ ctx, overview, now }: { ctx: PageContext; overview: DumpsOverview; now: Date }) {
  const { t } = ctx;
  if (overview.running)
    return (
      <Notice>
        {t("openDataPage.dumps.running", { date: ctx.formatDateTime(overview.running.started_at) })}
      </Notice>
    );
  return (
    <p>
      {overview.nextDailyRunAt.getTime() <= now.getTime()
        ? t("openDataPage.dumps.nextRunDue")
        : t("openDataPage.dumps.nextRun", { date: ctx.formatDateTime(overview.nextDailyRunAt) })}
    </p>
  );
}

/** `/open-data`: what the data is, its licence, the full downloads, other ways in, the dictionary. */
export function OpenDataPage({ ctx, overview, reference, canRegenerate, problem, now }: OpenDataPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t("openDataPage.title")} description={t("openDataPage.description")}>
      <h1>{t("openDataPage.title")}</h1>
      <p class="lead">{t("openDataPage.lead")}</p>

      <section aria-labelledby="licence">
        <h2 id="licence">{t("openDataPage.licence.heading")}</h2>
        <p>
          {t("openDataPage.licence.intro")}{" "}
          <a href={OPEN_DATA_LICENCE.url} rel="license" lang="en" dir="ltr">
            {OPEN_DATA_LICENCE.name}
          </a>
        </p>
        <p>{t("openDataPage.licence.summary")}</p>
        <p>
          {t("openDataPage.licence.attribution")}{" "}
          <q class="attribution" lang="en" dir="ltr">
            {OPEN_DATA_LICENCE.attribution}
          </q>
        </p>
      </section>

      <section aria-labelledby="dumps">
        <h2 id="dumps">{t("openDataPage.dumps.heading")}</h2>
        <p>{t("openDataPage.dumps.intro")}</p>
        <Schedule ctx={ctx} overview={overview} now={now} />
        <DumpsTable ctx={ctx} overview={overview} />
        <p class="muted">
          {t("openDataPage.dumps.kept", { count: DUMPS_KEPT })} {t("openDataPage.dumps.verify")}
        </p>
        {canRegenerate ? (
          <section aria-labelledby="regenerate" class="stack">
            <h3 id="regenerate">{t("openDataPage.regenerate.heading")}</h3>
            {problem ? (
              <div role="alert">
                <Notice kind="error">{problem}</Notice>
              </div>
            ) : null}
            <p>{t("openDataPage.regenerate.hint")}</p>
            <form method="post" action="/open-data/regenerate">
              <CsrfField ctx={ctx} />
              <button type="submit" class="button" disabled={overview.running !== null}>
                {t("openDataPage.regenerate.button")}
              </button>
            </form>
          </section>
        ) : null}
      </section>

      <section aria-labelledby="other-ways">
        <h2 id="other-ways">{t("openDataPage.api.heading")}</h2>
        <dl class="link-list">
          <dt>
            <a href="/entries">{t("openDataPage.api.search")}</a>
          </dt>
          <dd>{t("openDataPage.api.searchHint")}</dd>
          <dt>
            <a href="/api/docs#/open-data/exportEntries">
              <code>exportEntries</code>
            </a>
          </dt>
          <dd>{t("openDataPage.api.exportHint")}</dd>
          <dt>
            <a href="/api/v1/open-data/dumps">
              <code>listOpenDataDumps</code>
            </a>
          </dt>
          <dd>{t("openDataPage.api.listHint")}</dd>
          <dt>
            <a href="/api/docs">{t("nav.apiDocs")}</a>
          </dt>
          <dd>{t("openDataPage.api.docsHint")}</dd>
          <dt>
            <a href="/entries/feed.atom" type="application/atom+xml">
              {t("openDataPage.api.feed")}
            </a>
          </dt>
          <dd>{t("openDataPage.api.feedHint")}</dd>
        </dl>
      </section>

      <DataDictionary ctx={ctx} />
      <CodeLists ctx={ctx} reference={reference} />
    </Layout>
  );
}
