import { type Language, localName } from "../../platform/i18n.ts";
import type { HomeData } from "./home.service.ts";
import { emptyFilters, SEARCH_LIMITS, searchUrl } from "./search.params.ts";

export interface ActionLineFigure {
  code: string;
  name: string;
  count: number;
  /** The search for this Action Line's entries. */
  href: string;
}

export interface HomeModel {
  entries: number;
  countries: number;
  organisations: number;
  actionLines: ActionLineFigure[];
}

export function presentHome(data: HomeData, lang: Language): HomeModel {
  const { figures, reference } = data;
  return {
    entries: figures.entries,
    countries: figures.countries,
    organisations: figures.organisations,
    // Every Action Line, in reference order, zero included: an empty line is news too.
    actionLines: reference.actionLines.map((line) => ({
      code: line.code,
      name: localName(line.names, lang),
      count: figures.perActionLine.get(line.code) ?? 0,
      href: searchUrl({
        q: null,
        filters: { ...emptyFilters(), actionLine: [line.code] },
        sort: "newest",
        pageSize: SEARCH_LIMITS.pageSizeDefault,
      }),
    })),
  };
}
