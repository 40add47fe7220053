import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { notFound } from "../../platform/errors.ts";
import type { Language, Translate } from "../../platform/i18n.ts";
import { localName } from "../../platform/i18n.ts";
import type { Actor } from "../../platform/permissions.ts";
import { type BadgeText, renderBadgePdf } from "./badges.pdf.ts";
import { signBadge } from "./badges.token.ts";
import { findForumEditionByYear } from "./forum-editions.repo.ts";
import { findRegistration } from "./registration.repo.ts";

/**
 * The badge PDF of `actor`'s confirmed onsite registration for the edition of `year`, in `lang`.
 * 404 `forum_badge_not_available` for anyone else (remote, pending, declined, cancelled, none).
 */
export async function badgePdf(
  db: Kysely<Database>,
  key: Buffer,
  actor: Actor,
  year: number,
  lang: Language,
  t: Translate,
): Promise<Buffer> {
  const edition = await findForumEditionByYear(db, year);
  if (!edition) throw notFound("forum_edition_not_found");
  const registration = await findRegistration(db, edition.id, actor.id);
  if (registration?.status !== "confirmed" || registration.attendance !== "onsite")
    throw notFound("forum_badge_not_available");
  const token = signBadge(key, {
    year,
    registrationId: registration.id,
    version: registration.badge_version,
  });
  const theme = localName(edition.theme as Record<string, string>, lang);
  const text: BadgeText = {
    lang,
    documentTitle: t("forum.registration.badge.documentTitle", { year, name: registration.name }),
    edition: t("forum.registration.badge.edition", { year }),
    name: registration.name,
    organisation: registration.organisation_name ?? "",
    role: t("forum.registration.badge.role"),
    token,
    footer: theme ? `${theme} · ${edition.city}` : edition.city,
  };
  return renderBadgePdf(text);
}
