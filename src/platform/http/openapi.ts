import type { FastifyDynamicSwaggerOptions } from "@fastify/swagger";
import { SESSION_COOKIE } from "../auth/sessions.ts";
import { API_SCOPES, type Permission, scopeFor } from "../permissions.ts";
import { OPERATION_EXAMPLES, PROBLEM_EXAMPLES } from "./openapi-examples.ts";

/**
 * The OpenAPI 3.1 document served at `/openapi.json`. Route schemas (TypeBox) describe each
 * operation; this module adds what is the same for all of them, derived from the route's named
 * permission rather than written per route, so it cannot drift: who may call it (security
 * requirements with the token scope), the problem+json answers every operation can give (401 for a
 * bad token, 403, 404, 429 with the rate-limit headers), conditional GETs (ETag, If-None-Match,
 * 304) and the examples of `openapi-examples.ts`.
 */

type Json = Record<string, unknown>;
type Operation = {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Json[];
  requestBody?: { content?: Record<string, Json> };
  responses?: Record<string, Json>;
};

const DESCRIPTION = `Stocktaking entries, reference data and more, in the six UN languages (\`Accept-Language\` or \`?lang=\`).

**Authentication.** Reading published data needs none. Everything else takes a personal API token, created and revoked on the account page (\`/account/tokens\`) or with \`npm run wsis -- token:create\`, sent as \`Authorization: Bearer wsis_…\`. A token carries scopes: ${API_SCOPES.map((scope) => `\`${scope}\``).join(", ")} (\`moderation\` for moderators and admins only). A revoked or expired token answers 401 \`invalid_token\`; a token without the scope an operation names answers 403 \`insufficient_scope\`. The browser session cookie works too, for pages' own calls.

**Errors** are RFC 9457 \`application/problem+json\` documents with a stable \`code\`; every code is explained at [/api/errors](/api/errors), where each problem's \`type\` points.

**Caching.** Successful GETs carry a weak \`ETag\`; send it back in \`If-None-Match\` to get \`304 Not Modified\` when nothing changed. Anonymous answers are \`public, no-cache\`, answers to signed-in callers \`private, no-cache\`.

**Paging.** \`searchEntries\` pages by \`page\` (within a 10,000-result window) or by cursor: each answer's \`nextCursor\` (also \`Link: <…>; rel="next"\`) continues exactly where the page ended, at any depth, without repeats or gaps when entries change in between.

**Rate limits.** Every \`/api/v1\` answer says \`RateLimit-Limit\`, \`RateLimit-Remaining\` and \`RateLimit-Reset\` (seconds); past the limit the answer is 429 \`rate_limited\` with \`Retry-After\`. Budgets are per token, per signed-in user, or per address for anonymous calls.

**Writes** accept an \`Idempotency-Key\` header: a retry with the same key gets the first outcome instead of acting twice.`;

/** Every tag an operation names must be here: the document's readers group operations by them. */
const TAGS = [
  {
    name: "entries",
    description:
      "Stocktaking entries: search, read, create, edit, submit, withdraw; your own entries, their history, images and translations.",
  },
  {
    name: "moderation",
    description:
      "For moderators: the queue of submitted entries, decisions on them, and likely duplicates (compare, dismiss or merge).",
  },
  {
    name: "open-data",
    description:
      "Entries in bulk: exports of a search (CSV, JSON, NDJSON, XLSX), the daily full dumps, and imports of entries from a CSV or XLSX file.",
  },
  {
    name: "taxonomy",
    description: "Reference data: Action Lines, SDGs, the WSIS-SDG Matrix, countries and regions.",
  },
  {
    name: "prizes",
    description:
      "The WSIS Prizes: editions and their phases, submissions, nominees and voting, and the published results.",
  },
  {
    name: "forum",
    description:
      "The WSIS Forum: editions, the Open Consultation Process, the programme and its publication, registration and personal agendas.",
  },
  { name: "admin", description: "Administration (browser session of an admin only)." },
];

// The code's licence, as package.json states it (SPDX).
const LICENSE = { name: "Apache-2.0", identifier: "Apache-2.0" };

const problemContent = (examples: string[]) => ({
  "application/problem+json": {
    schema: { $ref: "#/components/schemas/Problem" },
    examples: Object.fromEntries(
      examples.map((code) => [code, { value: PROBLEM_EXAMPLES[code] ?? PROBLEM_EXAMPLES.not_found }]),
    ),
  },
});

const rateLimitHeaders = {
  "RateLimit-Limit": { $ref: "#/components/headers/RateLimit-Limit" },
  "RateLimit-Remaining": { $ref: "#/components/headers/RateLimit-Remaining" },
  "RateLimit-Reset": { $ref: "#/components/headers/RateLimit-Reset" },
};

const COMPONENTS = {
  securitySchemes: {
    bearer: {
      type: "http",
      scheme: "bearer",
      bearerFormat: "wsis_…",
      description: `A personal API token. Scopes: \`entries:read\` (your account and your unpublished entries), \`entries:write\` (create, edit, submit and withdraw your entries), \`moderation\` (moderators and admins: decide on submitted entries). Each operation lists the scope it needs.`,
    },
    session: {
      type: "apiKey",
      in: "cookie",
      name: SESSION_COOKIE,
      description: "The browser session of a signed-in user (set by the sign-in page).",
    },
  },
  schemas: {
    Problem: {
      type: "object",
      description: "RFC 9457 problem details.",
      required: ["type", "title", "status", "code", "instance"],
      properties: {
        type: { type: "string", description: "`/api/errors#<code>`: where the code is documented." },
        title: { type: "string", description: "The code's message in the negotiated language." },
        status: { type: "integer" },
        code: { type: "string", description: "A stable machine code (see /api/errors)." },
        instance: { type: "string", description: "The request path." },
        errors: {
          type: "array",
          description: "Field errors (`validation_failed` only); codes at /api/errors#field-<code>.",
          items: {
            type: "object",
            required: ["field", "code", "message"],
            properties: { field: { type: "string" }, code: { type: "string" }, message: { type: "string" } },
          },
        },
      },
      additionalProperties: true,
    },
  },
  headers: {
    "RateLimit-Limit": {
      description: "Requests allowed in the current window.",
      schema: { type: "integer" },
    },
    "RateLimit-Remaining": {
      description: "Requests left in the current window.",
      schema: { type: "integer" },
    },
    "RateLimit-Reset": {
      description: "Seconds until the window starts again.",
      schema: { type: "integer" },
    },
    "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer" } },
    ETag: {
      description: "Weak validator of this answer; send it back in `If-None-Match`.",
      schema: { type: "string" },
    },
  },
  parameters: {
    IfNoneMatch: {
      name: "If-None-Match",
      in: "header",
      required: false,
      description: "An `ETag` from an earlier answer: 304 with no body when it still matches.",
      schema: { type: "string" },
    },
  },
  responses: {
    BadRequest: {
      description: "`validation_failed` (with field errors), `invalid_json` or `bad_request`.",
      headers: rateLimitHeaders,
      content: problemContent(["validation_failed"]),
    },
    Unauthorized: {
      description:
        "`authentication_required` (no credentials where they are needed) or `invalid_token` (a token that is unknown, revoked or expired).",
      headers: rateLimitHeaders,
      content: problemContent(["invalid_token", "authentication_required"]),
    },
    Forbidden: {
      description: "`insufficient_scope` (the token lacks the scope), `forbidden` or `email_not_verified`.",
      headers: rateLimitHeaders,
      content: problemContent(["insufficient_scope", "forbidden"]),
    },
    NotFound: {
      description: "No such resource, or not one this caller may see.",
      headers: rateLimitHeaders,
      content: problemContent(["not_found"]),
    },
    TooManyRequests: {
      description: "`rate_limited`: wait `Retry-After` seconds.",
      headers: { ...rateLimitHeaders, "Retry-After": { $ref: "#/components/headers/Retry-After" } },
      content: problemContent(["rate_limited"]),
    },
    NotModified: {
      description: "The `If-None-Match` tag still matches: use the copy you have.",
      headers: { ETag: { $ref: "#/components/headers/ETag" }, ...rateLimitHeaders },
    },
  },
};

/** Who may call a route: derived from its named permission, never written by hand. */
function securityFor(permission: Permission | undefined): Array<Record<string, string[]>> {
  if (!permission || permission === "public") return [{}, { bearer: [] }, { session: [] }];
  const scope = scopeFor(permission);
  return scope ? [{ bearer: [scope] }, { session: [] }] : [{ session: [] }];
}

/** Keywords whose values are data (an answer's `items` list, say), never schemas to rewrite. */
const DATA_KEYWORDS = new Set(["example", "examples", "default", "const", "enum"]);
/** Keywords whose members are named schemas: a property may be called `default` or `example`. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);

/** JSON Schema 2020-12 spells tuples `prefixItems`; TypeBox writes the draft-07 `items: [...]`. */
function modernTuples(node: unknown, namesSchemas = false): void {
  if (Array.isArray(node)) {
    for (const item of node) modernTuples(item);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const schema = node as Json;
  if (!namesSchemas && Array.isArray(schema.items)) {
    schema.prefixItems = schema.items;
    if (schema.additionalItems === false) schema.items = false;
    else delete schema.items;
    delete schema.additionalItems;
  }
  for (const [key, value] of Object.entries(schema)) {
    if (namesSchemas || !DATA_KEYWORDS.has(key)) modernTuples(value, !namesSchemas && SCHEMA_MAPS.has(key));
  }
}

const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });

function completeOperation(path: string, method: string, operation: Operation): void {
  const responses = operation.responses ?? {};
  operation.responses = responses;
  // Our own 4xx answers are problem documents, whatever the route schema's media type says.
  for (const [status, response] of Object.entries(responses)) {
    const content = response.content as Record<string, Json> | undefined;
    if (Number(status) >= 400 && content?.["application/json"]) {
      content["application/problem+json"] = content["application/json"];
      delete content["application/json"];
    }
  }
  const anonymous = operation.security?.some((requirement) => Object.keys(requirement).length === 0);
  const hasInput =
    (operation.parameters ?? []).some((parameter) => parameter.in !== "header") ||
    operation.requestBody !== undefined;
  if (hasInput) responses["400"] ??= ref("BadRequest");
  responses["401"] ??= ref("Unauthorized");
  if (!anonymous) responses["403"] ??= ref("Forbidden");
  if (path.includes("{")) responses["404"] ??= ref("NotFound");
  responses["429"] ??= ref("TooManyRequests");

  // Only whole JSON answers get an ETag (`etag.ts`); streamed downloads do not.
  const media = Object.keys((responses["200"]?.content as Json | undefined) ?? {});
  const conditional = method === "get" && media.length === 1 && media[0] === "application/json";
  for (const [status, response] of Object.entries(responses)) {
    if (!status.startsWith("2") || "$ref" in response) continue;
    response.headers = { ...((response.headers as Json | undefined) ?? {}), ...rateLimitHeaders };
    if (conditional) (response.headers as Json).ETag = { $ref: "#/components/headers/ETag" };
    if (response.description === "Default Response") response.description = "Success";
  }
  if (conditional) {
    operation.parameters = [...(operation.parameters ?? []), { $ref: "#/components/parameters/IfNoneMatch" }];
    responses["304"] ??= ref("NotModified");
  }

  const examples = operation.operationId ? OPERATION_EXAMPLES[operation.operationId] : undefined;
  if (examples?.request) {
    const media = operation.requestBody?.content?.["application/json"];
    if (media) media.examples = examples.request;
  }
  for (const [status, named] of Object.entries(examples?.responses ?? {})) {
    const media = (responses[status]?.content as Record<string, Json> | undefined)?.["application/json"];
    if (media) media.examples = named;
  }
  for (const parameter of operation.parameters ?? []) {
    const example = examples?.parameters?.[String(parameter.name)];
    if (example !== undefined) parameter.example = example;
  }
}

function completeDocument(document: Json): Json {
  modernTuples(document.paths);
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>;
  for (const [path, methods] of Object.entries(paths))
    for (const [method, operation] of Object.entries(methods)) completeOperation(path, method, operation);
  return document;
}

/** `@fastify/swagger` options: the document's frame, and the two hooks that complete it. */
export function openApiOptions(): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: "3.1.0",
      info: { title: "WSIS Platform API", version: "1", description: DESCRIPTION, license: LICENSE },
      // Relative: the API is wherever this document is served from, on every deployment.
      servers: [{ url: "/", description: "This deployment" }],
      tags: TAGS,
      components: COMPONENTS as never,
    },
    hideUntagged: true,
    transform: ({ schema, url, route }) => {
      if (!schema?.tags) return { schema, url };
      const permission = route.config?.permission as Permission | undefined;
      return { schema: { ...schema, security: securityFor(permission) } as typeof schema, url };
    },
    transformObject: (document) =>
      completeDocument(("openapiObject" in document ? document.openapiObject : {}) as Json) as never,
  };
}
