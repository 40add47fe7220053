import type { PageContext } from "../../ui/page-context.ts";
import type { PresentedSide } from "./duplicates.presenter.ts";
import type { EntryContent, Named } from "./entries.presenter.ts";
import { StateBadge } from "./entry-components.tsx";
import { ENTRY_FIELDS, type EntryField } from "./entry-fields.ts";
import { diffRevisions } from "./revisions.diff.ts";

/** A pair's two entries, lower id first, with their content in the reader's language. */
export type PairSides = [PresentedSide, PresentedSide];

/** The codes or texts of one field, so two entries' values can be told the same or not. */
function listItems(content: EntryContent, field: EntryField): Array<{ key: string; label: string }> {
  const named = (items: Named[]) => items.map((item) => ({ key: item.code, label: item.name }));
  switch (field) {
    case "countries":
      return named(content.countries);
    case "actionLines":
      return content.actionLines.map((item) => ({ key: item.code, label: `${item.code} ${item.name}` }));
    case "sdgs":
      return content.sdgs.map((item) => ({
        key: String(item.number),
        label: `${item.number}. ${item.name}`,
      }));
    case "targetGroups":
      return named(content.targetGroups);
    case "images":
      return content.images.map((image) => ({ key: image.alt, label: image.alt }));
    case "translations":
      return content.translations.map((item) => ({
        key: `${item.language.code}\u0000${item.title}`,
        label: `${item.language.name}: ${item.title}`,
      }));
    default:
      return [];
  }
}

const LIST_FIELDS: ReadonlySet<EntryField> = new Set([
  "countries",
  "actionLines",
  "sdgs",
  "targetGroups",
  "images",
  "translations",
]);

/** One field of one entry as a table cell; list items the other entry lacks are marked. */
function FieldValue({
  ctx,
  field,
  content,
  other,
}: {
  ctx: PageContext;
  field: EntryField;
  content: EntryContent;
  other: EntryContent;
}) {
  const { t } = ctx;
  const none = <span class="muted">{t("entries.none")}</span>;
  if (LIST_FIELDS.has(field)) {
    const items = listItems(content, field);
    if (items.length === 0) return none;
    const theirs = new Set(listItems(other, field).map((item) => item.key));
    return (
      <ul class="compare-list">
        {items.map((item) => (
          <li key={item.key}>
            {theirs.has(item.key) ? (
              <bdi>{item.label}</bdi>
            ) : (
              <mark class="compare-only">
                <span class="visually-hidden">{t("duplicates.pair.onlyHere")} </span>
                <bdi>{item.label}</bdi>
              </mark>
            )}
          </li>
        ))}
      </ul>
    );
  }
  const text = (value: string | null) => (value ? <bdi>{value}</bdi> : none);
  switch (field) {
    case "title":
      return <strong dir="auto">{content.title || none}</strong>;
    case "description":
      return content.description ? (
        <p class="entry-description" dir="auto">
          {content.description}
        </p>
      ) : (
        none
      );
    case "language":
      return text(content.language?.name ?? null);
    case "organisationName":
      return text(content.organisationName);
    case "stakeholderType":
      return text(content.stakeholderType?.name ?? null);
    case "coverage":
      return text(content.coverage?.name ?? null);
    case "projectStatus":
      return text(content.projectStatus?.name ?? null);
    case "startDate":
      return text(content.startDate ? ctx.formatDate(content.startDate) : null);
    case "endDate":
      return text(content.endDate ? ctx.formatDate(content.endDate) : null);
    case "website":
      return text(content.website);
    case "contactName":
      return text(content.contactName);
    case "contactEmail":
      return text(content.contactEmail);
    default:
      return none;
  }
}

function EntryColumnHeading({ ctx, side }: { ctx: PageContext; side: PresentedSide }) {
  const { entry } = side.view;
  return (
    <>
      <a href={`/entries/${entry.id}`}>{ctx.t("duplicates.pair.entryLink", { id: entry.id })}</a>
      <br />
      <StateBadge ctx={ctx} state={entry.state} />
      <br />
      <span class="muted">
        {ctx.t("duplicates.pair.owner", { name: side.view.ownerName })} ·{" "}
        {ctx.t("entries.history.revision", { number: side.content.revisionNumber })}
      </span>
    </>
  );
}

/**
 * Both entries field by field: a table with a column per entry (headers name them), each row a
 * field whose header says in words whether the two differ, so colour is never the only signal.
 */
export function ComparisonTable({
  ctx,
  pairId,
  sides,
}: {
  ctx: PageContext;
  pairId: string;
  sides: PairSides;
}) {
  const { t } = ctx;
  const [a, b] = sides;
  const differing = new Set(diffRevisions(a.view.revision.data, b.view.revision.data).map((c) => c.field));
  return (
    <div class="table-scroll">
      <table class="compare">
        <caption>{t("duplicates.pair.compareCaption", { id: pairId })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("duplicates.pair.field")}</th>
            <th scope="col">
              <EntryColumnHeading ctx={ctx} side={a} />
            </th>
            <th scope="col">
              <EntryColumnHeading ctx={ctx} side={b} />
            </th>
          </tr>
        </thead>
        <tbody>
          {ENTRY_FIELDS.map((field) => {
            const differs = differing.has(field);
            return (
              <tr key={field} class={differs ? "compare-differs" : undefined}>
                <th scope="row">
                  {t(`entries.field.${field}`)}
                  <br />
                  <span class={differs ? "tag" : "muted"}>
                    {differs ? t("duplicates.pair.differs") : t("duplicates.pair.same")}
                  </span>
                </th>
                <td>
                  <FieldValue ctx={ctx} field={field} content={a.content} other={b.content} />
                </td>
                <td>
                  <FieldValue ctx={ctx} field={field} content={b.content} other={a.content} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
