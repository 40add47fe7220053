import type { ComponentChildren } from "preact";
import { Layout } from "../../ui/layout.tsx";
import type { PageContext } from "../../ui/page-context.ts";
import {
  type ActionLineView,
  groupActionLines,
  type MatrixView,
  type SdgView,
} from "./taxonomy.presenter.ts";

/** Search links use the parameter names of `searchEntries`, so each one opens a filtered search. */
export const searchHref = (filters: { actionLine?: string; sdg?: number }): string => {
  const query = new URLSearchParams();
  if (filters.actionLine) query.set("actionLine", filters.actionLine);
  if (filters.sdg !== undefined) query.set("sdg", String(filters.sdg));
  return `/entries?${query.toString()}`;
};
const actionLineAnchor = (code: string) => `action-line-${code}`;
const sdgAnchor = (number: number) => `sdg-${number}`;

/**
 * A wide table's horizontal scroll container: focusable so keyboard users can scroll it, and
 * named by the table's caption so screen readers announce what the stop is.
 */
export function TableScroll({ labelledBy, children }: { labelledBy: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a div region is the established scroll-container pattern.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: scrolling by keyboard needs the container focusable.
    <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}

/** The SDG colour as a small square; decorative, the number and name always stand beside it. */
export function SdgSwatch({ colour }: { colour: string }) {
  return (
    <svg class="swatch" aria-hidden="true" focusable="false" viewBox="0 0 16 16" width="16" height="16">
      <rect width="16" height="16" rx="3" fill={colour} />
    </svg>
  );
}

function ActionLineItem({
  ctx,
  line,
  sdgNames,
  level,
}: {
  ctx: PageContext;
  line: ActionLineView;
  sdgNames: ReadonlyMap<number, string>;
  level: 2 | 3;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  const id = actionLineAnchor(line.code);
  return (
    <section class="reference-item" aria-labelledby={id}>
      <Heading id={id}>
        <span class="reference-code">{line.code}</span> {line.name}
      </Heading>
      <dl class="fields">
        <dt>{ctx.t("taxonomy.facilitator")}</dt>
        <dd>{line.facilitator}</dd>
        <dt>{ctx.t("taxonomy.linkedSdgs")}</dt>
        <dd>
          {line.sdgs.length === 0 ? (
            ctx.t("taxonomy.none")
          ) : (
            <ul class="tags">
              {line.sdgs.map((number) => (
                <li key={number}>
                  <a class="tag" href={`/sdgs#${sdgAnchor(number)}`}>
                    {ctx.t("taxonomy.sdgLabel", { number, name: sdgNames.get(number) ?? "" })}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      {line.description ? <p>{line.description}</p> : null}
      <p>
        <a href={searchHref({ actionLine: line.code })}>
          {ctx.t("taxonomy.actionLines.search", { code: line.code })}
        </a>
      </p>
    </section>
  );
}

export function ActionLinesPage({
  ctx,
  lines,
  sdgs,
}: {
  ctx: PageContext;
  lines: ActionLineView[];
  sdgs: SdgView[];
}) {
  const sdgNames = new Map(sdgs.map((sdg) => [sdg.number, sdg.name]));
  const title = ctx.t("taxonomy.actionLines.title");
  return (
    <Layout ctx={ctx} title={title} description={ctx.t("taxonomy.actionLines.lead")}>
      <h1>{title}</h1>
      <p class="lead">{ctx.t("taxonomy.actionLines.lead")}</p>
      {groupActionLines(lines).map((item) =>
        item.kind === "line" ? (
          <ActionLineItem key={item.line.code} ctx={ctx} line={item.line} sdgNames={sdgNames} level={2} />
        ) : (
          <section key={item.code} class="reference-group" aria-labelledby={actionLineAnchor(item.code)}>
            <h2 id={actionLineAnchor(item.code)}>
              <span class="reference-code">{item.code}</span> {ctx.t("taxonomy.actionLines.c7Group")}
            </h2>
            <p>{ctx.t("taxonomy.actionLines.c7Intro", { count: item.lines.length })}</p>
            {item.lines.map((line) => (
              <ActionLineItem key={line.code} ctx={ctx} line={line} sdgNames={sdgNames} level={3} />
            ))}
          </section>
        ),
      )}
    </Layout>
  );
}

export function SdgsPage({ ctx, sdgs }: { ctx: PageContext; sdgs: SdgView[] }) {
  const title = ctx.t("taxonomy.sdgs.title");
  return (
    <Layout ctx={ctx} title={title} description={ctx.t("taxonomy.sdgs.lead")}>
      <h1>{title}</h1>
      <p class="lead">{ctx.t("taxonomy.sdgs.lead")}</p>
      {sdgs.map((sdg) => (
        <section key={sdg.number} class="reference-item" aria-labelledby={sdgAnchor(sdg.number)}>
          <h2 id={sdgAnchor(sdg.number)}>
            <SdgSwatch colour={sdg.colour} />{" "}
            {ctx.t("taxonomy.sdgLabel", { number: sdg.number, name: sdg.name })}
          </h2>
          <dl class="fields">
            <dt>{ctx.t("taxonomy.sdgs.linkedActionLines")}</dt>
            <dd>
              {sdg.actionLines.length === 0 ? (
                ctx.t("taxonomy.none")
              ) : (
                <ul class="tags">
                  {sdg.actionLines.map((code) => (
                    <li key={code}>
                      <a class="tag" href={`/action-lines#${actionLineAnchor(code)}`}>
                        {code}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
          <p>
            <a href={searchHref({ sdg: sdg.number })}>
              {ctx.t("taxonomy.sdgs.search", { number: sdg.number })}
            </a>
          </p>
        </section>
      ))}
    </Layout>
  );
}

function MatrixTable({ ctx, matrix }: { ctx: PageContext; matrix: MatrixView }) {
  const linked = new Set(matrix.links.map((link) => `${link.actionLine}:${link.sdg}`));
  return (
    <TableScroll labelledBy="matrix-caption">
      <table class="matrix">
        <caption id="matrix-caption">
          {ctx.t("taxonomy.matrix.caption", { count: matrix.links.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{ctx.t("taxonomy.matrix.corner")}</th>
            {matrix.sdgs.map((sdg) => (
              <th scope="col" key={sdg.number} title={sdg.name}>
                <span aria-hidden="true">{sdg.number}</span>
                <span class="visually-hidden">
                  {ctx.t("taxonomy.sdgLabel", { number: sdg.number, name: sdg.name })}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.actionLines.map((line) => (
            <tr key={line.code}>
              <th scope="row" title={line.name}>
                {line.code}
                <span class="visually-hidden">: {line.name}</span>
              </th>
              {matrix.sdgs.map((sdg) =>
                linked.has(`${line.code}:${sdg.number}`) ? (
                  <td key={sdg.number}>
                    <a href={searchHref({ actionLine: line.code, sdg: sdg.number })}>
                      <span aria-hidden="true">●</span>
                      <span class="visually-hidden">
                        {ctx.t("taxonomy.matrix.linked", { actionLine: line.code, sdg: sdg.number })}
                      </span>
                    </a>
                  </td>
                ) : (
                  <td key={sdg.number} class="empty">
                    <span class="visually-hidden">
                      {ctx.t("taxonomy.matrix.notLinked", { actionLine: line.code, sdg: sdg.number })}
                    </span>
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function MatrixPage({ ctx, matrix }: { ctx: PageContext; matrix: MatrixView }) {
  const title = ctx.t("taxonomy.matrix.title");
  const sdgNames = new Map(matrix.sdgs.map((sdg) => [sdg.number, sdg.name]));
  return (
    <Layout ctx={ctx} title={title} description={ctx.t("taxonomy.matrix.lead")}>
      <h1>{title}</h1>
      <p class="lead">{ctx.t("taxonomy.matrix.lead")}</p>
      <p>{ctx.t("taxonomy.matrix.legend")}</p>
      <MatrixTable ctx={ctx} matrix={matrix} />
      <p class="muted">{ctx.t("taxonomy.matrix.source")}</p>
      <h2>{ctx.t("taxonomy.matrix.rationales")}</h2>
      <p>{ctx.t("taxonomy.matrix.rationalesLead")}</p>
      {matrix.actionLines.map((line) => {
        const links = matrix.links.filter((link) => link.actionLine === line.code);
        return (
          <details key={line.code} class="rationale">
            <summary>
              {ctx.t("taxonomy.matrix.lineSummary", {
                code: line.code,
                name: line.name,
                count: links.length,
              })}
            </summary>
            {links.length === 0 ? (
              <p>{ctx.t("taxonomy.none")}</p>
            ) : (
              <dl>
                {links.map((link) => (
                  <div key={link.sdg}>
                    <dt>
                      {ctx.t("taxonomy.sdgLabel", { number: link.sdg, name: sdgNames.get(link.sdg) ?? "" })}
                    </dt>
                    <dd>{link.rationale || ctx.t("taxonomy.matrix.noRationale")}</dd>
                  </div>
                ))}
              </dl>
            )}
          </details>
        );
      })}
    </Layout>
  );
}
