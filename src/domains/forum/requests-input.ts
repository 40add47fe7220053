import type {
  ForumRequestKind,
  ForumSessionMode,
  ForumSessionType,
  ForumSpeakerRole,
  ForumStandSize,
} from "../../db/schema.ts";
import { FieldErrors } from "../../platform/validation.ts";
import { SESSION_MODES, SESSION_TYPES, SPEAKER_ROLES } from "./forum-vocabulary.ts";

/** The kinds of binding request (DOMAIN.md: workshops, exhibition space, high-level speaking slots). */
export const REQUEST_KINDS: readonly ForumRequestKind[] = ["workshop", "exhibition", "high_level"];
export const STAND_SIZES: readonly ForumStandSize[] = ["small", "medium", "large"];
/** Rows of speakers a request may propose (a panel is rarely larger). */
export const MAX_SPEAKERS = 12;
/** Empty speaker rows the form shows under the filled ones. */
export const SPEAKER_ROWS = 6;

export const REQUEST_LIMITS = {
  title: 300,
  description: 20000,
  organisers: 2000,
  name: 200,
  position: 300,
  reason: 2000,
  views: 10000,
} as const;

export const isRequestKind = (value: unknown): value is ForumRequestKind =>
  typeof value === "string" && (REQUEST_KINDS as readonly string[]).includes(value);

/** A proposed speaker as typed. */
export interface SpeakerInput {
  name?: string;
  email?: string;
  role?: string;
}

/** A request's fields as the form or the API sends them; all optional so a draft saves half-done. */
export interface RequestInput {
  title?: string;
  description?: string;
  sessionType?: string;
  mode?: string;
  organisers?: string;
  actionLines?: readonly string[];
  sdgs?: readonly (number | string)[];
  speakers?: readonly SpeakerInput[];
  standSize?: string;
  speakerName?: string;
  speakerPosition?: string;
}

/** A request's content, checked. */
export interface RequestContent {
  title: string;
  description: string;
  sessionType: ForumSessionType | null;
  mode: ForumSessionMode | null;
  organisers: string;
  actionLines: string[];
  sdgs: number[];
  speakers: Array<{ name: string; email: string; role: ForumSpeakerRole }>;
  standSize: ForumStandSize | null;
  speakerName: string | null;
  speakerPosition: string | null;
}

/** The reference data requests and submissions are checked against. */
export interface OcpReference {
  actionLines: ReadonlySet<string>;
  sdgs: ReadonlySet<number>;
}

/** Action Line codes and SDG numbers checked against the reference data, once each, in order. */
export function checkLinks(
  errors: FieldErrors,
  ref: OcpReference,
  actionLines: readonly string[] = [],
  sdgs: readonly (number | string)[] = [],
): { actionLines: string[]; sdgs: number[] } {
  const lines = [...new Set(actionLines.map((code) => code.trim()).filter((code) => code !== ""))];
  if (lines.some((code) => !ref.actionLines.has(code))) errors.add("actionLines", "unknown_code");
  const numbers = [...new Set(sdgs.map((value) => (typeof value === "number" ? value : Number(value))))];
  if (numbers.some((n) => !Number.isInteger(n) || !ref.sdgs.has(n))) errors.add("sdgs", "unknown_code");
  return { actionLines: lines, sdgs: numbers.filter((n) => ref.sdgs.has(n)).sort((a, b) => a - b) };
}

/**
 * Proposed speakers: rows left wholly empty are dropped; a row needs a name, a valid address and a
 * role; an address appears once per request whatever its case (`Ana@x.org` and `ana@x.org` are
 * the same person), as the sessions' unique index has it.
 */
function checkSpeakers(errors: FieldErrors, rows: readonly SpeakerInput[]): RequestContent["speakers"] {
  const filled = rows.filter((row) => [row.name, row.email, row.role].some((v) => (v ?? "").trim() !== ""));
  if (filled.length > MAX_SPEAKERS) errors.add("speakers", "too_many", { max: MAX_SPEAKERS });
  const seen = new Set<string>();
  return filled.slice(0, MAX_SPEAKERS).map((row, index) => {
    const name = errors.line(`speakers.${index}.name`, row.name ?? "", REQUEST_LIMITS.name);
    const email = errors.email(`speakers.${index}.email`, row.email ?? "");
    const key = email.toLowerCase();
    if (email !== "" && !errors.has(`speakers.${index}.email`)) {
      if (seen.has(key)) errors.add(`speakers.${index}.email`, "duplicate");
      seen.add(key);
    }
    const role = errors.choice(`speakers.${index}.role`, row.role ?? "", SPEAKER_ROLES, {
      code: "invalid_value",
    });
    return { name, email, role: role ?? "panellist" };
  });
}

/**
 * Checks a request of `kind`. A draft needs only its title; `submit` needs what the secretariat
 * decides on: for a workshop its description, format, mode and an Action Line; for exhibition
 * space its description and stand size; for a high-level slot the speaker, their position and
 * the topic (the title). Fields of other kinds are ignored.
 */
export function validateRequest(
  kind: ForumRequestKind,
  input: RequestInput,
  ref: OcpReference,
  mode: "draft" | "submit",
): RequestContent {
  const errors = new FieldErrors();
  const submit = mode === "submit";
  const title = errors.line("title", input.title ?? "", REQUEST_LIMITS.title);
  const description = errors.text("description", input.description ?? "", REQUEST_LIMITS.description, submit);
  const organisers = errors.text("organisers", input.organisers ?? "", REQUEST_LIMITS.organisers);
  const links = checkLinks(errors, ref, input.actionLines, input.sdgs);
  const content: RequestContent = {
    title,
    description,
    sessionType: null,
    mode: null,
    organisers,
    ...links,
    speakers: [],
    standSize: null,
    speakerName: null,
    speakerPosition: null,
  };
  if (kind === "workshop") {
    content.sessionType = errors.choice("sessionType", input.sessionType ?? "", SESSION_TYPES, {
      required: submit,
      code: "invalid_value",
    });
    content.mode = errors.choice("mode", input.mode ?? "", SESSION_MODES, {
      required: submit,
      code: "invalid_value",
    });
    if (submit && links.actionLines.length === 0) errors.add("actionLines", "required");
    content.speakers = checkSpeakers(errors, input.speakers ?? []);
  } else if (kind === "exhibition") {
    content.standSize = errors.choice("standSize", input.standSize ?? "", STAND_SIZES, {
      required: submit,
      code: "invalid_value",
    });
  } else {
    content.speakerName = errors.line("speakerName", input.speakerName ?? "", REQUEST_LIMITS.name, submit);
    content.speakerPosition = errors.line(
      "speakerPosition",
      input.speakerPosition ?? "",
      REQUEST_LIMITS.position,
      submit,
    );
  }
  errors.throwIfAny();
  return content;
}
