import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface CaughtMail {
  to: string;
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives, so journeys read mail as a user would. */
export async function startMailCatcher(): Promise<{
  url: string;
  mails: CaughtMail[];
  waitFor(to: string, match: RegExp): Promise<string>;
  close(): Promise<void>;
}> {
  const mails: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(",");
        mails.push({ to, raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async waitFor(to, match) {
      for (let i = 0; i < 100; i++) {
        // Quoted-printable soft line breaks would split long links.
        const found = mails.find(
          (mail) => mail.to.includes(to) && match.test(mail.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=")),
        );
        if (found) return found.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`No mail to ${to} matching ${match}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
