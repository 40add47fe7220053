import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type { FastifyInstance } from "fastify";
import { apiWriteOptions, replayedOutcome } from "../../platform/http/idempotent-api.ts";
import { clientIp } from "../../platform/http/request-context.ts";
import { requirePermission } from "../../platform/permissions.ts";
import { IdempotencyHeaders } from "../stocktaking/entries.schema.ts";
import { badgeKey } from "./badges.token.ts";
import { syncCheckins } from "./checkin.service.ts";
import { parseForumYear } from "./ocp-edition.ts";
import {
  CheckinBody,
  CheckinResponse,
  RegisterBody,
  RegistrationResponse,
  RegistrationYearParams,
} from "./registration.schema.ts";
import { registerForForum } from "./registration.service.ts";

const TAGS = ["forum"];
const SECURITY = [{ bearer: [] }];

/** Registration and check-in as API operations. */
export async function registrationApiRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const { db, config } = app.deps;
  const key = badgeKey(config.sessionSecret);

  app.post(
    "/api/v1/forum/editions/:year/registration",
    {
      config: { permission: "forum.participate" },
      schema: {
        operationId: "registerForForum",
        tags: TAGS,
        summary: "Register for a Forum edition, onsite (accreditation) or remote",
        description:
          "Remote registrations are confirmed at once. Onsite ones are confirmed at once for organisations accredited automatically, otherwise they carry an expression of interest (`interest`) and stay `pending` until the secretariat or a focal point decides. Refused outside the registration window (409 `forum_registration_not_open`, `forum_registration_closed`), after the accreditation deadline for an expression of interest (409 `forum_accreditation_closed`), or when already registered (409 `forum_already_registered`).",
        security: SECURITY,
        headers: IdempotencyHeaders,
        params: RegistrationYearParams,
        body: RegisterBody,
        response: { 201: RegistrationResponse },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request.actor, "forum.participate");
      const year = parseForumYear(request.params.year);
      const result = await registerForForum(db, actor, year, request.body, apiWriteOptions(request));
      return reply.code(201).send(replayedOutcome(reply, result));
    },
  );

  app.post(
    "/api/v1/forum/editions/:year/checkins",
    {
      config: { permission: "forum.checkin" },
      schema: {
        operationId: "syncForumCheckins",
        tags: TAGS,
        summary: "Sync door check-in scans (a batch from the offline check-in page)",
        description:
          "Each scan carries an id the phone made up: a scan synced again answers its stored result with `duplicate: true` and is counted once. Every scan gets its own result.",
        params: RegistrationYearParams,
        body: CheckinBody,
        response: { 200: CheckinResponse },
      },
    },
    async (request) => {
      const actor = requirePermission(request.actor, "forum.checkin");
      return syncCheckins(db, key, actor, parseForumYear(request.params.year), request.body.scans, {
        ip: clientIp(request),
      });
    },
  );
}
