import type { Kysely, Selectable, Transaction } from "kysely";
import type {
  Database,
  ForumRequestKind,
  ForumRequestSpeakersTable,
  ForumRequestStatus,
  ForumRequestsTable,
} from "../../db/schema.ts";
import type { RequestContent } from "./requests-input.ts";

type Db = Kysely<Database> | Transaction<Database>;

export type RequestRow = Selectable<ForumRequestsTable>;
export type RequestSpeakerRow = Selectable<ForumRequestSpeakersTable>;
/** A request with its edition's year, its speakers and (once decided) its session's number. */
export interface RequestRecord extends RequestRow {
  year: number;
  session_number: number | null;
  requester_name: string;
  speakers: RequestSpeakerRow[];
}

/** A request without its speakers, for lists that never show them. */
export type RequestSummary = Omit<RequestRecord, "speakers">;

/** The stakeholder's profile as the OCP records it: from their organisation, else their account. */
export interface StakeholderProfile {
  organisationId: string | null;
  stakeholderType: string | null;
  countryCode: string | null;
  regionCode: string | null;
}

export async function findStakeholderProfile(db: Db, userId: string): Promise<StakeholderProfile> {
  const row = await db
    .selectFrom("users as u")
    .leftJoin("organisations as o", "o.id", "u.organisation_id")
    .select([
      "o.id as organisation_id",
      "o.stakeholder_type as org_type",
      "o.country_code as org_country",
      "u.stakeholder_type as user_type",
      "u.country_code as user_country",
    ])
    .where("u.id", "=", userId)
    .executeTakeFirst();
  const country = (row?.organisation_id ? row.org_country : row?.user_country) ?? null;
  const region = country
    ? await db.selectFrom("countries").select("region_code").where("code", "=", country).executeTakeFirst()
    : undefined;
  return {
    organisationId: row?.organisation_id ?? null,
    stakeholderType: (row?.organisation_id ? row.org_type : row?.user_type) ?? null,
    countryCode: country,
    regionCode: region?.region_code ?? null,
  };
}

/** The content columns of a request. */
export function requestColumns(content: RequestContent) {
  return {
    title: content.title,
    description: content.description,
    session_type: content.sessionType,
    mode: content.mode,
    organisers_text: content.organisers,
    action_lines: content.actionLines,
    sdgs: content.sdgs,
    stand_size: content.standSize,
    speaker_name: content.speakerName,
    speaker_position: content.speakerPosition,
  };
}

export async function insertRequest(
  trx: Transaction<Database>,
  values: {
    editionId: string;
    requesterId: string;
    kind: ForumRequestKind;
    status: ForumRequestStatus;
    content: RequestContent;
    profile: StakeholderProfile;
  },
): Promise<string> {
  const row = await trx
    .insertInto("forum_requests")
    .values({
      edition_id: values.editionId,
      requester_id: values.requesterId,
      kind: values.kind,
      status: values.status,
      ...requestColumns(values.content),
      stakeholder_type: values.profile.stakeholderType,
      country_code: values.profile.countryCode,
      region_code: values.profile.regionCode,
      submitted_at: values.status === "submitted" ? new Date() : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await replaceSpeakers(trx, row.id, values.content.speakers);
  return row.id;
}

export async function updateRequestRow(
  trx: Transaction<Database>,
  id: string,
  content: RequestContent,
  status: ForumRequestStatus,
  submittedNow: boolean,
): Promise<void> {
  await trx
    .updateTable("forum_requests")
    .set({
      ...requestColumns(content),
      status,
      updated_at: new Date(),
      ...(submittedNow ? { submitted_at: new Date() } : {}),
    })
    .where("id", "=", id)
    .execute();
  await replaceSpeakers(trx, id, content.speakers);
}

async function replaceSpeakers(
  trx: Transaction<Database>,
  requestId: string,
  speakers: RequestContent["speakers"],
): Promise<void> {
  await trx.deleteFrom("forum_request_speakers").where("request_id", "=", requestId).execute();
  if (speakers.length === 0) return;
  await trx
    .insertInto("forum_request_speakers")
    .values(speakers.map((speaker, index) => ({ request_id: requestId, ...speaker, sort_order: index })))
    .execute();
}

function baseQuery(db: Db) {
  return db
    .selectFrom("forum_requests as r")
    .innerJoin("forum_editions as e", "e.id", "r.edition_id")
    .innerJoin("users as u", "u.id", "r.requester_id")
    .leftJoin("forum_sessions as s", "s.id", "r.session_id")
    .selectAll("r")
    .select(["e.year", "s.number as session_number", "u.name as requester_name"]);
}

async function withSpeakers(db: Db, rows: RequestSummary[]): Promise<RequestRecord[]> {
  if (rows.length === 0) return [];
  const speakers = await db
    .selectFrom("forum_request_speakers")
    .selectAll()
    .where(
      "request_id",
      "in",
      rows.map((row) => row.id),
    )
    .orderBy("request_id")
    .orderBy("sort_order")
    .execute();
  // Grouped once: filtering the speakers per row would be quadratic on a long list.
  const byRequest = new Map<string, RequestSpeakerRow[]>();
  for (const speaker of speakers) {
    const group = byRequest.get(speaker.request_id);
    if (group) group.push(speaker);
    else byRequest.set(speaker.request_id, [speaker]);
  }
  return rows.map((row) => ({ ...row, speakers: byRequest.get(row.id) ?? [] }));
}

/** One request, or undefined; `lock` holds it for the rest of the transaction. */
export async function findRequest(db: Db, id: string, lock = false): Promise<RequestRecord | undefined> {
  if (lock) await db.selectFrom("forum_requests").select("id").where("id", "=", id).forUpdate().execute();
  const row = await baseQuery(db).where("r.id", "=", id).executeTakeFirst();
  return row ? (await withSpeakers(db, [row]))[0] : undefined;
}

/** A stakeholder's requests, newest edition first, then newest first. */
export async function listRequestsByRequester(db: Db, userId: string): Promise<RequestRecord[]> {
  const rows = await baseQuery(db)
    .where("r.requester_id", "=", userId)
    .orderBy("e.year", "desc")
    .orderBy("r.id", "desc")
    .execute();
  return withSpeakers(db, rows);
}

/** What the secretariat's list can be narrowed to. */
export interface RequestFilter {
  kind?: ForumRequestKind | null;
  status?: ForumRequestStatus | null;
  actionLine?: string | null;
}

/** An edition's requests that are not drafts (drafts are the stakeholder's own business), filtered. */
function editionRequestsQuery(db: Db, editionId: string, filter: RequestFilter) {
  let query = baseQuery(db).where("r.edition_id", "=", editionId).where("r.status", "<>", "draft");
  if (filter.kind) query = query.where("r.kind", "=", filter.kind);
  if (filter.status) query = query.where("r.status", "=", filter.status);
  if (filter.actionLine) {
    const code = filter.actionLine;
    query = query.where((eb) => eb(eb.val(code), "=", eb.fn.any("r.action_lines")));
  }
  return query;
}

/**
 * The secretariat's list without speakers (its page never shows them), oldest submission first;
 * `page` limits it to one page of rows.
 */
export function listEditionRequestSummaries(
  db: Db,
  editionId: string,
  filter: RequestFilter,
  page?: { limit: number; offset: number },
): Promise<RequestSummary[]> {
  let query = editionRequestsQuery(db, editionId, filter).orderBy("r.submitted_at").orderBy("r.id");
  if (page) query = query.limit(page.limit).offset(page.offset);
  return query.execute();
}

/** The secretariat's list with each request's speakers (the API shows them). */
export async function listEditionRequests(
  db: Db,
  editionId: string,
  filter: RequestFilter,
  page?: { limit: number; offset: number },
): Promise<RequestRecord[]> {
  return withSpeakers(db, await listEditionRequestSummaries(db, editionId, filter, page));
}

/** How many requests the secretariat's list holds under `filter`. */
export async function countEditionRequests(
  db: Db,
  editionId: string,
  filter: RequestFilter,
): Promise<number> {
  const row = await editionRequestsQuery(db, editionId, filter)
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
