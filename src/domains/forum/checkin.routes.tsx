import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { randomToken } from "../../platform/crypto.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { ASSETS } from "../../ui/assets.ts";
import { type FormErrors, toFormErrors } from "../../ui/components.tsx";
import { pageContext, sendPage } from "../../ui/render.tsx";
import { badgeKey } from "./badges.token.ts";
import { CheckinPage, type ShownScan } from "./checkin.pages.tsx";
import { countAdmitted } from "./checkin.repo.ts";
import { SCAN_ID, syncEditionCheckins } from "./checkin.service.ts";
import { formatVenueTime, parseForumYear } from "./ocp-edition.ts";
import { loadRegistrationEdition, type RegistrationEdition } from "./registration-edition.ts";

const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** The door check-in page (`forum.checkin`), its no-JavaScript form, and its service worker. */
export async function checkinRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.deps;
  const key = badgeKey(config.sessionSecret);

  const editionOf = (request: FastifyRequest) =>
    loadRegistrationEdition(db, parseForumYear((request.params as Record<string, unknown>).year));

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    edition: RegistrationEdition,
    form: { token: string; errors: FormErrors; last: ShownScan | null },
    // A sync already counted admissions; count again only when none ran.
    { admittedTotal, status = 200 }: { admittedTotal?: number; status?: number } = {},
  ) {
    const ctx = pageContext(request, reply);
    return sendPage(
      reply,
      <CheckinPage
        ctx={ctx}
        year={edition.year}
        timeZone={edition.timeZone}
        // A fresh id per rendered form: sending the same form twice is one scan.
        scanId={randomToken(16)}
        token={form.token}
        errors={form.errors}
        last={form.last}
        admittedTotal={admittedTotal ?? (await countAdmitted(db, edition.id))}
      />,
      status,
    );
  }

  app.get("/forum/:year/checkin", { config: { permission: "forum.checkin" } }, async (request, reply) =>
    render(request, reply, await editionOf(request), { token: "", errors: {}, last: null }),
  );

  app.post("/forum/:year/checkin", { config: { permission: "forum.checkin" } }, async (request, reply) => {
    const actor = requirePermission(request.actor, "forum.checkin");
    const edition = await editionOf(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const token = text(body.token).trim();
    const scanId = text(body.scanId);
    const errors = new FieldErrors();
    if (token === "") errors.add("token", "required");
    else if (token.length > 200) errors.add("token", "too_long", { max: 200 });
    // A tampered scan id is shown on the token: it is the only field people see.
    else if (!SCAN_ID.test(scanId)) errors.add("token", "invalid_value");
    if (!errors.ok)
      return render(
        request,
        reply,
        edition,
        { token, errors: toFormErrors(errors.list), last: null },
        { status: 400 },
      );
    const scan = { scanId, token };
    const { results, admittedTotal } = await syncEditionCheckins(db, key, actor, edition, [scan], {
      ip: clientIp(request),
    });
    const result = results[0];
    const last: ShownScan | null = result
      ? {
          ...result,
          checkedInAt: result.checkedInAt
            ? formatVenueTime(new Date(result.checkedInAt), edition.timeZone, request.lang)
            : null,
        }
      : null;
    return render(request, reply, edition, { token: "", errors: {}, last }, { admittedTotal });
  });

  // Served under /forum/ so it may control the check-in pages (a worker's scope is its folder).
  app.get("/forum/checkin-sw.js", { config: { permission: "public" } }, async (_request, reply) =>
    reply
      .header("content-type", ASSETS.forumCheckinSw.contentType)
      .header("cache-control", "no-cache")
      .send(ASSETS.forumCheckinSw.body),
  );
}
