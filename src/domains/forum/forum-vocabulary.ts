import type {
  ForumOcpPhase,
  ForumSessionMode,
  ForumSessionType,
  ForumSpeakerRole,
} from "../../db/schema-forum.ts";
import type { Translate } from "../../platform/i18n.ts";

/** The Open Consultation Process's steps in the order they run (DOMAIN.md, "WSIS Forum"). */
export const OCP_PHASES: readonly ForumOcpPhase[] = ["launch", "consultation", "submissions", "final_brief"];

/** Session types (DOMAIN.md); their names are in the catalogs under `forum.sessionType.<code>`. */
export const SESSION_TYPES: readonly ForumSessionType[] = [
  "high_level_policy",
  "ministerial_round_table",
  "action_line_facilitation",
  "thematic_workshop",
  "country_workshop",
  "interactive",
  "knowledge_cafe",
  "talkx",
  "hackathon",
  "exhibition",
  "prize_ceremony",
  "special_track",
];

export const SESSION_MODES: readonly ForumSessionMode[] = ["onsite", "hybrid", "remote"];

/** Speakers' roles, in the order a session page lists them. */
export const SPEAKER_ROLES: readonly ForumSpeakerRole[] = ["moderator", "keynote", "panellist", "remote"];

/** The names of the vocabulary in the reader's language (catalog `forum.json`). */
export const vocabularyLabel = {
  ocpPhase: (t: Translate, phase: ForumOcpPhase) => t(`forum.ocpPhase.${phase}`),
  sessionType: (t: Translate, type: ForumSessionType) => t(`forum.sessionType.${type}`),
  sessionMode: (t: Translate, mode: ForumSessionMode) => t(`forum.sessionMode.${mode}`),
  speakerRole: (t: Translate, role: ForumSpeakerRole) => t(`forum.speakerRole.${role}`),
};
