import type { Transaction } from "kysely";
import type { Database } from "../../db/schema.ts";
import { toLanguage, translator } from "../../platform/i18n.ts";
import { enqueueMail } from "../../platform/mail.ts";
import { findAccount } from "../accounts/accounts.repo.ts";

/** Header values must stay on one line whatever the title holds. */
const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();

export interface MergeMailValues {
  baseUrl: string;
  survivor: { id: string; ownerId: string; title: string };
  retired: { id: string; ownerId: string; title: string };
}

/**
 * Tells both owners about a merge, each in their own language, in the merge's transaction
 * (outbox). An owner of both entries gets one mail, the retired entry's.
 */
export async function mailMergeOwners(trx: Transaction<Database>, values: MergeMailValues): Promise<void> {
  const { baseUrl, survivor, retired } = values;
  const titles = { title: oneLine(retired.title), survivorTitle: oneLine(survivor.title) };
  const survivorLink = `${baseUrl}/entries/${survivor.id}`;

  const retiredOwner = await findAccount(trx, retired.ownerId);
  if (retiredOwner) {
    const t = translator(toLanguage(retiredOwner.language));
    await enqueueMail(trx, {
      to: retiredOwner.email,
      subject: t("duplicates.mail.retired.subject", titles),
      text: [
        t("duplicates.mail.retired.body", { name: retiredOwner.name, ...titles }),
        t("duplicates.mail.retired.link", { link: survivorLink }),
        t("duplicates.mail.retired.history", { link: `${baseUrl}/entries/${retired.id}/history` }),
        t("entries.mail.signature"),
      ].join("\n\n"),
    });
  }
  if (survivor.ownerId === retired.ownerId) return;
  const survivorOwner = await findAccount(trx, survivor.ownerId);
  if (!survivorOwner) return;
  const t = translator(toLanguage(survivorOwner.language));
  await enqueueMail(trx, {
    to: survivorOwner.email,
    subject: t("duplicates.mail.survivor.subject", titles),
    text: [
      t("duplicates.mail.survivor.body", { name: survivorOwner.name, ...titles }),
      t("entries.mail.link", { link: survivorLink }),
      t("entries.mail.signature"),
    ].join("\n\n"),
  });
}
