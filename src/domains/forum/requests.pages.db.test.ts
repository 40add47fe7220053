import { describe, expect, it } from "vitest";
import { makeOcpEdition, makeStakeholder, requestCount, setOcpDeadline, useOcpEnv } from "./ocp.testing.ts";

const env = useOcpEnv();

const workshopForm = (overrides: Record<string, string | string[]> = {}) => ({
  kind: "workshop",
  title: "Youth and digital skills",
  description: "A workshop on digital skills programmes run by young people.",
  sessionType: "interactive",
  mode: "onsite",
  organisers: "Youth Coalition",
  actionLines: ["C4"],
  sdgs: ["4", "8"],
  "speakers.0.name": "Sam Okafor",
  "speakers.0.email": "sam@example.org",
  "speakers.0.role": "moderator",
  intent: "submit",
  ...overrides,
});

describe("OCP pages for stakeholders", () => {
  it("proposes a workshop through the form; my-requests shows its status", async () => {
    const s = await makeStakeholder(env.t);
    const formUrl = `/forum/${env.edition.year}/requests/new?kind=workshop`;
    const page = await s.browser.get(formUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="speakers.0.email"');
    expect(page.body).toContain("Zurich time");
    const response = await s.browser.submit(formUrl, `/forum/${env.edition.year}/requests`, workshopForm());
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/forum/my-requests");
    const mine = await s.browser.get("/forum/my-requests");
    expect(mine.body).toContain("Youth and digital skills");
    expect(mine.body).toContain("Submitted");
    expect(mine.body).toContain("submitted to the secretariat");
  });

  it("keeps a draft, edits it, and shows field messages with the values kept", async () => {
    const s = await makeStakeholder(env.t);
    const formUrl = `/forum/${env.edition.year}/requests/new?kind=workshop`;
    await s.browser.submit(formUrl, `/forum/${env.edition.year}/requests`, {
      kind: "workshop",
      title: "Draft idea",
      intent: "draft",
    });
    const row = await env.t.db
      .selectFrom("forum_requests")
      .select(["id", "status"])
      .where("requester_id", "=", s.user.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("draft");
    const editUrl = `/forum/${env.edition.year}/requests/${row.id}/edit`;
    const bad = await s.browser.submit(
      editUrl,
      `/forum/${env.edition.year}/requests/${row.id}`,
      workshopForm({
        title: "Draft idea",
        "speakers.1.name": "Sam again",
        "speakers.1.email": "SAM@example.org",
        "speakers.1.role": "panellist",
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="speakers.1.email-error"');
    expect(bad.body).toContain('value="SAM@example.org"');
    expect(bad.body).toContain("error-summary");
    const stored = await env.t.db
      .selectFrom("forum_requests")
      .select("status")
      .where("id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe("draft");
    const good = await s.browser.submit(
      editUrl,
      `/forum/${env.edition.year}/requests/${row.id}`,
      workshopForm(),
    );
    expect(good.statusCode).toBe(303);
  });

  it("after the deadline the form says when it closed, in the venue's zone, and stores nothing", async () => {
    const edition = await makeOcpEdition(env.t.db, { timeZone: "Etc/GMT+12" });
    await setOcpDeadline(env.t.db, edition.id, new Date(Date.now() - 60_000));
    const s = await makeStakeholder(env.t);
    const page = await s.browser.get(`/forum/${edition.year}/requests/new?kind=exhibition`);
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain("closed on");
    expect(page.body).toContain("GMT+12 time");
    const csrf = await s.browser.csrfToken(`/forum/${env.edition.year}/ocp`);
    const post = await s.browser.submit(
      "",
      `/forum/${edition.year}/requests`,
      { kind: "exhibition", title: "Late stand", standSize: "small", description: "x", intent: "submit" },
      { csrf },
    );
    expect(post.statusCode).toBe(409);
    expect(await requestCount(env.t.db, s.user.id)).toBe(0);
    const ocpPage = await s.browser.get(`/forum/${edition.year}/ocp`);
    expect(ocpPage.body).toContain("closed on");
    expect(ocpPage.body).not.toContain('name="themes"');
    const late = await s.browser.submit("", `/forum/${edition.year}/ocp`, { themes: "Too late" }, { csrf });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain("GMT+12 time");
    const stored = await env.t.db
      .selectFrom("forum_ocp_submissions")
      .select("id")
      .where("user_id", "=", s.user.id)
      .execute();
    expect(stored).toEqual([]);
  });

  it("keeps one official submission per account, changed in place, with the organisation's profile", async () => {
    const s = await makeStakeholder(env.t, { stakeholderType: "private_sector", country: "DE" });
    const url = `/forum/${env.edition.year}/ocp`;
    const page = await s.browser.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Private sector");
    const empty = await s.browser.submit(url, url, { themes: "  ", format: "", actionLines: ["C1"] });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('id="themes-error"');
    const unknown = await s.browser.submit(url, url, { themes: "AI governance", sdgs: ["42"] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('id="sdgs-error"');
    expect(
      await s.browser.submit(url, url, { themes: "AI governance", actionLines: ["C10"], sdgs: ["16"] }),
    ).toMatchObject({
      statusCode: 303,
    });
    expect(
      await s.browser.submit(url, url, { themes: "AI and data governance", format: "More hybrid" }),
    ).toMatchObject({
      statusCode: 303,
    });
    const rows = await env.t.db
      .selectFrom("forum_ocp_submissions")
      .selectAll()
      .where("user_id", "=", s.user.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      themes: "AI and data governance",
      format: "More hybrid",
      stakeholder_type: "private_sector",
      region_code: "EUR",
    });
    const audits = await env.t.db
      .selectFrom("audit_log")
      .select("action")
      .where("subject_type", "=", "forum_ocp_submission")
      .where("subject_id", "=", rows[0]?.id as string)
      .orderBy("id")
      .execute();
    expect(audits.map((a) => a.action)).toEqual([
      "forum.ocp_submission_create",
      "forum.ocp_submission_update",
    ]);
  });

  it("sends visitors who are not signed in to sign in", async () => {
    const { Browser } = await import("../../testing/test-app.ts");
    const response = await new Browser(env.t.app).get("/forum/my-requests");
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/sign-in\?next=/);
  });
});
