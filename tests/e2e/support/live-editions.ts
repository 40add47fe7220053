import type { MailCatcher } from "../../../src/testing/mail-catcher.ts";
import { FormClient } from "./form-client.ts";
import { type ForumFixtures, setUpForumEditions } from "./forum-editions.ts";
import { type Account, type LivePrizes, startLivePrizes } from "./live-prizes.ts";

/** The editions the page-type checks open while their phases are live. */
export interface LiveEditions {
  /** Prize editions in each live phase: still being made (it waits on the clock), awaited late. */
  prizes: Promise<LivePrizes>;
  forum: ForumFixtures;
}

/**
 * Signs `admin` in once and, with that one client, starts the live prize editions (2090–2093)
 * and makes the Forum editions. The page-type checks (axe in six languages, Nu in two) sign the
 * same admin in again for each language, and signing in is limited to 10 times in 15 minutes per
 * account and address.
 */
export async function setUpLiveEditions(
  baseUrl: string,
  mail: MailCatcher,
  admin: Account,
): Promise<LiveEditions> {
  const client = await FormClient.signedIn(baseUrl, admin);
  const prizes = startLivePrizes(baseUrl, mail, client, {
    submission: 2090,
    review: 2091,
    nomination: 2092,
    voting: 2093,
  });
  return { prizes, forum: await setUpForumEditions(client) };
}
