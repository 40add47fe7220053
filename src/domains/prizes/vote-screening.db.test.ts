import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VotingConfig } from "../../config.ts";
import { makeUser } from "../../testing/factories.ts";
import { Browser, createTestApp, signedInBrowser, type TestApp } from "../../testing/test-app.ts";
import { prizeRules } from "./prize-rules.ts";
import { makeVotingEdition, type VotingFixture } from "./prizes-voting.testing.ts";
import { normaliseEmail } from "./vote-receipts.ts";
import { normalisedEmailSql } from "./vote-screening.repo.ts";
import { screenVotes } from "./vote-screening.service.ts";
import { tallyVotes } from "./vote-tally.repo.ts";

let t: TestApp;
let thresholds: VotingConfig;
beforeAll(async () => {
  t = await createTestApp();
  thresholds = { ...t.config.voting, ipBurst: 3, ipBurstWindowMinutes: 10, freshHours: 48, freshMin: 2 };
});
afterAll(async () => t?.close());

let sequence = 0;
/** A vote written directly (as many voters from chosen networks would cast them). */
async function vote(
  f: VotingFixture,
  voterId: string,
  category: string,
  nominee: string,
  ipRange: string | null = null,
): Promise<string> {
  sequence += 1;
  const row = await t.db
    .insertInto("prize_votes")
    .values({
      edition_id: f.edition.id,
      category_code: category,
      submission_id: nominee,
      voter_id: voterId,
      receipt: `screen-${process.pid}-${sequence}-${Date.now()}`,
      ip_range: ipRange,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

async function flags(f: VotingFixture) {
  return t.db
    .selectFrom("prize_vote_flags")
    .select(["id", "kind", "group_key", "vote_count", "status"])
    .where("edition_id", "=", f.edition.id)
    .orderBy("id")
    .execute();
}

/** An account created long ago, so the fresh-account screen leaves it alone. */
async function oldUser(email?: string) {
  const user = await makeUser(t.db, email ? { email } : {});
  await t.db
    .updateTable("users")
    .set({ created_at: new Date(Date.now() - 365 * 86_400_000) })
    .where("id", "=", user.id)
    .execute();
  return user;
}

describe("e-mail normalisation", () => {
  it("is the same in SQL as in TypeScript", async () => {
    const samples = [
      "A.B+x@gmail.com",
      "ab@googlemail.com",
      "a.b@example.org",
      "a.b+tag@Example.org",
      "plain@x.io",
    ];
    const rows = await sql<{ email: string; mailbox: string }>`
      select email, ${normalisedEmailSql(sql`email`)} as mailbox
      from unnest(${samples}::text[]) as email
    `.execute(t.db);
    for (const row of rows.rows) expect(row.mailbox).toBe(normaliseEmail(row.email));
    expect(normaliseEmail("A.B+x@gmail.com")).toBe(normaliseEmail("ab@googlemail.com"));
  });
});

describe("screening", () => {
  it("flags e-mail aliases, bursts from one network and fresh single-category voters, without touching votes", async () => {
    const f = await makeVotingEdition(t.db);
    // One mailbox: Gmail ignores dots and +tags, and googlemail.com is gmail.com.
    const alias1 = await oldUser(`a.b${process.pid}+x@gmail.com`);
    const alias2 = await oldUser(`ab${process.pid}@googlemail.com`);
    await vote(f, alias1.id, f.c1, f.a);
    await vote(f, alias2.id, f.c1, f.b);
    await vote(f, alias2.id, f.c2, f.c);
    const burst = await Promise.all([1, 2, 3].map(() => oldUser()));
    for (const user of burst) await vote(f, user.id, f.c2, f.c, "198.51.100.0/24");
    const lone = await oldUser();
    await vote(f, lone.id, f.c2, f.c, "203.0.113.0/24");
    const fresh = await Promise.all([1, 2].map(() => makeUser(t.db)));
    for (const user of fresh) await vote(f, user.id, f.c1, f.b);
    const busy = await makeUser(t.db);
    await vote(f, busy.id, f.c1, f.a);
    await vote(f, busy.id, f.c2, f.c);

    const before = await tallyVotes(t.db, f.edition.id, prizeRules({}));
    await screenVotes(t.db, f.edition.id, thresholds);
    await screenVotes(t.db, f.edition.id, thresholds);
    const found = await flags(f);
    expect(found.map((flag) => [flag.kind, flag.vote_count, flag.status]).sort()).toEqual(
      [
        ["email_alias", 3, "open"],
        ["fresh_accounts", 2, "open"],
        ["ip_burst", 3, "open"],
      ].sort(),
    );
    expect(found.find((flag) => flag.kind === "ip_burst")?.group_key).toMatch(/^198\.51\.100\.0\/24 /);
    expect(found.find((flag) => flag.kind === "email_alias")?.group_key).toBe(`ab${process.pid}@gmail.com`);
    expect(found.find((flag) => flag.kind === "fresh_accounts")?.group_key).toBe(`${f.c1} ${f.b}`);
    // Flagged, not dropped.
    expect(await tallyVotes(t.db, f.edition.id, prizeRules({}))).toEqual(before);
  });

  it("lets the secretariat invalidate a flagged group with a reason, audited per vote and left out of the count", async () => {
    const f = await makeVotingEdition(t.db);
    const users = await Promise.all([1, 2, 3].map(() => oldUser()));
    for (const user of users) await vote(f, user.id, f.c1, f.a, "192.0.2.0/24");
    await vote(f, (await oldUser()).id, f.c1, f.b);
    await screenVotes(t.db, f.edition.id, thresholds);
    const [flag] = await flags(f);
    if (!flag) throw new Error("no flag");
    const moderator = await makeUser(t.db, { role: "moderator" });
    const browser = await signedInBrowser(t.app, t.db, moderator);
    const page = `/prizes/${f.edition.year}/secretariat/votes`;
    const overview = await browser.get(page);
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain(`${page}/flags/${flag.id}`);
    const flagPage = `${page}/flags/${flag.id}`;
    expect((await browser.get(flagPage)).statusCode).toBe(200);

    const noReason = await browser.submit(flagPage, `${flagPage}/invalidate`, { reason: "  " });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('aria-invalid="true"');
    const done = await browser.submit(flagPage, `${flagPage}/invalidate`, {
      reason: "Burst from one office network",
    });
    expect(done.statusCode).toBe(303);

    const tally = await tallyVotes(t.db, f.edition.id, prizeRules({}));
    expect(tally.counted).toBe(1);
    expect(tally.invalidated).toEqual([{ reason: "Burst from one office network", count: 3 }]);
    const audits = await t.db
      .selectFrom("audit_log")
      .select(["subject_id", "actor_id"])
      .where("action", "=", "prize.vote_invalidate")
      .where("actor_id", "=", moderator.id)
      .execute();
    expect(audits).toHaveLength(3);
    expect((await flags(f))[0]?.status).toBe("invalidated");
    // A flag already acted on cannot be cleared.
    const clear = await browser.submit(flagPage, `${flagPage}/clear`, { note: "fine" });
    expect(clear.statusCode).toBe(409);
  });

  it("invalidates one vote by its receipt, refuses a second time, and clears a flag with a note", async () => {
    const f = await makeVotingEdition(t.db);
    const users = await Promise.all([1, 2, 3].map(() => oldUser()));
    const ids: string[] = [];
    for (const user of users) ids.push(await vote(f, user.id, f.c2, f.c, "2001:db8:1::/48"));
    await screenVotes(t.db, f.edition.id, thresholds);
    const admin = await makeUser(t.db, { role: "admin" });
    const browser = await signedInBrowser(t.app, t.db, admin);
    const page = `/prizes/${f.edition.year}/secretariat/votes`;
    const receipt = (
      await t.db
        .selectFrom("prize_votes")
        .select("receipt")
        .where("id", "=", ids[0] as string)
        .executeTakeFirstOrThrow()
    ).receipt;

    const missing = await browser.submit(page, `${page}/invalidate`, { vote: "", reason: "" });
    expect(missing.statusCode).toBe(400);
    const unknown = await browser.submit(page, `${page}/invalidate`, { vote: "999999999", reason: "x" });
    expect(unknown.statusCode).toBe(404);
    expect(
      (await browser.submit(page, `${page}/invalidate`, { vote: receipt, reason: "Duplicate person" }))
        .statusCode,
    ).toBe(303);
    const again = await browser.submit(page, `${page}/invalidate`, {
      vote: ids[0] as string,
      reason: "again",
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("already been invalidated");

    const [flag] = await flags(f);
    const flagPage = `${page}/flags/${flag?.id}`;
    expect((await browser.submit(flagPage, `${flagPage}/clear`, { note: "" })).statusCode).toBe(400);
    expect(
      (await browser.submit(flagPage, `${flagPage}/clear`, { note: "A university lab" })).statusCode,
    ).toBe(303);
    const cleared = await t.db
      .selectFrom("audit_log")
      .select("after")
      .where("action", "=", "prize.vote_flag_clear")
      .where("subject_id", "=", flag?.id as string)
      .execute();
    expect(cleared).toHaveLength(1);
    expect((await browser.submit(flagPage, `${flagPage}/clear`, { note: "twice" })).statusCode).toBe(409);
    // A new vote joining the cleared group opens the flag again.
    await vote(f, (await oldUser()).id, f.c2, f.c, "2001:db8:1::/48");
    await screenVotes(t.db, f.edition.id, thresholds);
    expect((await flags(f))[0]).toMatchObject({ status: "open", vote_count: 4 });
    expect((await tallyVotes(t.db, f.edition.id, prizeRules({}))).counted).toBe(3);
  });

  it("keeps the secretariat pages from everyone else, and live totals off public pages", async () => {
    const f = await makeVotingEdition(t.db);
    const page = `/prizes/${f.edition.year}/secretariat/votes`;
    const user = await signedInBrowser(t.app, t.db, await makeUser(t.db));
    expect((await user.get(page)).statusCode).toBe(403);
    expect((await new Browser(t.app).get(page)).statusCode).toBe(303);
    const csrf = await user.csrfToken(`/prizes/${f.edition.year}/vote`);
    expect((await user.submit(page, `${page}/screen`, {}, { csrf })).statusCode).toBe(403);
    const moderator = await signedInBrowser(t.app, t.db, await makeUser(t.db, { role: "moderator" }));
    expect((await moderator.submit(page, `${page}/screen`, {})).statusCode).toBe(303);
    const overview = await moderator.get(page);
    expect(overview.body).toContain("votes counted");
    const publicPage = await new Browser(t.app).get(`/prizes/${f.edition.year}/vote`);
    expect(publicPage.body).not.toContain("votes counted");
  });
});
