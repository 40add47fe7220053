import { type Kysely, sql } from "kysely";
import type { Database } from "../../db/schema.ts";

/** One count of the analysis: a key (a code, an SDG number, or "" for unknown) and how many. */
export interface AnalysisCount {
  key: string;
  count: number;
}

/** The dimensions of the analysis, in the order the page and the API show them. */
export const DIMENSIONS = ["stakeholderType", "region", "actionLine", "sdg"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The counts of one source (official submissions or binding requests) by each dimension. */
export type AnalysisCounts = { total: number } & Record<Dimension, AnalysisCount[]>;

const SOURCES = {
  submissions: sql`forum_ocp_submissions`,
  requests: sql`forum_requests`,
};

/**
 * Live counts for the secretariat's analysis, straight from the rows (a few thousand a year at
 * most), so a submission is in the charts the moment it is written. Requests count once they are
 * submitted (drafts are the stakeholder's own). Arrays are unnested: a request linked to two
 * Action Lines counts once under each.
 */
export async function countOcp(
  db: Kysely<Database>,
  editionId: string,
  source: keyof typeof SOURCES,
): Promise<AnalysisCounts> {
  const table = SOURCES[source];
  const live = source === "requests" ? sql`and status <> 'draft'` : sql``;
  const by = async (expression: ReturnType<typeof sql>) => {
    const result = await sql<{ key: string | null; count: string | number }>`
      select ${expression} as key, count(*) as count from ${table} as t
      where edition_id = ${editionId} ${live}
      group by 1 order by 2 desc, 1`.execute(db);
    return result.rows.map((row) => ({
      key: row.key === null ? "" : String(row.key),
      count: Number(row.count),
    }));
  };
  const unnested = async (column: ReturnType<typeof sql>) => {
    const result = await sql<{ key: string; count: string | number }>`
      select item::text as key, count(*) as count from ${table} as t, unnest(t.${column}) as item
      where edition_id = ${editionId} ${live}
      group by 1 order by 2 desc, 1`.execute(db);
    return result.rows.map((row) => ({ key: String(row.key), count: Number(row.count) }));
  };
  const total = await sql<{ count: string | number }>`
    select count(*) as count from ${table} as t where edition_id = ${editionId} ${live}`.execute(db);
  return {
    total: Number(total.rows[0]?.count ?? 0),
    stakeholderType: await by(sql`t.stakeholder_type`),
    region: await by(sql`t.region_code`),
    actionLine: await unnested(sql.ref("action_lines")),
    sdg: await unnested(sql.ref("sdgs")),
  };
}
