import { describe, expect, it } from "vitest";
import { makeUser } from "../../testing/factories.ts";
import { Browser, signedInBrowser } from "../../testing/test-app.ts";
import { makeForumEdition, makeForumSession } from "./forum.testing.ts";
import { api, usePlacesEnv } from "./schedule-places.testing.ts";

// The places API (setForumSessionPlaces).
const { env, limitedSession, join, row, mailsTo } = usePlacesEnv();

describe("the places API (setForumSessionPlaces)", () => {
  it("sets places, promotes on a raise, and answers each refusal with its code", async () => {
    const e = await makeForumEdition(env.t.db);
    const session = await limitedSession(e, 2);
    await join(e, session.id, 2);
    const waiting = await join(e, session.id, 2);
    const put = (body: Record<string, unknown>, number = session.number) =>
      env.secretariat.api("PUT", `${api(e, number)}/places`, body);
    const codes = (response: Awaited<ReturnType<typeof put>>) =>
      response.json().errors.map((error: { field: string; code: string }) => [error.field, error.code]);

    const raised = await put({ limited: true, capacity: 3 });
    expect(raised.statusCode).toBe(200);
    expect(raised.json()).toEqual({
      number: session.number,
      limited: true,
      capacity: 3,
      confirmed: 3,
      waitlisted: 1,
      promoted: 1,
      conflicts: [],
    });
    expect((await mailsTo(waiting)).map((mail) => mail.id)).toEqual([waiting[0]]);

    const required = await put({ limited: true });
    expect(required.statusCode).toBe(400);
    expect(required.json().code).toBe("validation_failed");
    expect(codes(required)).toEqual([["capacity", "required"]]);
    expect(codes(await put({ limited: true, capacity: 0 }))).toEqual([["capacity", "out_of_range"]]);
    expect(codes(await put({ limited: true, capacity: 100001 }))).toEqual([["capacity", "out_of_range"]]);
    expect(codes(await put({ limited: true, capacity: 2.5 }))).toEqual([["capacity", "invalid_value"]]);
    const below = await put({ limited: true, capacity: 2, saveAnyway: true });
    expect(below.json().errors).toEqual([
      {
        field: "capacity",
        code: "below_places_taken",
        message: "3 people already hold a place: the number of places cannot be lower",
      },
    ]);
    expect(codes(await put({ limited: true, capacity: 101 }))).toEqual([["capacity", "over_capacity"]]);
    expect(codes(await put({ limited: false }))).toEqual([["limited", "confirms_waitlist"]]);
    expect(await row(session.id)).toEqual({ places_limited: true, capacity: 3 });

    expect(codes(await put({ limited: true, capacity: "ten" }))).toEqual([["capacity", "invalid_value"]]);
    const lifted = await put({ limited: false, saveAnyway: true });
    expect(lifted.statusCode).toBe(200);
    expect(lifted.json()).toMatchObject({
      limited: false,
      capacity: null,
      confirmed: 4,
      waitlisted: 0,
      promoted: 1,
    });
    expect(await mailsTo(waiting)).toHaveLength(2);

    expect((await put({ limited: true, capacity: 5 }, 999)).json().code).toBe("forum_session_not_found");
    const noEdition = await env.secretariat.api("PUT", `/api/v1/forum/editions/2001/sessions/1/places`, {
      limited: false,
    });
    expect(noEdition.json().code).toBe("forum_edition_not_found");
    const cancelled = await makeForumSession(env.t.db, e, { status: "cancelled" });
    const refused = await put({ limited: true, capacity: 5 }, cancelled.number);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("forum_session_cancelled");
    const user = await signedInBrowser(env.t.app, env.t.db, await makeUser(env.t.db));
    const forbidden = await user.api("PUT", `${api(e, session.number)}/places`, { limited: false });
    expect(forbidden.statusCode).toBe(403);
    expect((await new Browser(env.t.app).api("PUT", `${api(e, session.number)}/places`, {})).statusCode).toBe(
      401,
    );
  });

  it("is in the OpenAPI document beside scheduleForumSession", async () => {
    const document = (await env.t.app.inject({ method: "GET", url: "/openapi.json" })).json();
    const path = document.paths["/api/v1/forum/editions/{year}/sessions/{number}/places"];
    expect(path.put.operationId).toBe("setForumSessionPlaces");
    expect(document.paths["/api/v1/forum/editions/{year}/sessions/{number}/slot"].put.operationId).toBe(
      "scheduleForumSession",
    );
  });
});
