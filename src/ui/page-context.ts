import type { Language, Translate } from "../platform/i18n.ts";
import type { Actor } from "../platform/permissions.ts";

/** What every page component may read about the request it renders for. */
export interface PageContext {
  t: Translate;
  lang: Language;
  dir: "ltr" | "rtl";
  actor: Actor | null;
  csrfToken: string;
  /** Path and query of the current request, for "current page" marks and sign-in return. */
  path: string;
  flash: string | null;
  formatNumber(value: number): string;
  formatDate(value: Date | string | null | undefined): string;
  formatDateTime(value: Date | string | null | undefined): string;
}
