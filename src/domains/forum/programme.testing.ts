import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Actor } from "../../platform/permissions.ts";
import { makeUser } from "../../testing/factories.ts";
import { publishProgramme } from "./programme-versions.service.ts";

let secretariat: Promise<Actor> | undefined;

/** Publishes the edition's scheduled sessions as its next programme version (F3's real path). */
export async function publishForTest(db: Kysely<Database>, edition: { id: string }): Promise<number> {
  secretariat ??= makeUser(db, { role: "moderator" }).then((user) => ({
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    emailVerified: true,
    scopes: null,
  }));
  const { version } = await publishProgramme(db, await secretariat, edition.id, { confirm: "yes" }, null);
  return version;
}
