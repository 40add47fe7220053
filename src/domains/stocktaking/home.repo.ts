import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";

/** Live figures over published entries for the home page. */
export interface PublishedFigures {
  entries: number;
  countries: number;
  organisations: number;
  /** Action Line code → published entries tagged with it. */
  perActionLine: Map<string, number>;
}

export async function countPublishedFigures(db: Kysely<Database>): Promise<PublishedFigures> {
  const [totals, countries, perActionLine] = await Promise.all([
    sql<{ entries: number; organisations: number }>`
      select count(*)::int as entries, count(distinct lower(organisation_name))::int as organisations
      from entries where published_revision_id is not null
    `.execute(db),
    sql<{ countries: number }>`
      select count(distinct country)::int as countries
      from entries, unnest(countries) as country
      where published_revision_id is not null
    `.execute(db),
    sql<{ code: string; count: number }>`
      select code, count(*)::int as count
      from entries, unnest(action_lines) as code
      where published_revision_id is not null
      group by code
    `.execute(db),
  ]);
  return {
    entries: Number(totals.rows[0]?.entries ?? 0),
    organisations: Number(totals.rows[0]?.organisations ?? 0),
    countries: Number(countries.rows[0]?.countries ?? 0),
    perActionLine: new Map(perActionLine.rows.map((row) => [row.code, Number(row.count)])),
  };
}
