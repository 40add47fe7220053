import { hasMessage, localName } from "../../platform/i18n.ts";
import type { PageContext } from "../../ui/page-context.ts";
import { COVERAGES, ENTRY_LANGUAGES, PROJECT_STATUSES } from "../stocktaking/entry-fields.ts";
import { countryName } from "../taxonomy/country-names.ts";
import { TableScroll } from "../taxonomy/taxonomy.pages.tsx";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { EXPORT_FIELDS, type ExportField } from "./export-fields.ts";

/**
 * The data dictionary and the code lists of `/open-data`, in the reader's language. The fields
 * come from `EXPORT_FIELDS` (what the encoder writes), so the page cannot list a column the files
 * lack; their meanings and types are translated in `open-data-page.json`, with the English text of
 * `export-fields.ts` as the fallback for a field added since (a unit test asks for every one).
 */

export const CODE_LISTS = [
  "languages",
  "stakeholderTypes",
  "coverage",
  "countries",
  "regions",
  "actionLines",
  "sdgs",
  "targetGroups",
  "statuses",
] as const;
export type CodeListId = (typeof CODE_LISTS)[number];

/** The code list each coded field takes its values from. */
export const FIELD_CODE_LISTS: Readonly<Record<string, CodeListId>> = {
  language: "languages",
  stakeholderType: "stakeholderTypes",
  coverage: "coverage",
  countries: "countries",
  regions: "regions",
  actionLines: "actionLines",
  sdgs: "sdgs",
  targetGroups: "targetGroups",
  status: "statuses",
};

/** `EXPORT_FIELDS`' types (English, as the API reference prints them) → catalog keys. */
export const TYPE_KEYS: Readonly<Record<string, string>> = {
  integer: "integer",
  URL: "url",
  text: "text",
  code: "code",
  "list of codes": "codes",
  "list of text": "texts",
  "list of integers": "integers",
  "date-time": "dateTime",
  "list of {language, title, description}": "translations",
};

const TRANSLATION_FIELD = /^translations\.([a-z]{2})\.(title|description)$/;

/** The catalog key of a field's meaning; the per-language translation columns share two. */
export function meaningKey(name: string): string {
  const match = name.match(TRANSLATION_FIELD);
  return match ? `openDataPage.fieldTranslation.${match[2]}` : `openDataPage.field.${name}`;
}

function fieldMeaning(ctx: PageContext, field: ExportField): string {
  const { t } = ctx;
  const match = field.name.match(TRANSLATION_FIELD);
  if (match)
    return t(`openDataPage.fieldTranslation.${match[2]}`, { language: t(`entries.language.${match[1]}`) });
  const key = `openDataPage.field.${field.name}`;
  return hasMessage(key, ctx.lang) ? t(`openDataPage.field.${field.name}`) : field.meaning;
}

function fieldType(ctx: PageContext, field: ExportField): string {
  const key = TYPE_KEYS[field.type];
  return key ? ctx.t(`openDataPage.type.${key}`) : field.type;
}

const codeListAnchor = (id: CodeListId) => `code-list-${id}`;

/** Every field of the files: name, type, the formats that carry it, meaning and code list. */
export function DataDictionary({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="data-dictionary">
      <h2 id="data-dictionary">{t("openDataPage.dictionary.heading")}</h2>
      <p>{t("openDataPage.dictionary.intro")}</p>
      <TableScroll labelledBy="data-dictionary-caption">
        <table class="data-dictionary">
          <caption id="data-dictionary-caption">{t("openDataPage.dictionary.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("openDataPage.dictionary.field")}</th>
              <th scope="col">{t("openDataPage.dictionary.type")}</th>
              <th scope="col">{t("openDataPage.dictionary.formats")}</th>
              <th scope="col">{t("openDataPage.dictionary.meaning")}</th>
            </tr>
          </thead>
          <tbody>
            {EXPORT_FIELDS.map((field) => {
              const list = FIELD_CODE_LISTS[field.name];
              return (
                <tr key={field.name}>
                  <th scope="row">
                    <code dir="ltr">{field.name}</code>
                  </th>
                  <td>{fieldType(ctx, field)}</td>
                  <td>{t(`openDataPage.formats.${field.only ?? "all"}`)}</td>
                  <td>
                    {fieldMeaning(ctx, field)}
                    {list ? (
                      <>
                        {" "}
                        <a href={`#${codeListAnchor(list)}`}>
                          {t("openDataPage.dictionary.codeList", {
                            name: t(`openDataPage.codes.list.${list}`),
                          })}
                        </a>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

interface CodeRow {
  code: string;
  name: string;
  region?: string;
}

/** Each code list's rows, names in the reader's language. */
export function codeListRows(ctx: PageContext, reference: ReferenceData): Record<CodeListId, CodeRow[]> {
  const { t, lang } = ctx;
  const named = (rows: ReadonlyArray<{ code: string; names: Record<string, string> }>) =>
    rows.map((row) => ({ code: row.code, name: localName(row.names, lang) }));
  const regions = new Map(reference.regions.map((row) => [row.code, localName(row.names, lang)]));
  return {
    languages: ENTRY_LANGUAGES.map((code) => ({ code, name: t(`entries.language.${code}`) })),
    stakeholderTypes: named(reference.stakeholderTypes),
    coverage: COVERAGES.map((code) => ({ code, name: t(`entries.coverage.${code}`) })),
    countries: reference.countries.map((row) => ({
      code: row.code,
      name: countryName(row.code, lang),
      region: row.region_code ? (regions.get(row.region_code) ?? row.region_code) : "",
    })),
    regions: named(reference.regions),
    actionLines: named(reference.actionLines),
    sdgs: reference.sdgs.map((row) => ({ code: String(row.number), name: localName(row.names, lang) })),
    targetGroups: named(reference.targetGroups),
    statuses: PROJECT_STATUSES.map((code) => ({ code, name: t(`entries.status.${code}`) })),
  };
}

/** The pages that present a list at length. */
const LIST_PAGES: Partial<Record<CodeListId, { href: string; label: string }>> = {
  actionLines: { href: "/action-lines", label: "nav.actionLines" },
  sdgs: { href: "/sdgs", label: "nav.sdgs" },
};

/** Every code list as a table of code and name (countries with their ITU region). */
export function CodeLists({ ctx, reference }: { ctx: PageContext; reference: ReferenceData }) {
  const { t } = ctx;
  const lists = codeListRows(ctx, reference);
  return (
    <section aria-labelledby="code-lists">
      <h2 id="code-lists">{t("openDataPage.codes.heading")}</h2>
      <p>{t("openDataPage.codes.intro")}</p>
      {CODE_LISTS.map((id) => {
        const rows = lists[id];
        const page = LIST_PAGES[id];
        const anchor = codeListAnchor(id);
        return (
          <section class="code-list" aria-labelledby={anchor} key={id}>
            <h3 id={anchor}>
              {t(`openDataPage.codes.list.${id}`)}{" "}
              <span class="muted">({t("openDataPage.codes.count", { count: rows.length })})</span>
            </h3>
            {page ? (
              <p>
                {t("openDataPage.codes.more")} <a href={page.href}>{t(page.label)}</a>
              </p>
            ) : null}
            <TableScroll labelledBy={anchor}>
              <table class="code-list__table">
                <thead>
                  <tr>
                    <th scope="col">{t("openDataPage.codes.code")}</th>
                    <th scope="col">{t("openDataPage.codes.name")}</th>
                    {id === "countries" ? <th scope="col">{t("openDataPage.codes.region")}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.code}>
                      <td>
                        <code dir="ltr">{row.code}</code>
                      </td>
                      <td>{row.name}</td>
                      {id === "countries" ? <td>{row.region}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        );
      })}
    </section>
  );
}
