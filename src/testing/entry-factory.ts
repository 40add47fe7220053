import type { Kysely } from "kysely";
import type { Database, EntryState } from "../db/schema.ts";
import { createEntry } from "../domains/stocktaking/entries.service.ts";
import type { EntryData } from "../domains/stocktaking/entry-fields.ts";
import { moderateEntry } from "../domains/stocktaking/moderation.service.ts";
import { toActor } from "../platform/auth/sessions.ts";
import type { Actor } from "../platform/permissions.ts";
import { makeUser } from "./factories.ts";

let sequence = 0;
const moderators = new WeakMap<Kysely<Database>, Promise<Actor>>();

/** A complete, valid entry; tests override only what they look at. */
export function entryData(overrides: Partial<EntryData> = {}): EntryData {
  sequence += 1;
  return {
    title: `Community digital skills centre ${sequence}`,
    description: "Free training in basic digital skills for young people in rural districts.",
    language: "en",
    organisationName: "Digital Inclusion Network",
    stakeholderType: "civil_society",
    coverage: "national",
    countries: ["KE"],
    actionLines: ["C4"],
    sdgs: [4],
    targetGroups: ["youth"],
    projectStatus: "ongoing",
    startDate: "2021-03-01",
    endDate: null,
    website: "https://example.org/skills",
    contactName: "Amina Odhiambo",
    contactEmail: "amina@example.org",
    ...overrides,
  };
}

/** The acting user as the request pipeline would resolve them. */
export async function actorFor(db: Kysely<Database>, userId: string): Promise<Actor> {
  const user = await db
    .selectFrom("users")
    .select(["id", "name", "email", "role", "email_verified_at"])
    .where("id", "=", userId)
    .executeTakeFirstOrThrow();
  return toActor(user, null);
}

function factoryModerator(db: Kysely<Database>): Promise<Actor> {
  let moderator = moderators.get(db);
  if (!moderator) {
    moderator = makeUser(db, { role: "moderator", name: "Factory Moderator" }).then((user) =>
      actorFor(db, user.id),
    );
    moderators.set(db, moderator);
  }
  return moderator;
}

const DECISION_FOR: Partial<Record<EntryState, "publish" | "return" | "reject">> = {
  published: "publish",
  returned: "return",
  rejected: "reject",
};

/**
 * An entry in the given workflow state, made through the real services (so revisions, audit rows
 * and decision mails exist as they would in use). Later states are reached by a factory moderator.
 */
export async function makeEntry(
  db: Kysely<Database>,
  ownerId: string,
  options: {
    state?: "draft" | "submitted" | "published" | "returned" | "rejected";
    data?: Partial<EntryData>;
  } = {},
): Promise<{ id: string; data: EntryData; owner: Actor }> {
  const state = options.state ?? "draft";
  const data = entryData(options.data);
  const owner = await actorFor(db, ownerId);
  const created = await createEntry(db, owner, { ...data }, { submit: state !== "draft" });
  const id = created.outcome.entryId;
  const decision = DECISION_FOR[state];
  if (decision) {
    const moderator = await factoryModerator(db);
    await moderateEntry({ db, baseUrl: "http://localhost:3000" }, moderator, id, {
      decision,
      comment: decision === "publish" ? "" : "Factory decision comment",
    });
  }
  return { id, data, owner };
}
