import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { type Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { badgeKey, openBadge, signBadge } from "./badges.token.ts";
import { makeForumEdition, type TestForumEdition } from "./forum.testing.ts";
import { makeForumRegistration } from "./registration.testing.ts";

let t: TestApp;
let door: Browser;
let key: Buffer;
beforeAll(async () => {
  t = await createTestApp();
  door = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
  key = badgeKey(t.config.sessionSecret);
});
afterAll(async () => t?.close());

const syncUrl = (edition: TestForumEdition) => `/api/v1/forum/editions/${edition.year}/checkins`;
let scans = 0;
const scanId = () => {
  scans += 1;
  return `scan-${process.pid}-${scans}-abcdef`;
};

async function badge(
  edition: TestForumEdition,
  options: Parameters<typeof makeForumRegistration>[3] = {},
  name?: string,
) {
  const user = await makeUser(t.db, name ? { name } : {});
  const id = await makeForumRegistration(t.db, edition, user.id, options);
  return { user, id, token: signBadge(key, { year: edition.year, registrationId: id, version: 1 }) };
}

const sync = (
  edition: TestForumEdition,
  items: Array<{ scanId: string; token: string; scannedAt?: string }>,
) => door.api("POST", syncUrl(edition), { scans: items });

describe("badge tokens", () => {
  it("open only when this key signed them, unchanged", () => {
    const token = signBadge(key, { year: 2031, registrationId: "42", version: 1 });
    expect(openBadge(key, ` ${token} `)).toEqual({ year: 2031, registrationId: "42", version: 1 });
    expect(openBadge(badgeKey("another secret of at least thirty-two chars"), token)).toBeNull();
    expect(openBadge(key, token.replace("WF1.2031.42", "WF1.2031.43"))).toBeNull();
    expect(openBadge(key, token.replace("WF1.2031", "WF1.2032"))).toBeNull();
    expect(openBadge(key, "")).toBeNull();
    expect(openBadge(key, "x".repeat(500))).toBeNull();
  });
});

describe("badges", () => {
  it("gives a confirmed onsite registrant a PDF badge, whatever the script of their name, and nobody else", async () => {
    const edition = await makeForumEdition(t.db);
    for (const name of ["Amina Wanjiru", "أمينة الحسيني", "王小明", "Анна Иванова"]) {
      const { user } = await badge(edition, {}, name);
      const browser = await signedInBrowser(t.app, t.db, user);
      const pdf = await browser.get(`/forum/${edition.year}/badge.pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers["content-type"]).toBe("application/pdf");
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    }
    for (const options of [
      { attendance: "remote" as const },
      { status: "pending" as const },
      { status: "cancelled" as const },
    ]) {
      const { user } = await badge(edition, options);
      const browser = await signedInBrowser(t.app, t.db, user);
      const refused = await browser.get(`/forum/${edition.year}/badge.pdf`);
      expect(refused.statusCode).toBe(404);
    }
  });
});

describe("check-in sync (API)", () => {
  it("admits a badge once: a duplicate sync counts once, a new scan of it says when it was first used", async () => {
    const edition = await makeForumEdition(t.db);
    const { token, user } = await badge(edition);
    const first = { scanId: scanId(), token, scannedAt: "2020-01-01T08:00:00Z" };
    const answer = await sync(edition, [first]);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      results: [
        {
          scanId: first.scanId,
          result: "admitted",
          duplicate: false,
          name: user.name,
          organisation: null,
          checkedInAt: "2020-01-01T08:00:00.000Z",
        },
      ],
      admittedTotal: 1,
    });
    const again = await sync(edition, [first, first]);
    expect(
      again
        .json()
        .results.map((item: { result: string; duplicate: boolean }) => [item.result, item.duplicate]),
    ).toEqual([
      ["admitted", true],
      ["admitted", true],
    ]);
    expect(again.json().admittedTotal).toBe(1);
    const reused = await sync(edition, [{ scanId: scanId(), token }]);
    expect(reused.json().results[0]).toMatchObject({
      result: "already_checked_in",
      duplicate: false,
      checkedInAt: "2020-01-01T08:00:00.000Z",
    });
    const rows = await t.db
      .selectFrom("forum_checkins")
      .select("result")
      .where("edition_id", "=", edition.id)
      .execute();
    expect(rows.map((row) => row.result).sort()).toEqual(["admitted", "already_checked_in"]);
  });

  it("refuses forged tokens, another edition's badge, cancelled or revoked registrations and remote participants, each with its own result", async () => {
    const edition = await makeForumEdition(t.db);
    const other = await makeForumEdition(t.db);
    const good = await badge(edition);
    const forged = `${good.token.slice(0, -4)}AAAA`;
    const foreign = await badge(other);
    const cancelled = await badge(edition, { status: "cancelled" });
    const remote = await badge(edition, { attendance: "remote" });
    const reprinted = await badge(edition);
    await t.db
      .updateTable("forum_registrations")
      .set({ badge_version: 2 })
      .where("id", "=", reprinted.id)
      .execute();
    const answer = await sync(edition, [
      { scanId: scanId(), token: forged },
      { scanId: scanId(), token: "hello" },
      { scanId: scanId(), token: foreign.token },
      { scanId: scanId(), token: cancelled.token },
      { scanId: scanId(), token: reprinted.token },
      { scanId: scanId(), token: remote.token },
    ]);
    expect(answer.statusCode).toBe(200);
    expect(answer.json().results.map((item: { result: string }) => item.result)).toEqual([
      "invalid",
      "invalid",
      "other_edition",
      "revoked",
      "revoked",
      "not_onsite",
    ]);
    expect(answer.json().admittedTotal).toBe(0);
  });

  it("refuses malformed batches as a whole (400) and people without the check-in permission (403)", async () => {
    const edition = await makeForumEdition(t.db);
    const { token } = await badge(edition);
    for (const body of [
      { scans: [] },
      { scans: [{ scanId: "short", token }] },
      { scans: [{ scanId: scanId() }] },
      {},
    ]) {
      const response = await door.api("POST", syncUrl(edition), body);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe("validation_failed");
    }
    const participant = await signedInBrowser(t.app, t.db, await makeUser(t.db));
    const refused = await participant.api("POST", syncUrl(edition), { scans: [{ scanId: scanId(), token }] });
    expect(refused.statusCode).toBe(403);
    expect((await participant.get(`/forum/${edition.year}/checkin`)).statusCode).toBe(403);
    expect(
      await t.db
        .selectFrom("forum_checkins")
        .select("scan_id")
        .where("edition_id", "=", edition.id)
        .execute(),
    ).toEqual([]);
  });
});

describe("check-in page", () => {
  it("works without JavaScript: the form admits once and says so again when sent twice", async () => {
    const edition = await makeForumEdition(t.db);
    const { token, user } = await badge(edition);
    const url = `/forum/${edition.year}/checkin`;
    const page = await door.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<script src="\/assets\/forum-checkin\.[0-9a-f]+\.js" defer/);
    expect(page.body).toContain('data-sw="/forum/checkin-sw.js"');
    const id = /name="scanId" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const admitted = await door.submit(url, url, { scanId: id, token });
    expect(admitted.statusCode).toBe(200);
    expect(admitted.body).toContain(`Admitted: ${user.name}`);
    expect(admitted.body).toContain("Admitted so far: 1");
    const twice = await door.submit(url, url, { scanId: id, token });
    expect(twice.body).toContain("This scan had already been received");
    const reused = await door.submit(url, url, { scanId: `${id}x`, token });
    expect(reused.body).toContain("Already checked in at");
    const empty = await door.submit(url, url, { scanId: id, token: "  " });
    expect(empty.statusCode).toBe(400);
  });

  it("serves its service worker under /forum/ as JavaScript", async () => {
    const worker = await t.app.inject({ method: "GET", url: "/forum/checkin-sw.js" });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers["content-type"]).toContain("text/javascript");
    expect(worker.body).toContain("caches.open");
  });

  it("holds one admission per registration in the database itself", async () => {
    const edition = await makeForumEdition(t.db);
    const { id, token } = await badge(edition);
    await sync(edition, [{ scanId: scanId(), token }]);
    await expect(
      t.db
        .insertInto("forum_checkins")
        .values({
          edition_id: edition.id,
          scan_id: scanId(),
          token_hash: "x",
          registration_id: id,
          result: "admitted",
          scanned_at: new Date(),
        })
        .execute(),
    ).rejects.toThrow();
  });
});
