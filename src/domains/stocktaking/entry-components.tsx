import type { ComponentChildren } from "preact";
import type { EntryState } from "../../db/schema.ts";
import type { PageContext } from "../../ui/page-context.ts";
import type { EntryContent, Labels, Named } from "./entries.presenter.ts";
import { valueLabel } from "./entries.presenter.ts";
import type { DecisionRecord } from "./entries.repo.ts";
import { isValidWebsite } from "./entry-validation.ts";
import type { FieldChange } from "./revisions.diff.ts";

/** A link to the search page filtered by one value (the search engineer's URL parameters). */
export const searchHref = (param: string, value: string | number): string =>
  `/entries?${new URLSearchParams({ [param]: String(value) }).toString()}`;

export function StateBadge({ ctx, state }: { ctx: PageContext; state: EntryState }) {
  return <span class={`state state--${state}`}>{ctx.t(`entries.state.${state}`)}</span>;
}

function TagLinks({ items }: { items: Array<{ href: string; label: string }> }) {
  return (
    <ul class="tags">
      {items.map((item) => (
        <li key={item.href}>
          <a class="tag" href={item.href}>
            {item.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

const codeLinks = (items: Named[], param: string, prefix = false) =>
  items.map((item) => ({
    href: searchHref(param, item.code),
    label: prefix ? `${item.code} ${item.name}` : item.name,
  }));

/**
 * Every field of one revision, with the classified values linking back to the matching search.
 * Text is rendered as typed; Preact escapes it, so markup in a title shows as text.
 */
export function EntryFieldList({
  ctx,
  content,
  description = { text: content.description },
  showTranslations = false,
}: {
  ctx: PageContext;
  content: EntryContent;
  /** The description shown, when it is a translation (and its language when not the page's). */
  description?: { text: string; lang?: string | undefined };
  /** Every translation in full, for those who screen them. */
  showTranslations?: boolean;
}) {
  const { t } = ctx;
  const none = <span class="muted">{t("entries.none")}</span>;
  const year = content.startDate ? Number(content.startDate.slice(0, 4)) : null;
  return (
    <dl class="fields">
      <Row label={t("entries.field.description")}>
        {description.text ? (
          <p class="entry-description" dir="auto" lang={description.lang}>
            {description.text}
          </p>
        ) : (
          none
        )}
      </Row>
      <Row label={t("entries.field.organisationName")}>
        {content.organisationName ? <bdi>{content.organisationName}</bdi> : none}
      </Row>
      <Row label={t("entries.field.stakeholderType")}>
        {content.stakeholderType ? (
          <a href={searchHref("stakeholderType", content.stakeholderType.code)}>
            {content.stakeholderType.name}
          </a>
        ) : (
          none
        )}
      </Row>
      <Row label={t("entries.field.coverage")}>{content.coverage?.name ?? none}</Row>
      <Row label={t("entries.field.countries")}>
        {content.countries.length ? <TagLinks items={codeLinks(content.countries, "country")} /> : none}
      </Row>
      <Row label={t("entries.field.regions")}>
        {content.regions.length ? <TagLinks items={codeLinks(content.regions, "region")} /> : none}
      </Row>
      <Row label={t("entries.field.actionLines")}>
        {content.actionLines.length ? (
          <TagLinks items={codeLinks(content.actionLines, "actionLine", true)} />
        ) : (
          none
        )}
      </Row>
      <Row label={t("entries.field.sdgs")}>
        {content.sdgs.length ? (
          <TagLinks
            items={content.sdgs.map((sdg) => ({
              href: searchHref("sdg", sdg.number),
              label: t("entries.sdgLabel", { number: sdg.number, name: sdg.name }),
            }))}
          />
        ) : (
          none
        )}
      </Row>
      <Row label={t("entries.field.targetGroups")}>
        {content.targetGroups.length ? (
          <TagLinks items={codeLinks(content.targetGroups, "targetGroup")} />
        ) : (
          none
        )}
      </Row>
      <Row label={t("entries.field.projectStatus")}>
        {content.projectStatus ? (
          <a href={searchHref("status", content.projectStatus.code)}>{content.projectStatus.name}</a>
        ) : (
          none
        )}
      </Row>
      <Row label={t("entries.field.startDate")}>
        {content.startDate && year ? (
          <>
            {ctx.formatDate(content.startDate)} (
            <a href={searchHref("year", year)}>{t("entries.moreFromYear", { year: String(year) })}</a>)
          </>
        ) : (
          none
        )}
      </Row>
      <Row label={t("entries.field.endDate")}>{content.endDate ? ctx.formatDate(content.endDate) : none}</Row>
      <Row label={t("entries.field.language")}>{content.language?.name ?? none}</Row>
      <Row label={t("entries.field.website")}>
        {content.website && isValidWebsite(content.website) ? (
          <a href={content.website} rel="nofollow noopener noreferrer">
            {content.website}
          </a>
        ) : (
          (content.website ?? none)
        )}
      </Row>
      <Row label={t("entries.field.contactName")}>{content.contactName ?? none}</Row>
      {showTranslations ? (
        <Row label={t("entries.field.translations")}>
          {content.translations.length ? <TranslationList translations={content.translations} /> : none}
        </Row>
      ) : null}
      <Row label={t("entries.field.contactEmail")}>
        {content.contactEmail ? <a href={`mailto:${content.contactEmail}`}>{content.contactEmail}</a> : none}
      </Row>
    </dl>
  );
}

/** Translations as their readers would see them, each marked with its language. */
function TranslationList({ translations }: { translations: EntryContent["translations"] }) {
  return (
    <ul class="stack translation-list">
      {translations.map((item) => (
        <li key={item.language.code}>
          <strong>{item.language.name}</strong>
          <p dir="auto" lang={item.language.code}>
            <bdi>{item.title}</bdi>
          </p>
          <p class="entry-description" dir="auto" lang={item.language.code}>
            {item.description}
          </p>
        </li>
      ))}
    </ul>
  );
}

function Removed({ ctx, children }: { ctx: PageContext; children: ComponentChildren }) {
  return (
    <del class="diff-old">
      <span class="diff-marker">{ctx.t("entries.diff.removed")}</span> {children}
    </del>
  );
}

function Added({ ctx, children }: { ctx: PageContext; children: ComponentChildren }) {
  return (
    <ins class="diff-new">
      <span class="diff-marker">{ctx.t("entries.diff.added")}</span> {children}
    </ins>
  );
}

function ItemList({
  ctx,
  items,
  field,
  labels,
  kind,
}: {
  ctx: PageContext;
  items: Array<string | number>;
  field: FieldChange["field"];
  labels: Labels;
  kind: "removed" | "added";
}) {
  if (items.length === 0) return <span class="muted">{ctx.t("entries.none")}</span>;
  const Mark = kind === "removed" ? Removed : Added;
  return (
    <ul class="diff-list">
      {items.map((item) => (
        <li key={String(item)}>
          <Mark ctx={ctx}>{valueLabel(field, item, labels)}</Mark>
        </li>
      ))}
    </ul>
  );
}

/**
 * A field-by-field diff as a table: field, before, after. Removed and added values carry the
 * words "removed" / "added" as well as colour and strike-through, so colour is not the only signal.
 */
export function DiffTable({
  ctx,
  changes,
  labels,
  caption,
}: {
  ctx: PageContext;
  changes: FieldChange[];
  labels: Labels;
  caption: string;
}) {
  const { t } = ctx;
  if (changes.length === 0) return <p class="muted">{t("entries.diff.none")}</p>;
  return (
    <div class="table-scroll">
      <table class="diff">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("entries.diff.field")}</th>
            <th scope="col">{t("entries.diff.before")}</th>
            <th scope="col">{t("entries.diff.after")}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.field}>
              <th scope="row">{t(`entries.field.${change.field}`)}</th>
              {change.kind === "value" ? (
                <>
                  <td>
                    {change.before === null ? (
                      <span class="muted">{t("entries.none")}</span>
                    ) : (
                      <Removed ctx={ctx}>{valueLabel(change.field, change.before, labels)}</Removed>
                    )}
                  </td>
                  <td>
                    {change.after === null ? (
                      <span class="muted">{t("entries.none")}</span>
                    ) : (
                      <Added ctx={ctx}>{valueLabel(change.field, change.after, labels)}</Added>
                    )}
                  </td>
                </>
              ) : (
                <>
                  <td>
                    <ItemList
                      ctx={ctx}
                      items={change.removed}
                      field={change.field}
                      labels={labels}
                      kind="removed"
                    />
                  </td>
                  <td>
                    <ItemList
                      ctx={ctx}
                      items={change.added}
                      field={change.field}
                      labels={labels}
                      kind="added"
                    />
                    {change.kept.length > 0 ? (
                      <p class="muted">
                        {t("entries.diff.kept", {
                          items: change.kept.map((item) => valueLabel(change.field, item, labels)).join(", "),
                        })}
                      </p>
                    ) : null}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Past moderation decisions, oldest first, with the comment each carried. */
export function DecisionList({ ctx, decisions }: { ctx: PageContext; decisions: DecisionRecord[] }) {
  if (decisions.length === 0) return <p class="muted">{ctx.t("entries.decisions.none")}</p>;
  return (
    <ol class="decisions stack">
      {decisions.map((decision) => (
        <li key={decision.id}>
          <p>
            <strong>{ctx.t(`entries.decision.${decision.decision}`)}</strong>{" "}
            {ctx.t("entries.decisions.meta", {
              revision: decision.revision_number,
              moderator: decision.moderator_name,
              date: ctx.formatDateTime(decision.created_at),
            })}
          </p>
          {decision.comment ? (
            <blockquote class="decision-comment" dir="auto">
              {decision.comment}
            </blockquote>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
