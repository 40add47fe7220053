import { type Kysely, sql } from "kysely";
import {
  ACTION_LINES,
  type CodeNameSeed,
  REGIONS,
  SDGS,
  STAKEHOLDER_TYPES,
  TARGET_GROUPS,
} from "../../domains/taxonomy/taxonomy.data.ts";

type NamesByKey = Record<string, Record<string, string>>;

const byCode = (items: readonly CodeNameSeed[]): NamesByKey =>
  Object.fromEntries(items.map((item) => [item.code, item.names]));

/**
 * Databases seeded before the translations existed hold English names only, and the seed never
 * touches a table that has rows. This adds the other UN languages to every row whose code is in
 * the data files: `translations || names`, so a name already there (an admin's correction, in any
 * language) wins over the file. Rows an admin added or deleted are left as they are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const tables: [table: string, key: string, names: NamesByKey][] = [
    ["action_lines", "code", byCode(ACTION_LINES)],
    ["regions", "code", byCode(REGIONS)],
    ["stakeholder_types", "code", byCode(STAKEHOLDER_TYPES)],
    ["target_groups", "code", byCode(TARGET_GROUPS)],
    ["sdgs", "number", Object.fromEntries(SDGS.map((sdg) => [String(sdg.number), sdg.names]))],
  ];
  for (const [table, key, names] of tables) {
    // One statement per table with the translations as a single jsonb parameter: the reference
    // version trigger fires once per table, and rows that already have every language stay untouched.
    await sql`
      update ${sql.table(table)} as t
      set names = s.names || t.names
      from jsonb_each(${JSON.stringify(names)}::jsonb) as s(key, names)
      where ${sql.ref(`t.${key}`)}::text = s.key and s.names || t.names <> t.names
    `.execute(db);
  }
}

/** Nothing to undo: which languages the migration added, rather than an admin, is not recorded. */
export async function down(): Promise<void> {}
