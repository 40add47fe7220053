import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { instantToLocal } from "../../platform/zoned-time.ts";
import { DEFAULT_CRITERIA } from "./edition-input.ts";
import { PRIZE_PHASES } from "./prize-phases.ts";

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;

/**
 * A complete, valid edition form as a browser posts it: six week-long phases in `timeZone`, the
 * first opening `firstStart` (default: a day ago, so submission is open), the 18 categories and
 * the eight default criteria. `overrides` replaces or adds fields.
 */
export function editionFormBody(
  options: {
    year: number;
    timeZone?: string;
    firstStart?: Date;
    categories?: string[];
    overrides?: Record<string, string | string[]>;
  },
  actionLines: string[],
): Record<string, string | string[]> {
  const zone = options.timeZone ?? "Europe/Zurich";
  const first = Math.floor((options.firstStart?.getTime() ?? Date.now() - DAY) / MINUTE) * MINUTE;
  const body: Record<string, string | string[]> = {
    year: String(options.year),
    theme_en: `Theme ${options.year}`,
    theme_fr: `Thème ${options.year}`,
    timeZone: zone,
    categories: options.categories ?? actionLines,
    previousWinnersExcluded: "1",
    championsPerCategory: "5",
  };
  PRIZE_PHASES.forEach((phase, index) => {
    body[`${phase}_start`] = instantToLocal(new Date(first + index * 7 * DAY), zone);
    body[`${phase}_end`] = instantToLocal(new Date(first + (index + 1) * 7 * DAY), zone);
  });
  DEFAULT_CRITERIA.forEach((code, index) => {
    body[`criteria_${index}_code`] = code;
    body[`criteria_${index}_name`] = `Criterion ${code}`;
    body[`criteria_${index}_weight`] = "12.5";
  });
  return { ...body, ...options.overrides };
}

export async function actionLineCodes(db: Kysely<Database>): Promise<string[]> {
  return (await db.selectFrom("action_lines").select("code").orderBy("sort_order").execute()).map(
    (row) => row.code,
  );
}

export async function auditRows(db: Kysely<Database>, action: string, subjectId?: string) {
  let query = db.selectFrom("audit_log").selectAll().where("action", "=", action);
  if (subjectId) query = query.where("subject_id", "=", subjectId);
  return query.orderBy("id").execute();
}

export async function editionCount(db: Kysely<Database>, year: number): Promise<number> {
  return (await db.selectFrom("prize_editions").select("id").where("year", "=", year).execute()).length;
}
