import { describe, expect, it } from "vitest";
import { Browser } from "../../testing/test-app.ts";
import {
  auditActions,
  bearerHeader,
  makeOcpEdition,
  makeStakeholder,
  requestCount,
  setOcpDeadline,
  useOcpEnv,
  workshopBody,
} from "./ocp.testing.ts";

const env = useOcpEnv();
const createUrl = (year: number) => `/api/v1/forum/editions/${year}/requests`;
const MINUTE = 60_000;

describe("createSessionProposal", () => {
  it("stores a submitted workshop with its speakers, the organisation's profile, audited", async () => {
    const s = await makeStakeholder(env.t, { stakeholderType: "academia", country: "KE" });
    const response = await s.browser.api("POST", createUrl(env.edition.year), workshopBody());
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      year: env.edition.year,
      kind: "workshop",
      status: "submitted",
      sessionType: "thematic_workshop",
      mode: "hybrid",
      actionLines: ["C2", "C4"],
      sdgs: [4, 9],
      editable: true,
      sessionNumber: null,
    });
    expect(body.speakers).toHaveLength(2);
    expect(body.deadlineText).toMatch(/Zurich time/);
    expect(response.headers.location).toBe(`/api/v1/forum/requests/${body.id}`);
    const row = await env.t.db
      .selectFrom("forum_requests")
      .select(["stakeholder_type", "country_code", "region_code", "submitted_at"])
      .where("id", "=", body.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ stakeholder_type: "academia", country_code: "KE", region_code: "AFR" });
    expect(row.submitted_at).not.toBeNull();
    expect(await auditActions(env.t.db, "forum_request", body.id)).toEqual(["forum.request_submit"]);
  });

  it("keeps an incomplete draft, then updates, submits, lists and gets it", async () => {
    const s = await makeStakeholder(env.t);
    const created = await s.browser.api("POST", createUrl(env.edition.year), { title: "Half an idea" });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ status: "draft", speakers: [] });
    const refused = await s.browser.api("POST", `/api/v1/forum/requests/${id}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe("validation_failed");
    const fields = refused.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["description", "sessionType", "mode", "actionLines"]));
    const { submit: _submit, ...complete } = workshopBody();
    const patched = await s.browser.api("PATCH", `/api/v1/forum/requests/${id}`, complete);
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ status: "draft", title: complete.title });
    const submitted = await s.browser.api("POST", `/api/v1/forum/requests/${id}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe("submitted");
    const list = await s.browser.api("GET", "/api/v1/forum/requests");
    expect(list.json().items.map((item: { id: string }) => item.id)).toEqual([id]);
    expect((await s.browser.api("GET", `/api/v1/forum/requests/${id}`)).json().status).toBe("submitted");
    expect(await auditActions(env.t.db, "forum_request", id)).toEqual([
      "forum.request_create",
      "forum.request_update",
      "forum.request_submit",
    ]);
  });

  it("takes exhibition space and high-level slots, each with its own required fields", async () => {
    const s = await makeStakeholder(env.t);
    const stand = await s.browser.api("POST", createUrl(env.edition.year), {
      kind: "exhibition",
      title: "Solar Wi-Fi kiosk",
      description: "A working kiosk.",
      standSize: "medium",
      submit: true,
    });
    expect(stand.statusCode).toBe(201);
    expect(stand.json()).toMatchObject({ kind: "exhibition", standSize: "medium", status: "submitted" });
    const slot = await s.browser.api("POST", createUrl(env.edition.year), {
      kind: "high_level",
      title: "Digital public infrastructure",
      submit: true,
    });
    expect(slot.statusCode).toBe(400);
    expect(
      slot
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(["description", "speakerName", "speakerPosition"]);
  });

  it("refuses a speaker's address typed again in another case, storing nothing", async () => {
    const s = await makeStakeholder(env.t);
    const response = await s.browser.api(
      "POST",
      createUrl(env.edition.year),
      workshopBody({
        speakers: [
          { name: "Amina Diallo", email: "Amina@Example.org", role: "moderator" },
          { name: "A. Diallo", email: "amina@example.ORG", role: "panellist" },
        ],
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ field: "speakers.1.email", code: "duplicate" }),
    ]);
    expect(await requestCount(env.t.db, s.user.id)).toBe(0);
  });

  it.each([
    [{ actionLines: ["C99"] }, "actionLines", "unknown_code"],
    [{ sdgs: [18] }, "sdgs", "validation_failed"],
    [{ sessionType: "cocktail" }, "sessionType", "invalid_value"],
    [
      { speakers: [{ name: "X", email: "not-an-address", role: "panellist" }] },
      "speakers.0.email",
      "invalid_email",
    ],
  ])("refuses bad input %j with its code, storing nothing", async (override, field, code) => {
    const s = await makeStakeholder(env.t);
    const response = await s.browser.api("POST", createUrl(env.edition.year), workshopBody(override));
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("validation_failed");
    if (code !== "validation_failed")
      expect(response.json().errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, code })]),
      );
    expect(await requestCount(env.t.db, s.user.id)).toBe(0);
  });

  it("takes a request a minute before the deadline and refuses it a minute after, naming the deadline in the venue's zone", async () => {
    const edition = await makeOcpEdition(env.t.db, { timeZone: "Pacific/Kiritimati" });
    const s = await makeStakeholder(env.t);
    await setOcpDeadline(env.t.db, edition.id, new Date(Date.now() + MINUTE));
    const before = await s.browser.api("POST", createUrl(edition.year), workshopBody());
    expect(before.statusCode).toBe(201);
    const end = new Date(Date.now() - MINUTE);
    await setOcpDeadline(env.t.db, edition.id, end);
    const after = await s.browser.api("POST", createUrl(edition.year), workshopBody());
    expect(after.statusCode).toBe(409);
    expect(after.json().code).toBe("forum_ocp_closed");
    const venueClock = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Pacific/Kiritimati",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(end);
    expect(after.json().title).toContain(venueClock);
    expect(after.json().title).toContain("Kiritimati time");
    expect(await requestCount(env.t.db, s.user.id)).toBe(1);
    const id = before.json().id;
    const patch = await s.browser.api("PATCH", `/api/v1/forum/requests/${id}`, { title: "Too late" });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().code).toBe("forum_ocp_closed");
    expect((await s.browser.api("GET", `/api/v1/forum/requests/${id}`)).json()).toMatchObject({
      title: workshopBody().title,
      editable: false,
    });
  });

  it("replays an Idempotency-Key once, and hides other people's requests", async () => {
    const s = await makeStakeholder(env.t);
    const headers = { "idempotency-key": `ocp-key-${Date.now()}` };
    const first = await s.browser.api("POST", createUrl(env.edition.year), workshopBody(), headers);
    const again = await s.browser.api("POST", createUrl(env.edition.year), workshopBody(), headers);
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json().id).toBe(first.json().id);
    expect(await requestCount(env.t.db, s.user.id)).toBe(1);
    const other = await makeStakeholder(env.t);
    const peek = await other.browser.api("GET", `/api/v1/forum/requests/${first.json().id}`);
    expect(peek.statusCode).toBe(404);
    expect(peek.json().code).toBe("forum_request_not_found");
    const unknown = await s.browser.api("POST", createUrl(1999), workshopBody());
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe("forum_edition_not_found");
  });

  it("asks who is calling, and takes API tokens with the forum:write scope only", async () => {
    const anonymous = new Browser(env.t.app);
    expect((await anonymous.api("POST", createUrl(env.edition.year), workshopBody())).statusCode).toBe(401);
    const s = await makeStakeholder(env.t);
    const bearer = (scopes: string[]) => bearerHeader(env.t.db, s.user.id, scopes);
    const reader = await anonymous.api(
      "POST",
      createUrl(env.edition.year),
      workshopBody(),
      await bearer(["entries:read"]),
    );
    expect(reader.statusCode).toBe(403);
    expect(reader.json().code).toBe("insufficient_scope");
    const writer = await anonymous.api(
      "POST",
      createUrl(env.edition.year),
      workshopBody(),
      await bearer(["forum:write"]),
    );
    expect(writer.statusCode).toBe(201);
    expect(await requestCount(env.t.db, s.user.id)).toBe(1);
  });
});
