import { describe, expect, it } from "vitest";
import { makeForumSession } from "./forum.testing.ts";
import {
  auditActions,
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
const listUrl = () => `/forum/${env.edition.year}/secretariat/requests`;

const propose = (s: Stakeholder, year: number, overrides: Record<string, unknown> = {}) =>
  proposeRequest(s, year, workshopBody(overrides));

describe("the secretariat's review of OCP requests", () => {
  it("accepts a request as a draft session numbered after the last, with its speakers and organiser, mailed in the requester's language", async () => {
    const edition = await makeOcpEdition(env.t.db);
    await makeForumSession(env.t.db, edition);
    const s = await makeStakeholder(env.t, { language: "fr" });
    const id = await propose(s, edition.year);
    const sec = await makeSecretariat(env.t);
    const url = `/forum/${edition.year}/secretariat/requests/${id}`;
    const page = await sec.browser.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("amina@example.org");
    const response = await sec.browser.submit(url, `${url}/accept`, {});
    expect(response.statusCode).toBe(303);
    const row = await requestRow(env.t.db, id);
    expect(row).toMatchObject({ status: "accepted", decided_by: sec.user.id });
    const session = await env.t.db
      .selectFrom("forum_sessions")
      .selectAll()
      .where("id", "=", row.session_id as string)
      .executeTakeFirstOrThrow();
    expect(session).toMatchObject({
      number: 2,
      status: "draft",
      title: workshopBody().title,
      session_type: "thematic_workshop",
      mode: "hybrid",
      action_lines: ["C2", "C4"],
      sdgs: [4, 9],
    });
    const speakers = await env.t.db
      .selectFrom("forum_session_speakers")
      .select(["email", "role"])
      .where("session_id", "=", session.id)
      .orderBy("sort_order")
      .execute();
    expect(speakers).toEqual([
      { email: "amina@example.org", role: "moderator" },
      { email: "li.wei@example.org", role: "panellist" },
    ]);
    const organisers = await env.t.db
      .selectFrom("forum_session_organisers")
      .select("user_id")
      .where("session_id", "=", session.id)
      .execute();
    expect(organisers).toEqual([{ user_id: s.user.id }]);
    expect(await auditActions(env.t.db, "forum_request", id)).toEqual([
      "forum.request_submit",
      "forum.request_accept",
    ]);
    const mail = await mailTo(env.t.db, s.user.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toContain("est acceptée");
    expect(mail[0]?.text_body).toContain("session 2");
    const mine = await s.browser.get("/forum/my-requests");
    expect(mine.body).toContain("session 2");
    const again = await sec.browser.submit(
      url,
      `${url}/accept`,
      {},
      { csrf: await sec.browser.csrfToken(listUrl()) },
    );
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("The secretariat has already decided on this request.");
  });

  it("accepts a high-level slot as a high-level policy session with its speaker as keynote", async () => {
    const s = await makeStakeholder(env.t);
    const created = await s.browser.api("POST", `/api/v1/forum/editions/${env.edition.year}/requests`, {
      kind: "high_level",
      title: "Digital public infrastructure",
      description: "A minister's statement.",
      speakerName: "H.E. Ana Gómez",
      speakerPosition: "Minister of ICT",
      actionLines: ["C1"],
      submit: true,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const sec = await makeSecretariat(env.t);
    const url = `/forum/${env.edition.year}/secretariat/requests/${id}`;
    expect((await sec.browser.submit(url, `${url}/accept`, {})).statusCode).toBe(303);
    const row = await requestRow(env.t.db, id);
    const session = await env.t.db
      .selectFrom("forum_sessions")
      .select(["id", "session_type", "mode"])
      .where("id", "=", row.session_id as string)
      .executeTakeFirstOrThrow();
    expect(session).toMatchObject({ session_type: "high_level_policy", mode: "hybrid" });
    const speakers = await env.t.db
      .selectFrom("forum_session_speakers")
      .select(["name", "email", "role"])
      .where("session_id", "=", session.id)
      .execute();
    expect(speakers).toEqual([{ name: "H.E. Ana Gómez", email: null, role: "keynote" }]);
  });

  it("declines only with a reason, which the requester then sees", async () => {
    const s = await makeStakeholder(env.t);
    const id = await propose(s, env.edition.year);
    const sec = await makeSecretariat(env.t);
    const url = `/forum/${env.edition.year}/secretariat/requests/${id}`;
    const empty = await sec.browser.submit(url, `${url}/decline`, { reason: "   " });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('id="reason-error"');
    expect((await requestRow(env.t.db, id)).status).toBe("submitted");
    expect(await mailTo(env.t.db, s.user.email)).toHaveLength(0);
    const done = await sec.browser.submit(url, `${url}/decline`, { reason: "Too close to session 12." });
    expect(done.statusCode).toBe(303);
    expect(await requestRow(env.t.db, id)).toMatchObject({
      status: "declined",
      decision_reason: "Too close to session 12.",
    });
    expect((await mailTo(env.t.db, s.user.email))[0]?.text_body).toContain("Too close to session 12.");
    const api = await s.browser.api("GET", `/api/v1/forum/requests/${id}`);
    expect(api.json()).toMatchObject({
      status: "declined",
      statusReason: "Too close to session 12.",
      editable: false,
    });
    const patch = await s.browser.api("PATCH", `/api/v1/forum/requests/${id}`, { title: "Try again" });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().code).toBe("forum_request_locked");
    expect((await s.browser.get("/forum/my-requests")).body).toContain("Too close to session 12.");
  });

  it("merges similar workshops into one draft session: every requester an organiser, speakers once whatever the case", async () => {
    const a = await makeStakeholder(env.t);
    const b = await makeStakeholder(env.t, { language: "es" });
    const first = await propose(a, env.edition.year, { actionLines: ["C4"], sdgs: [4] });
    const second = await propose(b, env.edition.year, {
      actionLines: ["C7-elearn"],
      sdgs: [4, 10],
      speakers: [
        { name: "Amina Diallo", email: "AMINA@example.org", role: "panellist" },
        { name: "Rosa Pérez", email: "rosa@example.org", role: "keynote" },
      ],
    });
    const sec = await makeSecretariat(env.t);
    const response = await sec.browser.submit(listUrl(), `${listUrl()}/merge`, {
      requests: [first, second],
      title: "Digital skills for all",
      description: "",
    });
    expect(response.statusCode).toBe(303);
    const rows = [await requestRow(env.t.db, first), await requestRow(env.t.db, second)];
    expect(rows.map((row) => row.status)).toEqual(["merged", "merged"]);
    expect(rows[0]?.session_id).toBe(rows[1]?.session_id);
    const session = await env.t.db
      .selectFrom("forum_sessions")
      .selectAll()
      .where("id", "=", rows[0]?.session_id as string)
      .executeTakeFirstOrThrow();
    expect(session).toMatchObject({
      title: "Digital skills for all",
      description: workshopBody().description,
      action_lines: ["C4", "C7-elearn"],
      sdgs: [4, 10],
    });
    const emails = await env.t.db
      .selectFrom("forum_session_speakers")
      .select("email")
      .where("session_id", "=", session.id)
      .execute();
    expect(emails.map((row) => row.email?.toLowerCase()).sort()).toEqual([
      "amina@example.org",
      "li.wei@example.org",
      "rosa@example.org",
    ]);
    const organisers = await env.t.db
      .selectFrom("forum_session_organisers")
      .select("user_id")
      .where("session_id", "=", session.id)
      .execute();
    expect(organisers.map((row) => row.user_id).sort()).toEqual([a.user.id, b.user.id].sort());
    expect((await mailTo(env.t.db, b.user.email))[0]?.subject).toContain("se ha fusionado");
    expect(await auditActions(env.t.db, "forum_request", second)).toEqual([
      "forum.request_submit",
      "forum.request_merge",
    ]);
  });

  it("refuses to merge a request of another edition, changing nothing", async () => {
    const other = await makeOcpEdition(env.t.db);
    const a = await makeStakeholder(env.t);
    const here = await propose(a, env.edition.year);
    const there = await propose(a, other.year);
    const sec = await makeSecretariat(env.t);
    const sessionsBefore = await env.t.db.selectFrom("forum_sessions").select("id").execute();
    const response = await sec.browser.submit(listUrl(), `${listUrl()}/merge`, {
      requests: [here, there],
      title: "Cross-edition",
    });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain("another edition");
    expect((await requestRow(env.t.db, here)).status).toBe("submitted");
    expect((await requestRow(env.t.db, there)).status).toBe("submitted");
    expect(await env.t.db.selectFrom("forum_sessions").select("id").execute()).toHaveLength(
      sessionsBefore.length,
    );
    const one = await sec.browser.submit(listUrl(), `${listUrl()}/merge`, {
      requests: [here],
      title: "Alone",
    });
    expect(one.statusCode).toBe(400);
    expect(one.body).toContain('id="requests-error"');
  });

  it("lists and filters requests, and draws the live analysis with tables", async () => {
    const edition = await makeOcpEdition(env.t.db);
    const gov = await makeStakeholder(env.t, { stakeholderType: "government", country: "KE" });
    const uni = await makeStakeholder(env.t, { stakeholderType: "academia", country: "FR" });
    await propose(gov, edition.year, { actionLines: ["C5"], sdgs: [16] });
    await propose(uni, edition.year, { actionLines: ["C2"], sdgs: [9] });
    await uni.browser.api("POST", `/api/v1/forum/editions/${edition.year}/requests`, {
      title: "A draft stays private",
    });
    const ocpUrl = `/forum/${edition.year}/ocp`;
    await gov.browser.submit(ocpUrl, ocpUrl, { themes: "Cybersecurity", actionLines: ["C5"], sdgs: ["16"] });
    const sec = await makeSecretariat(env.t);
    const url = `/forum/${edition.year}/secretariat/requests`;
    const all = await sec.browser.get(url);
    expect(all.statusCode).toBe(200);
    expect(all.body).not.toContain("A draft stays private");
    const filtered = await sec.browser.get(`${url}?actionLine=C5&kind=workshop&status=submitted`);
    expect(filtered.body).toContain('<caption id="requests-caption">1 request</caption>');
    const analysis = await sec.browser.get(`${url}/analysis`);
    expect(analysis.statusCode).toBe(200);
    expect(analysis.body).toContain("1 official submission and 2 submitted requests");
    expect(analysis.body).toContain('class="bar-chart"');
    expect(analysis.body).toMatch(
      /<th scope="row">Africa<\/th><td class="numeric">1<\/td><td class="numeric">1<\/td>/,
    );
    expect(analysis.body).toMatch(
      /<th scope="row">Europe<\/th><td class="numeric">0<\/td><td class="numeric">1<\/td>/,
    );
  });

  it("is the secretariat's alone: others get 403", async () => {
    const s = await makeStakeholder(env.t);
    const id = await propose(s, env.edition.year);
    const base = listUrl();
    for (const url of [base, `${base}/analysis`, `${base}/${id}`])
      expect((await s.browser.get(url)).statusCode).toBe(403);
    const csrf = await s.browser.csrfToken(`/forum/${env.edition.year}/ocp`);
    const accept = await s.browser.submit("", `${base}/${id}/accept`, {}, { csrf });
    expect(accept.statusCode).toBe(403);
    expect((await requestRow(env.t.db, id)).status).toBe("submitted");
  });
});
