import { describe, expect, it } from "vitest";
import { Browser } from "../../testing/test-app.ts";
import {
  auditActions,
  bearerHeader,
  makeOcpEdition,
  makeStakeholder,
  setOcpDeadline,
  useOcpEnv,
} from "./ocp.testing.ts";

const env = useOcpEnv();
const url = (year: number) => `/api/v1/forum/editions/${year}/my-submission`;
const MINUTE = 60_000;

const submissionsOf = (userId: string) =>
  env.t.db.selectFrom("forum_ocp_submissions").selectAll().where("user_id", "=", userId).execute();

describe("getMyForumSubmission / putMyForumSubmission", () => {
  it("makes the official submission with the organisation's profile, replaces it in place, audited", async () => {
    const s = await makeStakeholder(env.t, { stakeholderType: "academia", country: "KE" });
    const none = await s.browser.api("GET", url(env.edition.year));
    expect(none.statusCode).toBe(404);
    expect(none.json().code).toBe("forum_ocp_submission_not_found");
    const created = await s.browser.api("PUT", url(env.edition.year), {
      themes: "Rural connectivity",
      format: "More workshops",
      actionLines: ["C2", "C2", "C4"],
      sdgs: [9, 4],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      year: env.edition.year,
      themes: "Rural connectivity",
      format: "More workshops",
      actionLines: ["C2", "C4"],
      sdgs: [4, 9],
      stakeholderType: "academia",
      countryCode: "KE",
      region: "AFR",
      editable: true,
      links: { self: url(env.edition.year), html: `/forum/${env.edition.year}/ocp` },
    });
    expect(created.json().deadlineText).toMatch(/Zurich time/);
    const replaced = await s.browser.api("PUT", url(env.edition.year), { themes: "Cybersecurity" });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json()).toMatchObject({ themes: "Cybersecurity", format: "", actionLines: [], sdgs: [] });
    const got = await s.browser.api("GET", url(env.edition.year));
    expect(got.statusCode).toBe(200);
    expect(got.json().themes).toBe("Cybersecurity");
    const rows = await submissionsOf(s.user.id);
    expect(rows).toHaveLength(1);
    expect(await auditActions(env.t.db, "forum_ocp_submission", rows[0]?.id as string)).toEqual([
      "forum.ocp_submission_create",
      "forum.ocp_submission_update",
    ]);
    const other = await makeStakeholder(env.t);
    expect((await other.browser.api("GET", url(env.edition.year))).statusCode).toBe(404);
  });

  it.each([
    [{}, "themes", "required"],
    [{ themes: "  " }, "themes", "required"],
    [{ themes: "x".repeat(10_001) }, "themes", "too_long"],
    [{ themes: "Views", format: "x".repeat(10_001) }, "format", "too_long"],
    [{ themes: "Views", actionLines: ["C99"] }, "actionLines", "unknown_code"],
    [{ themes: "Views", sdgs: [18] }, "sdgs.0", "invalid_value"],
  ])("refuses %j with a field code, storing nothing", async (body, field, code) => {
    const s = await makeStakeholder(env.t);
    const response = await s.browser.api("PUT", url(env.edition.year), body);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("validation_failed");
    expect(response.json().errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, code })]),
    );
    expect(await submissionsOf(s.user.id)).toHaveLength(0);
  });

  it("takes a submission a minute before the deadline and refuses it a minute after, keeping the first", async () => {
    const edition = await makeOcpEdition(env.t.db);
    const s = await makeStakeholder(env.t);
    await setOcpDeadline(env.t.db, edition.id, new Date(Date.now() + MINUTE));
    expect((await s.browser.api("PUT", url(edition.year), { themes: "In time" })).statusCode).toBe(201);
    await setOcpDeadline(env.t.db, edition.id, new Date(Date.now() - MINUTE));
    const late = await s.browser.api("PUT", url(edition.year), { themes: "Too late" });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe("forum_ocp_closed");
    expect(late.json().title).toContain("Zurich time");
    const kept = await s.browser.api("GET", url(edition.year));
    expect(kept.json()).toMatchObject({ themes: "In time", editable: false });
    const unknown = await s.browser.api("PUT", url(1999), { themes: "Views" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe("forum_edition_not_found");
  });

  it("replays an Idempotency-Key once and refuses the key for other content", async () => {
    const s = await makeStakeholder(env.t);
    const headers = { "idempotency-key": `ocp-submission-${Date.now()}` };
    const first = await s.browser.api("PUT", url(env.edition.year), { themes: "Once" }, headers);
    const again = await s.browser.api("PUT", url(env.edition.year), { themes: "Once" }, headers);
    expect([first.statusCode, again.statusCode]).toEqual([201, 201]);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    const rows = await submissionsOf(s.user.id);
    expect(await auditActions(env.t.db, "forum_ocp_submission", rows[0]?.id as string)).toEqual([
      "forum.ocp_submission_create",
    ]);
    const changed = await s.browser.api("PUT", url(env.edition.year), { themes: "Twice" }, headers);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe("idempotency_conflict");
    expect((await submissionsOf(s.user.id))[0]?.themes).toBe("Once");
  });

  it("asks who is calling, and takes API tokens with the forum:write scope only", async () => {
    const anonymous = new Browser(env.t.app);
    expect((await anonymous.api("GET", url(env.edition.year))).statusCode).toBe(401);
    expect((await anonymous.api("PUT", url(env.edition.year), { themes: "Views" })).statusCode).toBe(401);
    const s = await makeStakeholder(env.t);
    const bearer = (scopes: string[]) => bearerHeader(env.t.db, s.user.id, scopes);
    const reader = await anonymous.api(
      "PUT",
      url(env.edition.year),
      { themes: "V" },
      await bearer(["entries:read"]),
    );
    expect(reader.statusCode).toBe(403);
    expect(reader.json().code).toBe("insufficient_scope");
    const writer = await anonymous.api(
      "PUT",
      url(env.edition.year),
      { themes: "V" },
      await bearer(["forum:write"]),
    );
    expect(writer.statusCode).toBe(201);
    expect(await submissionsOf(s.user.id)).toHaveLength(1);
  });
});
