import type { Translate } from "../../platform/i18n.ts";
import type { MailMessage } from "../../platform/mail.ts";

/** The verification mail: who it is for, the link, and how long it works. */
export function verificationMail(
  t: Translate,
  to: { email: string; name: string },
  link: string,
): MailMessage {
  return {
    to: to.email,
    subject: t("accounts.mail.verify.subject"),
    text: t("accounts.mail.verify.body", { name: to.name, link, hours: 48 }),
  };
}

export function passwordResetMail(
  t: Translate,
  to: { email: string; name: string },
  link: string,
): MailMessage {
  return {
    to: to.email,
    subject: t("accounts.mail.reset.subject"),
    text: t("accounts.mail.reset.body", { name: to.name, link, minutes: 60 }),
  };
}
