import type { Kysely, Transaction } from "kysely";
import nodemailer, { type Transporter } from "nodemailer";
import type { Database } from "../db/schema.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Transactional outbox: mail is written in the same transaction as the change that causes it, so
 * a rolled-back registration never sends a verification link. After commit, `flush` delivers
 * pending rows over SMTP when `SMTP_URL` is set; without it the outbox is the mailbox.
 */
export async function enqueueMail(
  trx: Kysely<Database> | Transaction<Database>,
  message: MailMessage,
): Promise<void> {
  await trx
    .insertInto("outbox")
    .values({
      to_address: message.to,
      subject: message.subject,
      text_body: message.text,
      html_body: message.html ?? null,
    })
    .execute();
}

export interface MailDispatcher {
  /** Delivers what is pending; safe to call often. */
  flush(): Promise<void>;
  close(): void;
}

export function createMailDispatcher(
  db: Kysely<Database>,
  smtpUrl: string | undefined,
  from: string,
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void },
): MailDispatcher {
  const transport: Transporter | null = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  let running: Promise<void> | null = null;
  /** Set by a flush during a pass: that pass may have selected before the caller's mail was committed. */
  let passAgain = false;

  let lastLoggedId = "0";

  /** Without SMTP the outbox is the mailbox; new rows are printed once so a developer sees the links. */
  async function logNew(): Promise<void> {
    const rows = await db
      .selectFrom("outbox")
      .select(["id", "to_address", "subject", "text_body"])
      .where((eb) => eb(eb.cast("id", "bigint"), ">", eb.cast(eb.val(lastLoggedId), "bigint")))
      .orderBy("id")
      .limit(100)
      .execute();
    for (const mail of rows) {
      log.info(
        { to: mail.to_address, subject: mail.subject, text: mail.text_body },
        "mail kept in outbox (no SMTP_URL)",
      );
      lastLoggedId = mail.id;
    }
  }

  async function deliverPending(sender: Transporter): Promise<void> {
    const pending = await db
      .selectFrom("outbox")
      .selectAll()
      .where("sent_at", "is", null)
      .where("error", "is", null)
      .orderBy("id")
      .limit(50)
      .execute();
    for (const mail of pending) {
      try {
        await sender.sendMail({
          from,
          to: mail.to_address,
          subject: mail.subject,
          text: mail.text_body,
          html: mail.html_body ?? undefined,
        });
        await db.updateTable("outbox").set({ sent_at: new Date() }).where("id", "=", mail.id).execute();
      } catch (error) {
        log.error({ err: error, outboxId: mail.id }, "mail delivery failed");
        await db
          .updateTable("outbox")
          .set({ error: String((error as Error).message).slice(0, 500) })
          .where("id", "=", mail.id)
          .execute();
      }
    }
  }

  return {
    flush() {
      // One delivery pass at a time; callers that arrive meanwhile share it and get one more pass
      // after it, or their mail would wait for the next request that writes any.
      if (running) {
        passAgain = true;
        return running;
      }
      running = (async () => {
        do {
          passAgain = false;
          await (transport ? deliverPending(transport) : logNew());
        } while (passAgain);
      })().finally(() => {
        running = null;
      });
      return running;
    },
    close() {
      transport?.close();
    },
  };
}
