import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { randomToken } from "../../platform/crypto.ts";
import { ValidationError } from "../../platform/errors.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { ASSETS } from "../../ui/assets.ts";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { badgeKey } from "./badges.token.ts";
import { CheckinPage, type ShownScan } from "./checkin.pages.tsx";
import { countAdmitted } from "./checkin.repo.ts";
import { SCAN_ID, syncCheckins } from "./checkin.service.ts";
import { formatVenueTime, parseForumYear } from "./ocp-edition.ts";
import { loadRegistrationEdition } from "./registration-edition.ts";

const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** The door check-in page (`forum.checkin`), its no-JavaScript form, and its service worker. */
export async function checkinRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.deps;
  const key = badgeKey(config.sessionSecret);

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { token: string; errors: FormErrors; last: ShownScan | null },
    status = 200,
  ) {
    const ctx = pageContext(request, reply);
    const year = parseForumYear((request.params as Record<string, unknown>).year);
    const edition = await loadRegistrationEdition(db, year);
    return sendPage(
      reply,
      <CheckinPage
        ctx={ctx}
        year={year}
        timeZone={edition.timeZone}
        // A fresh id per rendered form: sending the same form twice is one scan.
        scanId={randomToken(16)}
        token={form.token}
        errors={form.errors}
        last={form.last}
        admittedTotal={await countAdmitted(db, edition.id)}
      />,
      status,
    );
  }

  app.get("/forum/:year/checkin", { config: { permission: "forum.checkin" } }, async (request, reply) =>
    render(request, reply, { token: "", errors: {}, last: null }),
  );

  app.post("/forum/:year/checkin", { config: { permission: "forum.checkin" } }, async (request, reply) => {
    const actor = requirePermission(request.actor, "forum.checkin");
    const year = parseForumYear((request.params as Record<string, unknown>).year);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const token = text(body.token).trim();
    const scanId = text(body.scanId);
    try {
      if (token === "" || token.length > 200)
        throw new ValidationError([
          token === ""
            ? { field: "token", code: "required" }
            : { field: "token", code: "too_long", params: { max: 200 } },
        ]);
      if (!SCAN_ID.test(scanId)) throw new ValidationError([{ field: "token", code: "invalid_value" }]);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return render(request, reply, { token, errors: toFormErrors(error.fieldErrors), last: null }, 400);
    }
    const { results } = await syncCheckins(db, key, actor, year, [{ scanId, token }], {
      ip: clientIp(request),
    });
    const edition = await loadRegistrationEdition(db, year);
    const result = results[0];
    const last: ShownScan | null = result
      ? {
          ...result,
          checkedInAt: result.checkedInAt
            ? formatVenueTime(new Date(result.checkedInAt), edition.timeZone, request.lang)
            : null,
        }
      : null;
    return render(request, reply, { token: "", errors: {}, last });
  });

  // Served under /forum/ so it may control the check-in pages (a worker's scope is its folder).
  app.get("/forum/checkin-sw.js", { config: { permission: "public" } }, async (_request, reply) =>
    reply
      .header("content-type", ASSETS.forumCheckinSw.contentType)
      .header("cache-control", "no-cache")
      .send(ASSETS.forumCheckinSw.body),
  );
}
