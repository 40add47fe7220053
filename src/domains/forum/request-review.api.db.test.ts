import { describe, expect, it } from "vitest";
import { Browser } from "../../testing/test-app.ts";
import {
  auditActions,
  bearerHeader,
  mailTo,
  makeOcpEdition,
  makeSecretariat,
  makeStakeholder,
  proposeRequest,
  requestRow,
  type Stakeholder,
  useOcpEnv,
  workshopBody,
} from "./ocp.testing.ts";

const env = useOcpEnv();
const base = (year: number) => `/api/v1/forum/editions/${year}/secretariat/requests`;

async function sessionCount(editionId: string): Promise<number> {
  const row = await env.t.db
    .selectFrom("forum_sessions")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("edition_id", "=", editionId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A refusal changed nothing: the request still submitted, no session, no mail, no decision audited. */
async function expectUntouched(id: string, requester: Stakeholder, editionId: string, sessions: number) {
  expect(await requestRow(env.t.db, id)).toMatchObject({
    status: "submitted",
    session_id: null,
    decided_by: null,
  });
  expect(await sessionCount(editionId)).toBe(sessions);
  expect(await mailTo(env.t.db, requester.user.email)).toHaveLength(0);
  expect(await auditActions(env.t.db, "forum_request", id)).toEqual(["forum.request_submit"]);
}

describe("listForumRequestsForReview", () => {
  it("lists an edition's requests but drafts, filtered and a page at a time", async () => {
    const edition = await makeOcpEdition(env.t.db);
    const gov = await makeStakeholder(env.t, { stakeholderType: "government", country: "KE" });
    const uni = await makeStakeholder(env.t, { stakeholderType: "academia", country: "FR" });
    const first = await proposeRequest(gov, edition.year, workshopBody({ actionLines: ["C5"] }));
    await proposeRequest(uni, edition.year, workshopBody({ actionLines: ["C2"] }));
    await proposeRequest(uni, edition.year, {
      kind: "exhibition",
      title: "Solar kiosk",
      description: "A working kiosk.",
      standSize: "small",
      submit: true,
    });
    await proposeRequest(uni, edition.year, { title: "A draft stays private" });
    const sec = await makeSecretariat(env.t);
    const all = await sec.browser.api("GET", base(edition.year));
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ total: 3, page: 1, pageSize: 50, pageCount: 1 });
    expect(all.json().items[0]).toMatchObject({
      id: first,
      status: "submitted",
      requester: { name: gov.user.name },
      stakeholderType: "government",
      countryCode: "KE",
      region: "AFR",
      decidedAt: null,
      links: { html: `/forum/${edition.year}/secretariat/requests/${first}` },
    });
    const titles = all.json().items.map((item: { title: string }) => item.title);
    expect(titles).not.toContain("A draft stays private");
    const c5 = await sec.browser.api(
      "GET",
      `${base(edition.year)}?actionLine=C5&kind=workshop&status=submitted`,
    );
    expect(c5.json().items.map((item: { id: string }) => item.id)).toEqual([first]);
    const stands = await sec.browser.api("GET", `${base(edition.year)}?kind=exhibition`);
    expect(stands.json()).toMatchObject({ total: 1, items: [{ kind: "exhibition", standSize: "small" }] });
    const past = await sec.browser.api("GET", `${base(edition.year)}?page=2`);
    expect(past.json()).toMatchObject({ total: 3, page: 2, pageCount: 1, items: [] });
  });

  it("refuses filters it does not know, and an unknown edition", async () => {
    const sec = await makeSecretariat(env.t);
    const line = await sec.browser.api("GET", `${base(env.edition.year)}?actionLine=C99`);
    expect(line.statusCode).toBe(400);
    expect(line.json().errors).toEqual([
      expect.objectContaining({ field: "actionLine", code: "unknown_code" }),
    ]);
    const status = await sec.browser.api("GET", `${base(env.edition.year)}?status=draft`);
    expect(status.statusCode).toBe(400);
    expect(status.json().code).toBe("validation_failed");
    const page = await sec.browser.api("GET", `${base(env.edition.year)}?page=0x`);
    expect(page.statusCode).toBe(400);
    const unknown = await sec.browser.api("GET", base(1999));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe("forum_edition_not_found");
  });
});

describe("acceptForumRequest", () => {
  it("makes a draft session, audited and mailed in the requester's language; a key replays it once", async () => {
    const edition = await makeOcpEdition(env.t.db);
    const s = await makeStakeholder(env.t, { language: "fr" });
    const id = await proposeRequest(s, edition.year);
    const sec = await makeSecretariat(env.t);
    const headers = { "idempotency-key": `accept-${id}-${Date.now()}` };
    const url = `${base(edition.year)}/${id}/accept`;
    const response = await sec.browser.api("POST", url, undefined, headers);
    expect(response.statusCode).toBe(200);
    expect(response.headers["idempotent-replayed"]).toBeUndefined();
    expect(response.json()).toMatchObject({
      sessionNumber: 1,
      requests: [{ id, status: "accepted", sessionNumber: 1 }],
    });
    expect(response.json().requests[0].decidedAt).not.toBeNull();
    expect(await requestRow(env.t.db, id)).toMatchObject({ status: "accepted", decided_by: sec.user.id });
    expect(await auditActions(env.t.db, "forum_request", id)).toEqual([
      "forum.request_submit",
      "forum.request_accept",
    ]);
    const mail = await mailTo(env.t.db, s.user.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toMatch(/accept/i);
    expect(mail[0]?.text_body).toContain("Bonjour");
    const replay = await sec.browser.api("POST", url, undefined, headers);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.json().sessionNumber).toBe(1);
    expect(await sessionCount(edition.id)).toBe(1);
    expect(await mailTo(env.t.db, s.user.email)).toHaveLength(1);
    const again = await sec.browser.api("POST", url);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("forum_request_already_decided");
    const reused = await sec.browser.api(
      "POST",
      `${base(edition.year)}/${id}/decline`,
      { reason: "No" },
      headers,
    );
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe("idempotency_conflict");
    expect(await requestRow(env.t.db, id)).toMatchObject({ status: "accepted" });
  });

  it("refuses unknown requests, drafts, and requests of another edition, writing nothing", async () => {
    const edition = await makeOcpEdition(env.t.db);
    const other = await makeOcpEdition(env.t.db);
    const s = await makeStakeholder(env.t);
    const elsewhere = await proposeRequest(s, other.year);
    const draft = await proposeRequest(s, edition.year, { title: "Half an idea" });
    const sec = await makeSecretariat(env.t);
    for (const id of ["999999999", "abc"]) {
      const unknown = await sec.browser.api("POST", `${base(edition.year)}/${id}/accept`);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe("forum_request_not_found");
    }
    const notSubmitted = await sec.browser.api("POST", `${base(edition.year)}/${draft}/accept`);
    expect(notSubmitted.statusCode).toBe(409);
    expect(notSubmitted.json().code).toBe("forum_request_not_submitted");
    expect(await requestRow(env.t.db, draft)).toMatchObject({ status: "draft", session_id: null });
    const crossed = await sec.browser.api("POST", `${base(edition.year)}/${elsewhere}/accept`);
    expect(crossed.statusCode).toBe(409);
    expect(crossed.json().code).toBe("forum_request_other_edition");
    await expectUntouched(elsewhere, s, other.id, 0);
    expect(await sessionCount(edition.id)).toBe(0);
    const noEdition = await sec.browser.api("POST", `${base(1999)}/${elsewhere}/accept`);
    expect(noEdition.statusCode).toBe(404);
    expect(noEdition.json().code).toBe("forum_edition_not_found");
  });
});

describe("declineForumRequest", () => {
  it("needs a reason of bounded length, then declines, audited and mailed with it", async () => {
    const edition = await makeOcpEdition(env.t.db);
    const s = await makeStakeholder(env.t);
    const id = await proposeRequest(s, edition.year);
    const sec = await makeSecretariat(env.t);
    const url = `${base(edition.year)}/${id}/decline`;
    const cases: Array<[unknown, string]> = [
      [{}, "required"],
      [{ reason: "   " }, "required"],
      [{ reason: "x".repeat(2001) }, "too_long"],
    ];
    for (const [body, code] of cases) {
      const refused = await sec.browser.api("POST", url, body);
      expect(refused.statusCode).toBe(400);
      expect(refused.json().code).toBe("validation_failed");
      expect(refused.json().errors).toEqual([expect.objectContaining({ field: "reason", code })]);
    }
    await expectUntouched(id, s, edition.id, 0);
    const headers = { "idempotency-key": `decline-${id}-${Date.now()}` };
    const done = await sec.browser.api("POST", url, { reason: "Too close to session 12." }, headers);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      sessionNumber: null,
      requests: [{ id, status: "declined", statusReason: "Too close to session 12.", sessionNumber: null }],
    });
    const replay = await sec.browser.api("POST", url, { reason: "Too close to session 12." }, headers);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.json().requests[0].status).toBe("declined");
    expect(await auditActions(env.t.db, "forum_request", id)).toEqual([
      "forum.request_submit",
      "forum.request_decline",
    ]);
    const mail = await mailTo(env.t.db, s.user.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.text_body).toContain("Too close to session 12.");
    const twice = await sec.browser.api("POST", url, { reason: "Once more" });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe("forum_request_already_decided");
    expect(await requestRow(env.t.db, id)).toMatchObject({ decision_reason: "Too close to session 12." });
  });
});

describe("mergeForumRequests", () => {
  it("merges submitted workshops into one draft session, every requester an organiser, replayed once", async () => {
    const edition = await makeOcpEdition(env.t.db);
    const a = await makeStakeholder(env.t);
    const b = await makeStakeholder(env.t, { language: "es" });
    const first = await proposeRequest(a, edition.year, workshopBody({ actionLines: ["C4"], sdgs: [4] }));
    const second = await proposeRequest(
      b,
      edition.year,
      workshopBody({
        actionLines: ["C7-elearn"],
        speakers: [{ name: "Amina Diallo", email: "AMINA@example.org", role: "panellist" }],
      }),
    );
    const sec = await makeSecretariat(env.t);
    const body = { requests: [second, first], title: "Digital skills for all" };
    const headers = { "idempotency-key": `merge-${first}-${Date.now()}` };
    const response = await sec.browser.api("POST", `${base(edition.year)}/merge`, body, headers);
    expect(response.statusCode).toBe(200);
    expect(response.json().sessionNumber).toBe(1);
    expect(response.json().requests.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
      [first, "merged"],
      [second, "merged"],
    ]);
    const replay = await sec.browser.api("POST", `${base(edition.year)}/merge`, body, headers);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(replay.json().sessionNumber).toBe(1);
    expect(await sessionCount(edition.id)).toBe(1);
    const session = await env.t.db
      .selectFrom("forum_sessions")
      .select(["id", "title", "action_lines"])
      .where("edition_id", "=", edition.id)
      .executeTakeFirstOrThrow();
    expect(session).toMatchObject({ title: "Digital skills for all", action_lines: ["C4", "C7-elearn"] });
    const organisers = await env.t.db
      .selectFrom("forum_session_organisers")
      .select("user_id")
      .where("session_id", "=", session.id)
      .execute();
    expect(organisers.map((row) => row.user_id).sort()).toEqual([a.user.id, b.user.id].sort());
    expect(await auditActions(env.t.db, "forum_request", second)).toEqual([
      "forum.request_submit",
      "forum.request_merge",
    ]);
    expect((await mailTo(env.t.db, b.user.email))[0]?.subject).toContain("se ha fusionado");
  });

  it("refuses fewer than two, a non-workshop, another edition's request and a missing title, writing nothing", async () => {
    const edition = await makeOcpEdition(env.t.db);
    const other = await makeOcpEdition(env.t.db);
    const s = await makeStakeholder(env.t);
    const workshop = await proposeRequest(s, edition.year);
    const stand = await proposeRequest(s, edition.year, {
      kind: "exhibition",
      title: "Solar kiosk",
      description: "A working kiosk.",
      standSize: "small",
      submit: true,
    });
    const elsewhere = await proposeRequest(s, other.year);
    const sec = await makeSecretariat(env.t);
    const merge = (body: unknown) => sec.browser.api("POST", `${base(edition.year)}/merge`, body);
    const alone = await merge({ requests: [workshop, workshop], title: "Alone" });
    expect(alone.statusCode).toBe(400);
    expect(alone.json().errors).toEqual([expect.objectContaining({ field: "requests", code: "too_short" })]);
    const untitled = await merge({ requests: [workshop, stand], title: " " });
    expect(untitled.statusCode).toBe(400);
    expect(untitled.json().errors).toEqual([expect.objectContaining({ field: "title", code: "required" })]);
    const notWorkshop = await merge({ requests: [workshop, stand], title: "Mixed" });
    expect(notWorkshop.statusCode).toBe(409);
    expect(notWorkshop.json().code).toBe("forum_merge_not_workshop");
    const crossed = await merge({ requests: [workshop, elsewhere], title: "Cross-edition" });
    expect(crossed.statusCode).toBe(409);
    expect(crossed.json().code).toBe("forum_request_other_edition");
    const unknown = await merge({ requests: [workshop, "nope"], title: "Unknown" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe("forum_request_not_found");
    await expectUntouched(workshop, s, edition.id, 0);
    expect((await requestRow(env.t.db, stand)).status).toBe("submitted");
    expect((await requestRow(env.t.db, elsewhere)).status).toBe("submitted");
  });
});

describe("getForumRequestAnalysis", () => {
  it("counts what the page's charts count, with labels", async () => {
    const edition = await makeOcpEdition(env.t.db);
    const gov = await makeStakeholder(env.t, { stakeholderType: "government", country: "KE" });
    const uni = await makeStakeholder(env.t, { stakeholderType: "academia", country: "FR" });
    await proposeRequest(gov, edition.year, workshopBody({ actionLines: ["C5"], sdgs: [16] }));
    await proposeRequest(uni, edition.year, workshopBody({ actionLines: ["C2"], sdgs: [9] }));
    await proposeRequest(uni, edition.year, { title: "A draft is not counted" });
    const put = await gov.browser.api("PUT", `/api/v1/forum/editions/${edition.year}/my-submission`, {
      themes: "Cybersecurity",
      actionLines: ["C5"],
      sdgs: [16],
    });
    expect(put.statusCode).toBe(201);
    const sec = await makeSecretariat(env.t);
    const response = await sec.browser.api("GET", `${base(edition.year)}/analysis`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.year).toBe(edition.year);
    expect(body.submissions.total).toBe(1);
    expect(body.requests.total).toBe(2);
    expect(body.submissions.region).toEqual([{ key: "AFR", label: "Africa", count: 1 }]);
    expect(body.requests.region).toEqual(
      expect.arrayContaining([
        { key: "AFR", label: "Africa", count: 1 },
        { key: "EUR", label: "Europe", count: 1 },
      ]),
    );
    expect(body.requests.sdg).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: "16", count: 1 })]),
    );
    expect(body.requests.actionLine.map((row: { key: string }) => row.key).sort()).toEqual(["C2", "C5"]);
  });
});

describe("who may call the secretariat's API", () => {
  it("answers 401 to anonymous callers and 403 to participants, and takes moderation-scoped tokens only", async () => {
    const edition = await makeOcpEdition(env.t.db);
    const s = await makeStakeholder(env.t);
    const id = await proposeRequest(s, edition.year);
    const anonymous = new Browser(env.t.app);
    const calls: Array<["GET" | "POST", string, unknown]> = [
      ["GET", base(edition.year), undefined],
      ["GET", `${base(edition.year)}/analysis`, undefined],
      ["POST", `${base(edition.year)}/${id}/accept`, undefined],
      ["POST", `${base(edition.year)}/${id}/decline`, { reason: "No" }],
      ["POST", `${base(edition.year)}/merge`, { requests: [id, id], title: "T" }],
    ];
    for (const [method, url, body] of calls) {
      expect((await anonymous.api(method, url, body)).statusCode).toBe(401);
      const participant = await s.browser.api(method, url, body);
      expect(participant.statusCode).toBe(403);
      expect(participant.json().code).toBe("forbidden");
    }
    await expectUntouched(id, s, edition.id, 0);
    const sec = await makeSecretariat(env.t);
    const bearer = (scopes: string[]) => bearerHeader(env.t.db, sec.user.id, scopes);
    const participantScope = await anonymous.api(
      "GET",
      base(edition.year),
      undefined,
      await bearer(["forum:write"]),
    );
    expect(participantScope.statusCode).toBe(403);
    expect(participantScope.json().code).toBe("insufficient_scope");
    const moderation = await anonymous.api(
      "POST",
      `${base(edition.year)}/${id}/accept`,
      undefined,
      await bearer(["moderation"]),
    );
    expect(moderation.statusCode).toBe(200);
    expect((await requestRow(env.t.db, id)).status).toBe("accepted");
  });
});
