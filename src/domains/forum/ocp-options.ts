import { type Language, localName, type Translate } from "../../platform/i18n.ts";
import type { Option } from "../../ui/components.tsx";
import type { ReferenceData } from "../taxonomy/taxonomy.repo.ts";
import { SESSION_MODES, SESSION_TYPES, SPEAKER_ROLES, vocabularyLabel } from "./forum-vocabulary.ts";
import { REQUEST_KINDS, STAND_SIZES } from "./requests-input.ts";

/** The choices the OCP's forms offer, in the reader's language. */
export interface OcpOptions {
  actionLines: Option[];
  sdgs: Option[];
  sessionTypes: Option[];
  modes: Option[];
  roles: Option[];
  standSizes: Option[];
  kinds: Option[];
  stakeholderTypes: Option[];
  regions: Option[];
}

export function ocpOptions(ref: ReferenceData, t: Translate, lang: Language): OcpOptions {
  return {
    actionLines: ref.actionLines.map((line) => ({
      value: line.code,
      label: `${line.code} ${localName(line.names, lang)}`,
    })),
    sdgs: ref.sdgs.map((sdg) => ({
      value: String(sdg.number),
      label: `${sdg.number}. ${localName(sdg.names, lang)}`,
    })),
    sessionTypes: SESSION_TYPES.map((type) => ({ value: type, label: vocabularyLabel.sessionType(t, type) })),
    modes: SESSION_MODES.map((mode) => ({ value: mode, label: vocabularyLabel.sessionMode(t, mode) })),
    roles: SPEAKER_ROLES.map((role) => ({ value: role, label: vocabularyLabel.speakerRole(t, role) })),
    standSizes: STAND_SIZES.map((size) => ({ value: size, label: t(`forum.ocp.standSize.${size}`) })),
    kinds: REQUEST_KINDS.map((kind) => ({ value: kind, label: t(`forum.ocp.kind.${kind}`) })),
    stakeholderTypes: ref.stakeholderTypes.map((row) => ({
      value: row.code,
      label: localName(row.names, lang),
    })),
    regions: ref.regions.map((row) => ({ value: row.code, label: localName(row.names, lang) })),
  };
}

/** The label of `value` among `options`, or the value itself. */
export const labelOf = (options: readonly Option[], value: string | null): string =>
  value === null ? "" : (options.find((option) => option.value === value)?.label ?? value);
