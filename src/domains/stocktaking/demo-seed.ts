import type { Kysely } from "kysely";
import type { Database, Role } from "../../db/schema.ts";

// PLACEHOLDER — to be implemented by the stocktaking work.
export async function seedDemoEntries(
  _db: Kysely<Database>,
  _options: { count: number; seed: number; onProgress?: (done: number) => void },
): Promise<void> {
  throw new Error("not implemented");
}

export async function loadDemoDataIfEmpty(
  _db: Kysely<Database>,
): Promise<{ entries: number; accounts: Array<{ role: Role; email: string; password: string }> } | null> {
  return null;
}
